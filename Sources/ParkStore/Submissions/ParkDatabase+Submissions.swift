import GRDB
import MemberwiseInit
import ParkCore

/// A submission as received: its envelope, the exact bytes signed, and who vouches for it.
@MemberwiseInit
public struct ReceivedSubmission: Sendable {
    public var envelope: SubmissionEnvelope
    public var envelopeBytes: [UInt8]
    /// The file's signature; nil for a staff entry.
    public var signature: [UInt8]?
    /// The signature already checked with the key the envelope names, off the store's writer;
    /// the decision uses it only when the store holds that very key.
    public var checkedSignature: CheckedSignature? = nil

    /// `spool` for a signed file, `staff` for an entry at the admin channel.
    public var channel: String { signature == nil ? "staff" : "spool" }
}

/// A submission taken: its receipt's content and what happened.
@MemberwiseInit
public struct TakenSubmission: Sendable, Equatable {
    public var receipt: String
    public var status: SubmissionReceipt.Status
    /// True when the same bytes had been taken before: the first receipt, nothing changed.
    public var replayed: Bool
    /// Why a submission taken now was rejected, as its receipt says; empty otherwise.
    public var rejection: SubmissionReceiptErrors = SubmissionReceiptErrors([])

    /// The audit entry's outcome: `ok`, or `rejected: ` and the receipt's first reasons; for the
    /// same bytes taken again, what their first receipt said, and that it answered them.
    var auditedOutcome: String {
        if replayed {
            return (status == .accepted ? "ok" : "rejected") + ": the same bytes again, answered with their first receipt; nothing changed"
        }
        return rejection.errors.isEmpty ? "ok" : "rejected: " + rejection.summary
    }
}

/// A submission refused without being recorded (unauthentic, or its id reused with other
/// bytes): the refusal and the receipt that says so. Thrown, so the audit entry records the
/// refusal, and caught by the caller.
public struct SubmissionRefused: Error, Sendable, Equatable, CustomStringConvertible {
    public var refusal: SubmissionRefusal
    public var receipt: String
    public var envelopeSha256: String
    /// Whether the envelope's credit code is a tenant's: only then has the refusal an outbox.
    public var tenantOnFile: Bool
    public var description: String { refusal.description }
}

/// A recorded submission, as listed.
public struct StoredSubmission: Sendable, Equatable {
    public var id: Int64
    public var tenant: Int64
    public var creditCode: String
    public var submissionId: String
    public var type: String
    public var channel: String
    public var envelopeSha256: String
    public var status: String
    public var decidedAt: String
    public var recordedBy: String
    public var receipt: String
}

/// What `submissions(matching:)` selects; nil matches everything.
@MemberwiseInit
public struct SubmissionFilter: Sendable {
    public var tenant: TenantReference? = nil
    public var type: String? = nil
    public var status: String? = nil
    /// When it was decided: from the first instant, before the second (RFC 3339 in UTC, as
    /// `decidedAt` is written; a park day's bounds).
    public var decided: (from: String, before: String)? = nil
    /// Only those older than this row id: the next page after one that ended there.
    public var before: Int64? = nil
    public var limit: Int = 500
}

/// A page of submissions, newest first, and where the next one starts (nil after the last).
public struct SubmissionPage: Sendable {
    public var submissions: [StoredSubmission]
    /// The `before` of the next page: the id of this page's oldest.
    public var next: Int64?
}

extension ParkDatabase {
    /// Takes one submission exactly once: authenticates it, answers a resend of the same bytes
    /// with the first receipt, refuses its id reused with other bytes, and otherwise carries it
    /// out with the same operation the admin channel uses, recording the submission and its
    /// receipt's content in the same transaction as the effect (a refusal of the operation is
    /// recorded as a rejection, the effect rolled back).
    public func takeSubmission(
        _ received: ReceivedSubmission, parkKeyId: String, today: CivilDate, now: Int64, prescreen: PrescreenRules, context: ChangeContext
    ) async throws -> TakenSubmission {
        try await write(context, recording: \.auditedOutcome) { db in
            try ParkDatabase.takeSubmission(db, received, parkKeyId: parkKeyId, today: today, now: now, prescreen: prescreen, context: context)
        }
    }

