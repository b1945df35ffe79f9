import GRDB
import ParkCore

/// A unit as stored, with its bookkeeping.
public struct StoredUnit: Sendable, Equatable {
    public var unit: RentalUnit
    public var id: Int64 { unit.id! }
    public var createdAt: String
    public var updatedAt: String
}

/// Changes to a unit: nil leaves a field alone.
public struct UnitEdit: Sendable {
    public var floor: String?
    public var area: Area?
    public var kind: UnitKind?
    public var listRent: Money?

    public init(floor: String? = nil, area: Area? = nil, kind: UnitKind? = nil, listRent: Money? = nil) {
        self.floor = floor
        self.area = area
        self.kind = kind
        self.listRent = listRent
    }
}

extension ParkDatabase {
    /// Adds a unit; building and number together are unique.
    public func createUnit(_ unit: RentalUnit, context: ChangeContext) async throws -> StoredUnit {
        try await write(audit: context.call, at: context.at, outcome: context.outcome) { db in
            try ParkDatabase.createUnit(db, unit, context: context)
        }
    }

    /// `createUnit` inside a transaction the caller holds (the demo park loads in one).
    static func createUnit(_ db: Database, _ unit: RentalUnit, context: ChangeContext) throws -> StoredUnit {
        if let existing = try RentalUnitRecord
            .filter(RentalUnitRecord.Columns.building == unit.building && RentalUnitRecord.Columns.number == unit.number).fetchOne(db) {
            throw StoreError.unitExists(unit.label, id: existing.id!)
        }
        var record = RentalUnitRecord(unit, createdAt: context.at, updatedAt: context.at)
        try record.insert(db)
        return try record.storedUnit
    }

    public func unit(_ id: Int64) async throws -> StoredUnit {
        try await read { db in try ParkDatabase.loadUnit(db, id) }
    }

    /// Units by building and number, optionally of one building or kind.
    public func units(building: String? = nil, kind: UnitKind? = nil) async throws -> [StoredUnit] {
        try await read { db in
            var request = RentalUnitRecord.order(RentalUnitRecord.Columns.building, RentalUnitRecord.Columns.number)
            if let building { request = request.filter(RentalUnitRecord.Columns.building == building) }
            if let kind { request = request.filter(RentalUnitRecord.Columns.kind == kind.rawValue) }
            return try request.fetchAll(db).map { try $0.storedUnit }
        }
    }

    public func updateUnit(_ id: Int64, edit: UnitEdit, context: ChangeContext) async throws -> StoredUnit {
        try await write(audit: context.call, at: context.at, outcome: context.outcome) { db in
            let stored = try ParkDatabase.loadUnit(db, id)
            var unit = stored.unit
            if let floor = edit.floor { unit.floor = try TenantField.optionalText(floor, field: "floor", maxLength: 20) }
            if let area = edit.area { unit.area = area }
            if let kind = edit.kind, kind != unit.kind {
                // Rewards of past periods read a leased unit's kind: it changes only for a unit
                // nobody holds or has held.
                if let holder = try ParkDatabase.unitHolders(db, unit: id, from: CivilDate(dayNumber: 0), through: .distantFuture).first {
                    throw DomainError.invalid("kind", "unit \(unit.label) is held by \(holder); the kind of a unit a lease or project holds or has held cannot change")
                }
                unit.kind = kind
            }
            if let rent = edit.listRent {
                try Lease.checkRent(rent, field: "listRent")
                unit.listRent = rent
            }
            try RentalUnitRecord(unit, createdAt: stored.createdAt, updatedAt: context.at).update(db)
            return try ParkDatabase.loadUnit(db, id)
        }
    }

    /// Who holds a unit on any day from `first` through `last`: leases and incubator projects,
    /// in words ("lease 3 of tenant 2 from 2021-03-15 to 2022-03-14", "project 1 (智聘云) from 2021-03-01").
    static func unitHolders(_ db: Database, unit: Int64, from first: CivilDate, through last: CivilDate) throws -> [String] {
        var holders: [String] = []
        for leaseID in try Int64.fetchAll(db, sql: "SELECT leaseId FROM leaseUnit WHERE rentalUnitId = ? ORDER BY leaseId", arguments: [unit]) {
            let lease = try loadLease(db, leaseID).lease
            if lease.start <= last && first <= lease.lastDay {
                holders.append("lease \(leaseID) of tenant \(lease.tenantID) from \(lease.start) to \(lease.lastDay)")
            }
        }
        for project in try loadProjects(db) where project.occupies(seat: unit, from: first, through: last) {
            holders.append("project \(project.id!) (\(project.name)) from \(project.enteredOn)")
        }
        return holders
    }

    static func loadUnit(_ db: Database, _ id: Int64) throws -> StoredUnit {
        guard let record = try RentalUnitRecord.fetchOne(db, key: id) else { throw StoreError.noSuchUnit(id) }
        return try record.storedUnit
    }
}
