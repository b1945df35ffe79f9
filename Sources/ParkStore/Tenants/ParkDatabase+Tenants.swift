import GRDB
import ParkCore

extension ParkDatabase {
    /// Registers a new applicant. Credit codes are unique.
    public func createTenant(_ tenant: Tenant, context: ChangeContext) async throws -> StoredTenant {
        try await write(context) { db in
            try ParkDatabase.createTenant(db, tenant, context: context)
        }
    }

    /// `createTenant` inside a transaction the caller holds (the demo park loads in one).
    static func createTenant(_ db: Database, _ tenant: Tenant, context: ChangeContext) throws -> StoredTenant {
        try ParkDatabase.ensureCreditCodeFree(db, tenant.creditCode, except: nil)
        var record = TenantRecord(tenant, createdAt: context.at, updatedAt: context.at)
        let id = try record.insertPrepared(db)
        record.id = id
        try ParkDatabase.saveLinesAndTags(db, id: id, tenant: tenant)
        // What was just written, as a read of it would give it (lines in their canonical order,
        // tags sorted, no history yet), without reading it back.
        return try record.storedTenant(lines: tenant.businessLines, tags: tenant.tags.sorted(), history: [])
    }

    /// One tenant by id or credit code.
    public func tenant(_ reference: TenantReference) async throws -> StoredTenant {
        try await readInOneStatement { db in try ParkDatabase.loadTenant(db, reference) }
    }

    /// A page of tenants and the cursor of the next page (nil on the last).
    public func tenants(_ query: TenantQuery) async throws -> (tenants: [StoredTenant], next: Int64?) {
        try await read { db in
            var request = TenantRecord.order(TenantRecord.Columns.id).limit(query.limit + 1)
            if let status = query.status { request = request.filter(TenantRecord.Columns.status == status.rawValue) }
            if let after = query.afterID { request = request.filter(TenantRecord.Columns.id > after) }
            if let line = query.businessLine {
                request = request.filter(sql: "id IN (SELECT tenantId FROM tenantBusinessLine WHERE line = ?)", arguments: [line.rawValue])
            }
            var records = try request.fetchAll(db)
            var next: Int64?
            if records.count > query.limit {
                records.removeLast()
                next = records.last?.id
            }
            return (try ParkDatabase.loadTenants(db, records: records), next)
        }
    }

