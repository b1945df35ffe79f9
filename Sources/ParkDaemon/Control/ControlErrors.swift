import ParkControl
import ParkCore
import ParkPolicy
import ParkStore

/// The one place where errors become Varlink errors. Clients never see SQL or internals.
enum ControlErrors {
    /// Its parameters' long values are cut (`DomainError.shorteningValues`): a refusal names a
    /// value — in the reply, the audit trail and the journal — but never sends it back whole,
    /// however long a tenant reference or a timer's name a client sent.
    static func varlinkError(for error: any Error) -> VarlinkError {
        let varlinkError = declared(error)?.varlinkError ?? (error as? VarlinkError) ?? ServiceAPI.InternalError().varlinkError
        return VarlinkError(name: varlinkError.name, parameters: shorteningValues(in: varlinkError.parameters))
    }

    private static func shorteningValues(in value: JSONValue) -> JSONValue {
        switch value {
        case .string(let text) where text.utf8.count > 240: .string(DomainError.shorteningValues(text))
        case .array(let values): .array(values.map(shorteningValues(in:)))
        case .object(let members): .object(members.mapValues(shorteningValues(in:)))
        default: value
        }
    }

    /// The sentence an administrator reads for an error (a scheduled job's failure, which no
    /// client receives): the declared error's, else the error's own description.
    static func sentence(for error: any Error) -> String {
        declared(error)?.sentence ?? "\(error)"
    }

    /// The declared error a Swift error is answered with; nil for one that is no client's
    /// business (answered as `InternalError`, details in the journal).
    private static func declared(_ error: any Error) -> (any DeclaredError)? {
        switch error {
        case let error as any DeclaredError:
            return error
        case let error as DomainError:
            switch error.kind {
            case .invalidField:
                return ServiceAPI.InvalidField(field: error.field, reason: error.reason)
            case .invalidTransition(let from, let to):
                return TenantAPI.InvalidTransition(from: from.rawValue, to: to.rawValue, allowed: from.next.map(\.rawValue))
            case .yearNotCovered(let year):
                return CalendarAPI.YearNotCovered(year: year)
            }
        case let error as ImportRefused:
            let listed = error.problems.prefix(ReportAPI.ImportRefused.listed)
            return ReportAPI.ImportRefused(
                problems: listed.map { ReportAPI.ImportProblem(line: $0.line, column: $0.column, reason: $0.reason) },
                more: error.problems.count > listed.count ? error.problems.count - listed.count : nil)
        case let error as PolicyProblems:
            return PolicyAPI.PolicyRejected(problems: error.problems.map {
                PolicyAPI.Problem(file: $0.file, line: $0.position?.line, column: $0.position?.column, message: $0.message)
            })
        case let error as PolicyRunError:
            if let field = error.field { return ServiceAPI.InvalidField(field: field, reason: error.message) }
            return RewardAPI.CalculationFailed(message: error.message)
        case let error as RewardRunRefused:
            switch error {
            case .noDifferences(let period, let approved):
                return RewardAPI.NoDifferences(period: period, run: approved.last ?? 0)
            case .outdated(let run, let period, let since):
                return RewardAPI.RunOutdated(run: run, period: period, approvedSince: since)
            case .totalTooLarge:
                return RewardAPI.CalculationFailed(message: error.description)
            case .changed(let run, let period, let changes):
                let listed = Array(changes.prefix(RewardAPI.RunChanged.listed))
                return RewardAPI.RunChanged(run: run, period: period, changes: listed, more: changes.count > listed.count ? changes.count - listed.count : nil)
            case .notAsRecorded(let run, let difference):
                return RewardAPI.RunNotAsRecorded(run: run, difference: difference)
            }
        case let error as EventRefused:
            return EventHandlers.declared(error)
        case let error as LeaseConflict:
            return LeaseAPI.LeaseConflict(unit: error.unit, lease: error.lease, message: error.description)
        case let error as RewardCalculationFailed:
            return RewardAPI.CalculationFailed(message: error.description)
        case let error as CashingRefusal:
            return declared(error)
        case let error as StoreError:
            return declared(error)
        case let error as StorageFailure:
            switch error {
            case .diskFull: return ServiceAPI.DiskFull()
            case .busy(let holder): return ServiceAPI.DatabaseBusy(holderPid: holder.map(Int64.init))
            case .readOnly: return ServiceAPI.DatabaseReadOnly()
            case .unavailable(let reason): return ServiceAPI.DatabaseUnavailable(reason: reason)
            }
        default:
            return nil
        }
    }

