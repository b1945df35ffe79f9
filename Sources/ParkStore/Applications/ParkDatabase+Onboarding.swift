import GRDB
import ParkCore

/// An application's onboarding checklist as recorded.
public struct StoredOnboardingChecklist: Sendable, Equatable {
    public var checklist: OnboardingChecklist
    /// The firm's tenant record.
    public var tenant: Int64
    /// Its status now.
    public var tenantStatus: TenantStatus
    /// Who ticked each item (by the checklist's order), nil while open.
    public var tickedBy: [String?]
}

extension ParkDatabase {
    /// Opens the checklist of an approved application with `items` (the configuration's), unless
    /// it has one; no items, no checklist.
    static func openOnboardingChecklist(
        _ db: Database, application: Int64, tenant: Int64, items: [OnboardingChecklist.Item], context: ChangeContext
    ) throws {
        guard !items.isEmpty,
              try OnboardingItemRecord.filter(OnboardingItemRecord.Columns.applicationId == application).fetchCount(db) == 0 else { return }
        for (position, item) in items.enumerated() {
            var record = OnboardingItemRecord(
                id: nil, applicationId: application, tenantId: tenant, position: position, name: item.name, description: item.description,
                openedAt: context.at, tickedOn: nil, tickedAt: nil, tickedBy: nil)
            try record.insert(db)
        }
    }

    /// Whether the tenant has an onboarding item not yet ticked (its first lease then does not
    /// activate it).
    static func onboardingOpen(_ db: Database, tenant: Int64) throws -> Bool {
        try OnboardingItemRecord.filter(OnboardingItemRecord.Columns.tenantId == tenant && OnboardingItemRecord.Columns.tickedOn == nil).fetchCount(db) > 0
    }

    /// The day the tenant's onboarding checklist was completed (its last item ticked); nil when
    /// it has none, or an item is still open.
    static func onboardingCompletedOn(_ db: Database, tenant: Int64) throws -> CivilDate? {
        try String.fetchOne(db, sql: """
            SELECT MAX(tickedOn) FROM onboardingItem WHERE tenantId = ? HAVING COUNT(*) > 0 AND COUNT(tickedOn) = COUNT(*)
            """, arguments: [tenant]).map { try CivilDate.parse($0, field: "tickedOn") }
    }

    /// An application's onboarding checklist.
    public func onboardingChecklist(application: Int64) async throws -> StoredOnboardingChecklist {
        try await read { db in try ParkDatabase.loadOnboardingChecklist(db, application: application) }
    }

    /// Ticks one item of an application's checklist on `today`: the last tick makes an approved
    /// tenant whose first lease has started active.
    public func tickOnboardingItem(
        application: Int64, item: String, today: CivilDate, context: ChangeContext
    ) async throws -> (checklist: StoredOnboardingChecklist, activated: Bool) {
        try await write(context) { db in
            let stored = try ParkDatabase.loadOnboardingChecklist(db, application: application)
            let tenant = try ParkDatabase.loadTenant(db, .id(stored.tenant))
            let firstStart = try String.fetchOne(db, sql: "SELECT MIN(start) FROM lease WHERE tenantId = ?", arguments: [stored.tenant])
                .map { try CivilDate.parse($0, field: "start") }
            let tick = try stored.checklist.tick(item, tenant: tenant.tenant, firstLeaseStart: firstStart, today: today)
            try db.execute(
                sql: "UPDATE onboardingItem SET tickedOn = ?, tickedAt = ?, tickedBy = ? WHERE applicationId = ? AND name = ?",
                arguments: [today.description, context.at, context.recordedBy, application, item])
            if let activation = tick.activation {
                var moved = tenant.tenant
                try ParkDatabase.recordStatusChange(db, activation, of: tenant, to: &moved, context: context)
            }
            return (try ParkDatabase.loadOnboardingChecklist(db, application: application), tick.activation != nil)
        }
    }

    static func loadOnboardingChecklist(_ db: Database, application: Int64) throws -> StoredOnboardingChecklist {
        guard try ApplicationRecord.fetchOne(db, key: application) != nil else { throw StoreError.noSuchApplication(application) }
        let records = try OnboardingItemRecord.filter(OnboardingItemRecord.Columns.applicationId == application).order(OnboardingItemRecord.Columns.position).fetchAll(db)
        guard let first = records.first else {
            throw DomainError.invalid("application", "application \(application) has no onboarding checklist: a firm gets one when it is approved")
        }
        let items = try records.map { record in
            OnboardingChecklist.Item(
                name: record.name, description: record.description,
                tickedOn: try record.tickedOn.map { try CivilDate.parse($0, field: "tickedOn") })
        }
        let tenant = try ParkDatabase.loadTenant(db, .id(first.tenantId))
        return StoredOnboardingChecklist(
            checklist: OnboardingChecklist(application: application, items: items), tenant: first.tenantId,
            tenantStatus: tenant.tenant.status, tickedBy: records.map(\.tickedBy))
    }
}
