import ParkControl
import ParkCore
import ParkPolicy
import ParkStore

/// The one place where errors become Varlink errors. Clients never see SQL or internals.
enum ControlErrors {
    static func varlinkError(for error: any Error) -> VarlinkError {
        declared(error)?.varlinkError ?? (error as? VarlinkError) ?? ServiceAPI.InternalError().varlinkError
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
            return ReportAPI.ImportRefused(problems: error.problems.map {
                ReportAPI.ImportProblem(line: $0.line, column: $0.column, reason: $0.reason)
            })
        case let error as PolicyProblems:
            return PolicyAPI.PolicyRejected(problems: error.problems.map {
                PolicyAPI.Problem(file: $0.file, line: $0.position?.line, column: $0.position?.column, message: $0.message)
            })
        case let error as PolicyRunError:
            return RewardAPI.CalculationFailed(message: error.message)
        case let error as RewardRunRefused:
            switch error {
            case .noDifferences(let period, let approved):
                return RewardAPI.NoDifferences(period: period, run: approved.last ?? 0)
            case .outdated(let run, let period, let since):
                return RewardAPI.RunOutdated(run: run, period: period, approvedSince: since)
            }
        case let error as LeaseConflict:
            return LeaseAPI.LeaseConflict(unit: error.unit, lease: error.lease, message: error.description)
        case let error as RewardCalculationFailed:
            return RewardAPI.CalculationFailed(message: error.description)
        case let error as StoreError:
            return declared(error)
        default:
            return nil
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
        case .noSuchApplication(let id): ApplicationAPI.NoSuchApplication(application: id)
        case .alreadyBlocklisted(let code, let since): BlocklistAPI.AlreadyListed(creditCode: code, listedOn: since)
        case .notBlocklisted(let code): BlocklistAPI.NotListed(creditCode: code)
        case .noSuchSession(let id): ReviewAPI.NoSuchSession(session: id)
        case .sessionOpen(let id): ReviewAPI.SessionSealed(session: id)
        case .schemaTooNew, .unusable: nil
        }
    }
}