    /// `today` is the park's day and `now` its clock in seconds since the epoch, as the
    /// operation the submission calls reads them; `prescreen`, the configured criteria an
    /// application is prescreened against.
    static func takeSubmission(
        _ db: Database, _ received: ReceivedSubmission, parkKeyId: String, today: CivilDate, now: Int64, prescreen: PrescreenRules,
        context: ChangeContext
    ) throws -> TakenSubmission {
        let envelope = received.envelope
        let sha256 = SubmissionIntake.sha256(received.envelopeBytes)
        func receipt(_ outcome: Result<SubmissionOutcome, SubmissionReceiptErrors>, refused: Bool = false) -> SubmissionReceipt {
            SubmissionReceipt(
                parkKeyId: parkKeyId, tenant: envelope.tenant, submissionId: envelope.submissionId, type: envelope.type, envelopeSha256: sha256,
                channel: received.channel, decidedAt: context.at, outcome: outcome, refused: refused)
        }
        let sender: SubmissionSender
        var tenantId: Int64?
        if let signature = received.signature {
            let key = try envelope.keyId.flatMap { try tenantKey(db, keyId: $0) }
            sender = .signed(
                signature: signature, key: key?.key, keyHolder: key.flatMap { try? CreditCode($0.creditCode) }, checked: received.checkedSignature)
            tenantId = key?.tenant
        } else {
            sender = .staff(user: context.recordedBy)
            tenantId = try loadTenant(db, .creditCode(envelope.tenant.value)).id
        }
        let previousRow = try tenantId.flatMap { id in
            try Row.fetchOne(db.preparedStatement(
                "SELECT envelopeSha256, receipt, status FROM submission WHERE tenantId = ? AND submissionId = ?", [id, envelope.submissionId]))
        }
        let previous = previousRow.map { RecordedSubmission(envelopeSha256: $0["envelopeSha256"], receipt: $0["receipt"]) }
        let outcome: Result<SubmissionOutcome, SubmissionReceiptErrors>
        switch SubmissionIntake.decide(envelope, envelopeBytes: received.envelopeBytes, sender: sender, previous: previous) {
        case .refuse(let refusal):
            // The firm the envelope names, not the key's holder: a refusal is answered in the
            // outbox of a firm of the park only.
            let tenantOnFile = try Row.fetchOne(db.preparedStatement("SELECT 1 FROM tenant WHERE creditCode = ?", [envelope.tenant.value])) != nil
            throw SubmissionRefused(
                refusal: refusal, receipt: receipt(.failure(SubmissionReceiptErrors([refusal.fieldError])), refused: true).text, envelopeSha256: sha256,
                tenantOnFile: tenantOnFile)
        case .replay(let text):
            let status: String = previousRow?["status"] ?? ""
            return TakenSubmission(receipt: text, status: status == "accepted" ? .accepted : .rejected, replayed: true)
        case .reject(let errors):
            outcome = .failure(SubmissionReceiptErrors(errors))
        case .apply(let request):
            switch db.attempt({ db in try applySubmission(db, request, tenant: envelope.tenant, today: today, now: now, prescreen: prescreen, context: context) }) {
            case .success(let result): outcome = .success(result)
            case .failure(let error as DomainError): outcome = .failure(SubmissionReceiptErrors([SubmissionFieldError(payload: error)]))
            case .failure(let error as EventRefused): outcome = .failure(SubmissionReceiptErrors([SubmissionFieldError(path: "$.payload.event", reason: error.description)]))
            case .failure(let error as StoreError): outcome = .failure(SubmissionReceiptErrors([SubmissionFieldError(path: "$", reason: error.description)]))
            case .failure(let error): throw error
            }
        }
        guard let tenantId else { throw StoreError.noSuchTenant(envelope.tenant.value) }
        let written = receipt(outcome)
        var record = SubmissionRecord(
            id: nil, tenantId: tenantId, submissionId: envelope.submissionId, type: envelope.type, channel: received.channel, envelopeSha256: sha256,
            status: written.status.rawValue, decidedAt: context.at, recordedBy: context.recordedBy, receipt: written.text)
        try record.insert(db)
        var rejection = SubmissionReceiptErrors([])
        if case .failure(let errors) = outcome { rejection = errors }
        return TakenSubmission(receipt: written.text, status: written.status, replayed: false, rejection: rejection)
    }

