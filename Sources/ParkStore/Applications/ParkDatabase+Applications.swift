import GRDB
import ParkCore

extension ParkDatabase {
    /// Receives an application: prescreens it against the registry, the firm's other
    /// applications and the blocklist, records it with every check, and creates or moves the
    /// firm's record in the registry (applicant → reviewing when it passes, → rejected when it
    /// fails), all in one transaction.
    public func receiveApplication(
        _ form: ApplicationForm, rules: PrescreenRules, today: CivilDate, context: ChangeContext
    ) async throws -> StoredApplication {
        try await write(context) { db in
            try ParkDatabase.receiveApplication(db, form, rules: rules, today: today, context: context)
        }
    }

    /// `receiveApplication` inside a transaction the caller holds (a tenant's submission
    /// records the application and itself together).
    static func receiveApplication(
        _ db: Database, _ form: ApplicationForm, rules: PrescreenRules, today: CivilDate, context: ChangeContext
    ) throws -> StoredApplication {
        let code = try? CreditCode(form.creditCode)
        let existing = try code.flatMap { code in try ParkDatabase.existingTenant(db, code) }
        let open = try ApplicationRecord
            .filter(ApplicationRecord.Columns.creditCode == form.creditCode)
            .filter(ApplicationRecord.Columns.status == ApplicationStatus.awaitingReview.rawValue)
            .fetchOne(db)
        let facts = PrescreenFacts(
            tenant: existing?.tenant, openApplication: open?.id,
            blocklisted: try code.flatMap { try ParkDatabase.activeBlocklistEntry(db, $0.value)?.entry })
        let admission = ApplicationAdmission.decide(form, facts: facts, rules: rules, today: today)
        let registered: StoredTenant? = switch admission.registry {
        case .new(let tenant): try ParkDatabase.createTenant(db, tenant, context: context)
        case .existing: existing
        case .none: nil
        }
        if let registered, let change = admission.statusChange {
            var moved = registered.tenant
            try ParkDatabase.recordStatusChange(db, change, of: registered, to: &moved, context: context)
        }
        let tenantID = registered?.id
        var record = ApplicationRecord(
            form, tenantId: tenantID, status: admission.status, createdAt: context.at, createdBy: context.recordedBy)
        try record.insert(db)
        let id = record.id!
        for (position, shareholder) in form.shareholders.enumerated() {
            try ApplicationShareholderRecord(applicationId: id, position: position, shareholder).insert(db)
        }
        for (position, statement) in form.statements.enumerated() {
            try ApplicationStatementRecord(applicationId: id, position: position, text: statement).insert(db)
        }
        for check in admission.checks { try ApplicationCheckRecord(applicationId: id, check).insert(db) }
        return try ParkDatabase.loadApplication(db, id)
    }

    public func application(_ id: Int64) async throws -> StoredApplication {
        try await read { db in try ParkDatabase.loadApplication(db, id) }
    }

    /// Applications by id, optionally only those in `status`.
    public func applications(status: ApplicationStatus?) async throws -> [StoredApplication] {
        try await readInBackground { db in
            var request = ApplicationRecord.order(ApplicationRecord.Columns.id)
            if let status { request = request.filter(ApplicationRecord.Columns.status == status.rawValue) }
            return try request.fetchAll(db).map { try ParkDatabase.loadApplication(db, $0) }
        }
    }

    /// Withdraws an open application on `day`; the firm's record under review for it is rejected.
    public func withdrawApplication(
        _ id: Int64, reason: String, on day: CivilDate, today: CivilDate, context: ChangeContext
    ) async throws -> StoredApplication {
        try await write(context) { db in
            guard var record = try ApplicationRecord.fetchOne(db, key: id) else { throw StoreError.noSuchApplication(id) }
            let stored = try record.tenantId.map { try ParkDatabase.loadTenant(db, .id($0)) }
            // A closed session whose result on it still leads to a decision (none once that result
            // was withdrawn by an upheld objection, or its rejection reopened by an accepted appeal).
            let withdrawal = try ApplicationWithdrawal.decide(
                application: id, status: try record.applicationStatus, closedSession: try ParkDatabase.undecidedResult(db, application: id),
                appliedOn: try record.appliedDay,
                tenant: stored?.tenant, reason: reason, on: day, today: today)
            if let stored, let change = withdrawal.statusChange {
                var moved = stored.tenant
                try ParkDatabase.recordStatusChange(db, change, of: stored, to: &moved, context: context)
            }
            record.status = ApplicationStatus.withdrawn.rawValue
            record.withdrawnOn = withdrawal.on.description
            record.withdrawalReason = withdrawal.reason
            record.updatedAt = context.at
            try record.update(db)
            return try ParkDatabase.loadApplication(db, id)
        }
    }

    /// Records where an application stands after a review: the verdict of the final decision
    /// now in force, or `awaitingReview` again once an accepted appeal reopened it. The one
    /// writer of those statuses.
    static func recordReviewStanding(_ db: Database, application: Int64, _ status: ApplicationStatus, context: ChangeContext) throws {
        try db.execute(sql: "UPDATE application SET status = ?, updatedAt = ? WHERE id = ?", arguments: [status.rawValue, context.at, application])
    }

    // MARK: - Rows to applications

    /// The registry's record of the firm with `code`, if it has one.
    private static func existingTenant(_ db: Database, _ code: CreditCode) throws -> StoredTenant? {
        do {
            return try loadTenant(db, .creditCode(code.value))
        } catch StoreError.noSuchTenant {
            return nil
        }
    }

    static func loadApplication(_ db: Database, _ id: Int64) throws -> StoredApplication {
        guard let record = try ApplicationRecord.fetchOne(db, key: id) else { throw StoreError.noSuchApplication(id) }
        return try loadApplication(db, record)
    }

    private static func loadApplication(_ db: Database, _ record: ApplicationRecord) throws -> StoredApplication {
        let id = record.id ?? 0
        let shareholders = try ApplicationShareholderRecord
            .filter(ApplicationShareholderRecord.Columns.applicationId == id).order(ApplicationShareholderRecord.Columns.position)
            .fetchAll(db).map(\.shareholder)
        let statements = try ApplicationStatementRecord
            .filter(ApplicationStatementRecord.Columns.applicationId == id).order(ApplicationStatementRecord.Columns.position)
            .fetchAll(db).map(\.text)
        let checkRecords = try ApplicationCheckRecord.filter(ApplicationCheckRecord.Columns.applicationId == id).fetchAll(db)
        let order = PrescreenCriterion.allCases
        let checks = try checkRecords.map { try $0.check }
            .sorted { order.firstIndex(of: $0.criterion)! < order.firstIndex(of: $1.criterion)! }
        let tenantStatus = try record.tenantId.flatMap { tenant in
            try String.fetchOne(db, sql: "SELECT status FROM tenant WHERE id = ?", arguments: [tenant]).flatMap(TenantStatus.init(rawValue:))
        }
        return StoredApplication(
            id: id, form: try record.form(shareholders: shareholders, statements: statements), status: try record.applicationStatus,
            checks: checks, tenantID: record.tenantId, tenantStatus: tenantStatus,
            withdrawnOn: record.withdrawnOn.flatMap { try? CivilDate.parse($0, field: "withdrawnOn") },
            withdrawalReason: record.withdrawalReason, createdAt: record.createdAt, createdBy: record.createdBy, updatedAt: record.updatedAt)
    }
}