    private static func declared(_ error: CashingRefusal) -> any DeclaredError {
        switch error {
        case .runNotApproved(let run, let status): NoticeAPI.RunNotApproved(run: run, status: status)
        case .noticeExists(let run, let endsOn): NoticeAPI.NoticeExists(run: run, endsOn: endsOn.description)
        case .noSuchNotice(let run): NoticeAPI.NoSuchNotice(run: run)
        case .noticeNotEnded(let run, let endsOn, let today):
            NoticeAPI.NoticeNotEnded(run: run, endsOn: endsOn.description, today: today.description)
        case .noticeEnded(let run, let endsOn): NoticeAPI.NoticeEnded(run: run, endsOn: endsOn.description)
        case .noticeClosed(let run, let closedAt):
            ServiceAPI.InvalidField(field: "run", reason: "the notice of run \(run) is already closed (at \(closedAt)): its released lines are payable")
        case .noSuchLine(let line): NoticeAPI.NoSuchLine(line: line)
        case .noSuchObjection(let objection): NoticeAPI.NoSuchObjection(objection: objection)
        case .objectionResolved(let objection, let resolution): NoticeAPI.ObjectionResolved(objection: objection, resolution: resolution)
        case .noSuchBatch(let batch): PaymentAPI.NoSuchBatch(batch: batch)
        case .sameApprover(let batch, let uid): PaymentAPI.SameApprover(batch: batch, uid: uid)
        case .batchState(let batch, let status, let needed): PaymentAPI.BatchState(batch: batch, status: status, needed: needed)
        case .nothingToPay(let reason): PaymentAPI.NothingToPay(reason: reason)
        case .resultRefused(let row, let reason): PaymentAPI.ResultRefused(row: row, reason: reason)
        case .notAsRecorded(let difference): PaymentAPI.PaymentsNotAsRecorded(difference: difference)
        case .totalTooLarge(let what):
            RewardAPI.CalculationFailed(message: "the amounts of \(what) add up to more than \(Money.largest) yuan, the largest amount parkd holds")
        }
    }

    private static func declared(_ error: StoreError) -> (any DeclaredError)? {
        switch error {
        case .noSuchTenant(let reference): TenantAPI.NoSuchTenant(tenant: reference)
        case .creditCodeInUse(let code, let tenant): TenantAPI.CreditCodeInUse(creditCode: code, tenant: tenant)
        case .noSuchUnit(let id): UnitAPI.NoSuchUnit(unit: id)
        case .noSuchUnitLabel(let label): UnitAPI.NoSuchUnit(label: label)
        case .unitExists(let label, let id): UnitAPI.UnitExists(unit: label, id: id)
        case .noSuchLease(let id): LeaseAPI.NoSuchLease(lease: id)
        case .noSuchProject(let id): IncubatorAPI.NoSuchProject(project: id)
        case .noSuchRun(let id): RewardAPI.NoSuchRun(run: id)
        case .runNotDraft(let id, let status): RewardAPI.RunNotDraft(run: id, status: status)
        case .noSuchEvent(let id): EventAPI.NoSuchEvent(event: id)
        case .noSuchRegistration(let id): EventAPI.NoSuchRegistration(registration: id)
        case .noSuchReport(let tenant, let month): ReportAPI.NoSuchReport(tenant: tenant, month: month)
        case .noSuchApplication(let id): ApplicationAPI.NoSuchApplication(application: id)
        case .alreadyBlocklisted(let code, let since): BlocklistAPI.AlreadyListed(creditCode: code, listedOn: since)
        case .notBlocklisted(let code): BlocklistAPI.NotListed(creditCode: code)
        case .noSuchSession(let id): ReviewAPI.NoSuchSession(session: id)
        case .sessionOpen(let id): ReviewAPI.SessionSealed(session: id)
        case .sessionNotOnNotice(let id): ReviewAPI.NotOnNotice(session: id)
        case .noSuchReviewObjection(let id): ReviewAPI.NoSuchObjection(objection: id)
        case .noSuchReviewDecision(let id): ReviewAPI.NoSuchDecision(decision: id)
        case .noSuchReviewAppeal(let id): ReviewAPI.NoSuchAppeal(appeal: id)
        case .noSuchTenantKey(let keyId): TenantKeyAPI.NoSuchKey(keyId: keyId)
        case .noSuchSubmission(let reference): SubmissionAPI.NoSuchSubmission(submission: reference)
        case .tenantKeyInUse(let keyId, let tenant): TenantKeyAPI.KeyInUse(keyId: keyId, tenant: tenant)
        case .schemaTooNew, .unusable: nil
        }
    }
}