    /// Tenants per status (statuses with none are absent).
    public func tenantCounts() async throws -> [TenantStatus: Int] {
        try await read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT status, COUNT(*) AS n FROM tenant GROUP BY status")
            var counts: [TenantStatus: Int] = [:]
            for row in rows {
                if let status = TenantStatus(rawValue: row["status"]) { counts[status] = row["n"] }
            }
            return counts
        }
    }

    /// Applies an edit to a tenant's fields.
    public func updateTenant(_ reference: TenantReference, edit: TenantEdit, context: ChangeContext) async throws -> StoredTenant {
        try await write(context) { db in
            let stored = try ParkDatabase.loadTenant(db, reference)
            var tenant = stored.tenant
            try tenant.apply(edit)
            // An edit that changes nothing writes nothing: the record keeps its last change's time.
            guard tenant != stored.tenant else { return stored }
            if tenant.creditCode != stored.tenant.creditCode {
                try ParkDatabase.ensureCreditCodeFree(db, tenant.creditCode, except: stored.id)
            }
            try TenantRecord(tenant, createdAt: stored.createdAt, updatedAt: context.at).update(db)
            try TenantBusinessLineRecord.filter(TenantBusinessLineRecord.Columns.tenantId == stored.id).deleteAll(db)
            try TenantTagRecord.filter(TenantTagRecord.Columns.tenantId == stored.id).deleteAll(db)
            try ParkDatabase.saveLinesAndTags(db, id: stored.id, tenant: tenant)
            return try ParkDatabase.loadTenant(db, .id(stored.id))
        }
    }

    /// Moves a tenant along its lifecycle on `day` by hand (checked against its history, `today`
    /// and an application of the firm's that awaits its entry review).
    public func transitionTenant(
        _ reference: TenantReference, to status: TenantStatus, on day: CivilDate, reason: String,
        today: CivilDate, context: ChangeContext
    ) async throws -> StoredTenant {
        try await write(context) { db in
            try ParkDatabase.transitionTenant(db, reference, to: status, on: day, reason: reason, today: today, byHand: true, context: context)
        }
    }

    /// `transitionTenant` inside a transaction the caller holds (the demo park loads in one); a
    /// review's notice moving its applicants is not `byHand`.
    static func transitionTenant(
        _ db: Database, _ reference: TenantReference, to status: TenantStatus, on day: CivilDate, reason: String,
        today: CivilDate, byHand: Bool, context: ChangeContext
    ) throws -> StoredTenant {
        let stored = try ParkDatabase.loadTenant(db, reference)
        var tenant = stored.tenant
        let awaitingReview = byHand
            ? try Int64.fetchOne(db, sql: "SELECT id FROM application WHERE tenantId = ? AND status = ? ORDER BY id",
                                 arguments: [stored.id, ApplicationStatus.awaitingReview.rawValue])
            : nil
        let change = try tenant.change(to: status, on: day, reason: reason, today: today, awaitingReview: awaitingReview)
        if status == .exited { try ParkDatabase.applyExit(db, tenant: stored.id, on: day, context: context) }
        try ParkDatabase.recordStatusChange(db, change, of: stored, to: &tenant, context: context)
        return try ParkDatabase.loadTenant(db, .id(stored.id))
    }

    /// The one writer of status changes: applies `change` to `tenant` (the stored one's value)
    /// and records it in the tenant's history. A firm that leaves the park or is refused entry
    /// gives up its places at the park's events from the change's day on.
    static func recordStatusChange(_ db: Database, _ change: StatusChange, of stored: StoredTenant, to tenant: inout Tenant, context: ChangeContext) throws {
        tenant.apply(change)
        try TenantStatusChangeRecord(change, tenantId: stored.id, recordedAt: context.at, recordedBy: context.recordedBy).insert(db)
        try TenantRecord(tenant, createdAt: stored.createdAt, updatedAt: context.at).update(db)
        try ParkDatabase.withdrawRegistrations(db, of: stored.id, after: change, context: context)
    }

    // MARK: - Rows to tenants

    private static func ensureCreditCodeFree(_ db: Database, _ code: CreditCode, except id: Int64?) throws {
        if let holder = try Int64.fetchOne(db.preparedStatement(tenantIDByCreditCode, [code.value])), holder != id {
            throw StoreError.creditCodeInUse(code.value, by: holder)
        }
    }

    private static let tenantIDByCreditCode = "SELECT id FROM tenant WHERE creditCode = ?"

    private static func saveLinesAndTags(_ db: Database, id: Int64, tenant: Tenant) throws {
        for line in tenant.businessLines { try TenantBusinessLineRecord(tenantId: id, line).insertPrepared(db) }
        for tag in tenant.tags { try TenantTagRecord(tenantId: id, tag: tag).insertPrepared(db) }
    }

    /// One tenant with its lines, tags and history, read by a single statement: one snapshot
    /// of the database without a transaction around it, and one statement instead of four
    /// (this is the read behind `tenant show` and every change that names a tenant).
    static func loadTenant(_ db: Database, _ reference: TenantReference) throws -> StoredTenant {
        let statement: Statement
        switch reference {
        case .id(let id): statement = try db.preparedStatement(tenantByID, [id])
        case .creditCode(let code): statement = try db.preparedStatement(tenantByCreditCode, [code])
        }
        guard let found = try TenantWithDetails.fetchOne(statement) else { throw StoreError.noSuchTenant(reference.description) }
        return try found.tenant.storedTenant(lines: found.businessLines, tags: found.tags, history: found.history.map { try $0.recordedChange })
    }

    private static let tenantByID = TenantWithDetails.sql(where: "id = ?")
    private static let tenantByCreditCode = TenantWithDetails.sql(where: "creditCode = ?")

    /// Builds tenants from their rows, fetching lines, tags and history for all of them at once.
    static func loadTenants(_ db: Database, records: [TenantRecord]) throws -> [StoredTenant] {
        guard !records.isEmpty else { return [] }
        let ids = records.compactMap(\.id)
        // Same SQL for the same page size, so the prepared statements are reused.
        let placeholders = ids.count == 1 ? "?" : Array(repeating: "?", count: ids.count).joined(separator: ",")
        let arguments = StatementArguments(ids)
        var lines: [Int64: [BusinessLine]] = [:]
        for record in try TenantBusinessLineRecord.fetchAll(db.preparedStatement(
            "SELECT * FROM tenantBusinessLine WHERE tenantId IN (\(placeholders))", arguments
        )) {
            if let line = record.businessLine { lines[record.tenantId, default: []].append(line) }
        }
        var tags: [Int64: [String]] = [:]
        for record in try TenantTagRecord.fetchAll(db.preparedStatement(
            "SELECT * FROM tenantTag WHERE tenantId IN (\(placeholders)) ORDER BY tag", arguments
        )) {
            tags[record.tenantId, default: []].append(record.tag)
        }
        var history: [Int64: [RecordedStatusChange]] = [:]
        for record in try TenantStatusChangeRecord.fetchAll(db.preparedStatement(
            "SELECT * FROM tenantStatusChange WHERE tenantId IN (\(placeholders)) ORDER BY id", arguments
        )) {
            history[record.tenantId, default: []].append(try record.recordedChange)
        }
        return try records.map { record in
            let id = record.id ?? 0
            return try record.storedTenant(lines: lines[id] ?? [], tags: tags[id] ?? [], history: history[id] ?? [])
        }
    }
}
