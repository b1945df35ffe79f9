import GRDB
import MemberwiseInit
import ParkCore

/// A unit as stored, with its bookkeeping.
public struct StoredUnit: Sendable, Equatable {
    public var unit: RentalUnit
    public var id: Int64 { unit.id! }
    public var createdAt: String
    public var updatedAt: String
}

/// A unit with who holds it on a day, and who held it last before that day.
public struct UnitStanding: Sendable, Equatable {
    public var stored: StoredUnit
    /// The leases and projects holding it that day (none when it is free).
    public var holders: [UnitHolding]
    /// The latest holding that ended before that day.
    public var lastHolder: UnitHolding?
}

extension ParkDatabase {
    /// Adds a unit; its label (building and number joined by a hyphen) is unique.
    public func createUnit(_ unit: RentalUnit, context: ChangeContext) async throws -> StoredUnit {
        try await write(context) { db in
            try ParkDatabase.createUnit(db, unit, context: context)
        }
    }

    /// `createUnit` inside a transaction the caller holds (the demo park loads in one).
    static func createUnit(_ db: Database, _ unit: RentalUnit, context: ChangeContext) throws -> StoredUnit {
        // Building "A-1" number "203" and building "A" number "1-203" would both be A-1-203; and
        // Ａ-301 or a-301 is A-301 typed otherwise.
        let key = RentalUnit.labelKey(unit.label)
        if let existing = try RentalUnitRecord.fetchAll(db).first(where: { RentalUnit.labelKey($0.label) == key }) {
            throw StoreError.unitExists(existing.label, id: existing.id!)
        }
        var record = RentalUnitRecord(unit, createdAt: context.at, updatedAt: context.at)
        try record.insert(db)
        return try record.storedUnit
    }

    /// A unit by id or label, with who holds it on `day` and who held it last.
    public func unit(_ reference: UnitReference, on day: CivilDate) async throws -> UnitStanding {
        try await read { db in
            let stored = try ParkDatabase.loadUnit(db, reference)
            let standing = UnitHolding.standing(of: try ParkDatabase.unitHoldings(db, unit: stored.id), on: day)
            return UnitStanding(stored: stored, holders: standing.current, lastHolder: standing.last)
        }
    }

    /// Units by building and number (`UnitOrder`), optionally of one building or kind.
    public func units(building: String? = nil, kind: UnitKind? = nil) async throws -> [StoredUnit] {
        try await read { db in
            var request = RentalUnitRecord.all()
            if let kind { request = request.filter(RentalUnitRecord.Columns.kind == kind.rawValue) }
            // A building as the park reads it (`a` or `Ａ` for A), as a label is.
            let wanted = building.map(RentalUnit.labelKey)
            return try request.fetchAll(db).filter { record in wanted.map { RentalUnit.labelKey(record.building) == $0 } ?? true }
                .map { try $0.storedUnit }.sorted { UnitOrder.isListed($0.unit, before: $1.unit) }
        }
    }

    public func updateUnit(_ id: Int64, edit: UnitEdit, context: ChangeContext) async throws -> StoredUnit {
        try await write(context) { db in
            let stored = try ParkDatabase.loadUnit(db, id)
            let holder = stored.unit.needsHolder(for: edit) ? try ParkDatabase.unitHoldings(db, unit: id).min { $0.from < $1.from } : nil
            let unit = try stored.unit.applying(edit, holder: holder)
            try RentalUnitRecord(unit, createdAt: stored.createdAt, updatedAt: context.at).update(db)
            return try ParkDatabase.loadUnit(db, id)
        }
    }

    /// Who holds a unit on any day from `first` through `last` (by default, ever): leases by
    /// id, then incubator projects by id.
    static func unitHoldings(
        _ db: Database, unit: Int64, from first: CivilDate = CivilDate(dayNumber: 0), through last: CivilDate = .distantFuture
    ) throws -> [UnitHolding] {
        var holdings: [UnitHolding] = []
        for leaseID in try Int64.fetchAll(db, sql: "SELECT leaseId FROM leaseUnit WHERE rentalUnitId = ? ORDER BY leaseId", arguments: [unit]) {
            let stored = try loadLease(db, leaseID)
            holdings.append(UnitHolding(stored.lease, id: leaseID, tenantName: stored.tenantName))
        }
        for project in try loadProjects(db) where project.seatIDs.contains(unit) {
            holdings.append(UnitHolding(project, id: project.id!))
        }
        return holdings.filter { $0.overlaps(from: first, through: last) }
    }

    static func loadUnit(_ db: Database, _ id: Int64) throws -> StoredUnit {
        guard let record = try RentalUnitRecord.fetchOne(db, key: id) else { throw StoreError.noSuchUnit(id) }
        return try record.storedUnit
    }

    /// A unit by id, or by label: building and number joined by a hyphen, as `RentalUnit.label` writes them.
    static func loadUnit(_ db: Database, _ reference: UnitReference) throws -> StoredUnit {
        switch reference {
        case .id(let id):
            return try loadUnit(db, id)
        case .label(let label):
            // As typed, else as the park reads it (`a-301`, `Ａ-301` for A-301).
            var records = try RentalUnitRecord.labelled(label).order(RentalUnitRecord.Columns.id).fetchAll(db)
            if records.isEmpty {
                let key = RentalUnit.labelKey(label)
                records = try RentalUnitRecord.order(RentalUnitRecord.Columns.id).fetchAll(db).filter { RentalUnit.labelKey($0.label) == key }
            }
            guard let record = records.first else { throw StoreError.noSuchUnit(label: label) }
            // Building "A-1" number "203" and building "A" number "1-203" are both A-1-203.
            guard records.count == 1 else {
                throw DomainError.invalid("label", "\(label) names units \(records.compactMap(\.id).map(String.init).joined(separator: ", ")); give the id")
            }
            return try record.storedUnit
        }
    }
}