    /// Carries out a submission's request with the operation the admin channel calls.
    static func applySubmission(
        _ db: Database, _ request: SubmissionRequest, tenant: CreditCode, today: CivilDate, now: Int64, prescreen: PrescreenRules,
        context: ChangeContext
    ) throws -> SubmissionOutcome {
        switch request {
        case .report(let month, let figures, let reason):
            // A report-correction is the payload that carries a reason (a monthly report has none).
            let (report, changes) = try submitReport(
                db, .creditCode(tenant.value), month: month, figures: figures, reason: reason, correcting: reason != nil, today: today,
                context: context)
            return .report(month: report.month, version: report.version, changes: changes)
        case .objection(let application, let grounds, let evidence):
            // The objector is the submitting firm, as the notice's record names it.
            let firm = try loadTenant(db, .creditCode(tenant.value)).tenant
            let objection: StoredReviewObjection
            do {
                objection = try recordReviewObjection(
                    db, application: application, objector: "\(firm.name) (\(tenant.value))", grounds: grounds, evidence: evidence,
                    today: today, context: context)
            } catch StoreError.noSuchApplication {
                // A firm learns of applications from the public notices alone: an id that is on
                // none is answered alike whether or not an application has it.
                throw ParkDatabase.notOnANotice(application)
            }
            return .objection(id: objection.id, application: objection.application, session: objection.session)
        case .eventRegistration(let event, let occurrence, let places, let positions, let roles):
            let stored = try register(
                db, event: event, occurrence: occurrence, tenant: .creditCode(tenant.value), places: places, positions: positions, roles: roles,
                now: now, context: context)
            return .eventRegistration(
                id: stored.id, event: event, occurrence: stored.registration.occurrence, status: stored.registration.status,
                waitingPosition: stored.waitingPosition)
        case .eventCancellation(let registration, let reason):
            // A firm withdraws its own registrations only.
            let holder = try EventRegistrationRecord.fetchOne(db, key: registration)?.registration.tenantID
            guard let holder, holder == (try loadTenant(db, .creditCode(tenant.value)).id) else {
                throw DomainError.invalid("registration", "\(tenant.value) holds no registration \(registration)")
            }
            let withdrawn = try cancelRegistration(db, registration, reason: reason, now: now, context: context)
            return .eventCancellation(id: withdrawn.registration.id, promoted: withdrawn.promoted.map(\.id))
        case .application(let submitted):
            // The firm applies for itself: the envelope's credit code is the application's.
            let application = try receiveApplication(
                db, try submitted.form(creditCode: tenant.value, today: today), rules: prescreen, today: today, context: context)
            return .application(
                id: application.id, status: application.status.rawValue,
                failed: application.checks.filter { !$0.passed }.map { "\($0.criterion.rawValue): \($0.reason)" })
        }
    }

    /// The id of the receipt key the latest receipt names (`park`); nil before any submission.
    public func latestReceiptKeyId() async throws -> String? {
        try await read { db in
            try String.fetchOne(db, sql: "SELECT json_extract(receipt, '$.park') FROM submission ORDER BY id DESC LIMIT 1")
        }
    }

    /// Recorded submissions, newest first, at most `filter.limit`.
    public func submissions(matching filter: SubmissionFilter) async throws -> SubmissionPage {
        try await readInBackground { db in
            let tenantID = try filter.tenant.map { try ParkDatabase.loadTenant(db, $0).id }
            // One more than the page: whether another page follows.
            var found = try ParkDatabase.loadSubmissions(db, where: [
                tenantID.map { "s.tenantId = \($0)" }, filter.type.map { "s.type = \($0)" }, filter.status.map { "s.status = \($0)" },
                filter.decided.map { "s.decidedAt >= \($0.from) AND s.decidedAt < \($0.before)" }, filter.before.map { "s.id < \($0)" },
            ], limit: filter.limit + 1)
            guard found.count > filter.limit else { return SubmissionPage(submissions: found, next: nil) }
            found.removeLast()
            return SubmissionPage(submissions: found, next: found.last?.id)
        }
    }

    /// One recorded submission by its row id, or by tenant and submission id.
    public func submission(id: Int64?, tenant: TenantReference?, submissionId: String?) async throws -> StoredSubmission {
        try await read { db in
            let found: StoredSubmission?
            if let id {
                found = try ParkDatabase.loadSubmissions(db, where: ["s.id = \(id)"], limit: 1).first
            } else if let tenant, let submissionId {
                let tenantID = try ParkDatabase.loadTenant(db, tenant).id
                found = try ParkDatabase.loadSubmissions(db, where: ["s.tenantId = \(tenantID)", "s.submissionId = \(submissionId)"], limit: 1).first
            } else {
                throw DomainError.invalid("id", "give a submission's id, or a tenant and its submission id")
            }
            guard let found else { throw StoreError.noSuchSubmission(id.map(String.init) ?? "\(tenant?.description ?? "")/\(submissionId ?? "")") }
            return found
        }
    }

    /// Recorded submissions by status.
    public func submissionCounts() async throws -> [String: Int] {
        try await readInBackground { db in
            var counts: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT status, COUNT(*) AS n FROM submission GROUP BY status") { counts[row["status"]] = row["n"] }
            return counts
        }
    }

    private static func loadSubmissions(_ db: Database, where conditions: [SQL?], limit: Int) throws -> [StoredSubmission] {
        let request: SQLRequest<Row> = """
            SELECT s.*, tenant.creditCode AS creditCode FROM submission s JOIN tenant ON tenant.id = s.tenantId
            \(SQL.whereClause(conditions)) ORDER BY s.id DESC LIMIT \(limit)
            """
        return try request.fetchAll(db).map { row in
            let record = try SubmissionRecord(row: row)
            return StoredSubmission(
                id: record.id ?? 0, tenant: record.tenantId, creditCode: row["creditCode"], submissionId: record.submissionId, type: record.type,
                channel: record.channel, envelopeSha256: record.envelopeSha256, status: record.status, decidedAt: record.decidedAt,
                recordedBy: record.recordedBy, receipt: record.receipt)
        }
    }
}
