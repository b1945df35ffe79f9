import GRDB
import ParkCore

/// Something that happened to a lease, for its history.
public struct LeaseEvent: Sendable, Equatable {
    /// signed, amended, renewed or terminated.
    public var kind: String
    public var effectiveOn: CivilDate
    public var detail: String
    public var recordedAt: String
    public var recordedBy: String
}

/// A lease as stored, with its history.
public struct StoredLease: Sendable, Equatable {
    public var lease: Lease
    public var id: Int64 { lease.id! }
    public var tenantName: String
    public var events: [LeaseEvent]
    public var createdAt: String
    public var updatedAt: String
}

/// What signing a lease asks for.
public struct LeaseTerms: Sendable {
    public var tenant: TenantReference
    public var unitIDs: [Int64]
    public var start: CivilDate
    public var end: CivilDate
    public var rent: Money
    public var deposit: Money
    public var billingDay: Int

    public init(tenant: TenantReference, unitIDs: [Int64], start: CivilDate, end: CivilDate, rent: Money, deposit: Money, billingDay: Int) {
        self.tenant = tenant
        self.unitIDs = unitIDs
        self.start = start
        self.end = end
        self.rent = rent
        self.deposit = deposit
        self.billingDay = billingDay
    }
}

extension ParkDatabase {
    /// Signs a lease. Only approved or active tenants may sign; no unit may be held by two
    /// leases on one day. A first lease makes an approved tenant active on its start day
    /// (when that day has come).
    public func createLease(_ terms: LeaseTerms, today: CivilDate, context: ChangeContext) async throws -> StoredLease {
        try await write(audit: context.call, at: context.at, outcome: context.outcome) { db in
            try ParkDatabase.createLease(db, terms, today: today, context: context)
        }
    }

    /// `createLease` inside a transaction the caller holds (the demo park loads in one).
    static func createLease(_ db: Database, _ terms: LeaseTerms, today: CivilDate, context: ChangeContext) throws -> StoredLease {
        let tenant = try ParkDatabase.loadTenant(db, terms.tenant)
        guard [.approved, .active].contains(tenant.tenant.status) else {
            throw DomainError.invalid("tenant", "tenant \(tenant.id) is \(tenant.tenant.status.rawValue); only approved or active tenants may sign a lease")
        }
        let units = try terms.unitIDs.map { id -> LeasedUnit in
            let unit = try ParkDatabase.loadUnit(db, id).unit
            return LeasedUnit(unitID: id, label: unit.label, area: unit.area, kind: unit.kind)
        }
        var lease = try Lease(
            tenantID: tenant.id, units: units, start: terms.start, end: terms.end, rent: terms.rent,
            deposit: terms.deposit, billingDay: terms.billingDay)
        try ParkDatabase.ensureNoConflict(db, lease)
        try ParkDatabase.ensureSeatsFree(db, lease)
        let isFirst = try LeaseRecord.filter(LeaseRecord.Columns.tenantId == tenant.id).fetchCount(db) == 0
        var record = LeaseRecord(lease, createdAt: context.at, updatedAt: context.at)
        try record.insert(db)
        lease.id = record.id
        for unit in units { try LeaseUnitRecord(leaseId: record.id!, unit).insert(db) }
        try ParkDatabase.recordRent(db, lease: record.id!, RentChange(from: terms.start, rent: terms.rent), context)
        try ParkDatabase.recordEvent(db, lease: record.id!, "signed", on: terms.start,
                                     "units \(units.map(\.label).joined(separator: ", ")) until \(terms.end) at \(terms.rent)/m²·month", context)
        if isFirst, tenant.tenant.status == .approved, terms.start <= today {
            var moved = tenant.tenant
            let change = try moved.change(to: .active, on: terms.start, reason: "first lease \(record.id!) signed", today: today)
            try ParkDatabase.recordStatusChange(db, change, of: tenant, to: &moved, context: context)
        }
        return try ParkDatabase.loadLease(db, record.id!)
    }

    public func lease(_ id: Int64) async throws -> StoredLease {
        try await read { db in try ParkDatabase.loadLease(db, id) }
    }

    /// Leases by id, optionally of one tenant or holding one unit.
    public func leases(tenant: TenantReference? = nil, unitID: Int64? = nil) async throws -> [StoredLease] {
        try await read { db in
            var sql = "SELECT id FROM lease"
            var conditions: [String] = []
            var arguments: StatementArguments = []
            if let tenant {
                conditions.append("tenantId = ?")
                _ = arguments.append(contentsOf: [try ParkDatabase.loadTenant(db, tenant).id])
            }
            if let unitID {
                conditions.append("id IN (SELECT leaseId FROM leaseUnit WHERE rentalUnitId = ?)")
                _ = arguments.append(contentsOf: [unitID])
            }
            if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
            return try Int64.fetchAll(db, sql: sql + " ORDER BY id", arguments: arguments).map { try ParkDatabase.loadLease(db, $0) }
        }
    }

    /// A new rent from a day on.
    public func amendLease(_ id: Int64, rent: Money, from day: CivilDate, context: ChangeContext) async throws -> StoredLease {
        try await changeLease(id, context) { db, lease in
            try lease.amend(rent: rent, from: day)
            try ParkDatabase.recordRent(db, lease: id, RentChange(from: day, rent: rent), context)
            try ParkDatabase.recordEvent(db, lease: id, "amended", on: day, "rent \(rent)/m²·month", context)
        }
    }

    /// A later last day; the extension must not collide with another lease.
    public func renewLease(_ id: Int64, until newEnd: CivilDate, context: ChangeContext) async throws -> StoredLease {
        try await changeLease(id, context) { db, lease in
            let previous = lease.end
            try lease.renew(until: newEnd)
            try ParkDatabase.ensureNoConflict(db, lease)
            try ParkDatabase.ensureSeatsFree(db, lease)
            try ParkDatabase.recordEvent(db, lease: id, "renewed", on: previous.adding(days: 1), "until \(newEnd) (was \(previous))", context)
        }
    }

    /// Ends a lease early; `day` is its last day.
    public func terminateLease(_ id: Int64, on day: CivilDate, reason: String, context: ChangeContext) async throws -> StoredLease {
        try await changeLease(id, context) { db, lease in
            let reason = try TenantField.text(reason, field: "reason", maxLength: 500)
            try lease.terminate(on: day)
            try ParkDatabase.recordEvent(db, lease: id, "terminated", on: day, "\(reason); contracted end was \(lease.end)", context)
        }
    }

    private func changeLease(
        _ id: Int64, _ context: ChangeContext, _ change: @escaping @Sendable (Database, inout Lease) throws -> Void
    ) async throws -> StoredLease {
        try await write(audit: context.call, at: context.at, outcome: context.outcome) { db in
            let stored = try ParkDatabase.loadLease(db, id)
            var lease = stored.lease
            try change(db, &lease)
            try LeaseRecord(lease, createdAt: stored.createdAt, updatedAt: context.at).update(db)
            return try ParkDatabase.loadLease(db, id)
        }
    }

    /// A tenant's exit on `day`: its leases running past its last day in the park end on it,
    /// each recorded in the lease's history (refused when a lease or a report contradicts it).
    static func applyExit(_ db: Database, tenant: Int64, on day: CivilDate, context: ChangeContext) throws {
        let leases = try Int64.fetchAll(db, sql: "SELECT id FROM lease WHERE tenantId = ? ORDER BY id", arguments: [tenant])
            .map { try loadLease(db, $0) }
        let months = try String.fetchAll(db, sql: "SELECT month FROM operatingReport WHERE tenantId = ? AND isCurrent", arguments: [tenant])
            .compactMap { try? Month.parse($0, field: "month") }
        let exit = try TenantExit.decide(on: day, leases: leases.map(\.lease), reportedMonths: months)
        for lease in exit.endedLeases {
            let stored = try loadLease(db, lease.id!)
            try LeaseRecord(lease, createdAt: stored.createdAt, updatedAt: context.at).update(db)
            try recordEvent(db, lease: lease.id!, "terminated", on: exit.lastDay, "tenant exited on \(day); contracted end was \(lease.end)", context)
        }
    }

    /// Refuses a lease of an incubator seat that a project occupies on one of its days.
    private static func ensureSeatsFree(_ db: Database, _ lease: Lease) throws {
        for unit in lease.units where unit.kind == .incubator {
            if let project = try loadProjects(db).first(where: { $0.occupies(seat: unit.unitID, from: lease.start, through: lease.lastDay) }) {
                throw DomainError.invalid("units", "incubator seat \(unit.label) is occupied by project \(project.id!) (\(project.name)) from \(project.enteredOn)")
            }
        }
    }

    /// Refuses a lease that would hold a unit on a day another lease holds it.
    private static func ensureNoConflict(_ db: Database, _ lease: Lease) throws {
        let ids = lease.units.map(\.unitID)
        let placeholders = Array(repeating: "?", count: ids.count).joined(separator: ",")
        let candidates = try Int64.fetchAll(db, sql: """
            SELECT DISTINCT leaseId FROM leaseUnit WHERE rentalUnitId IN (\(placeholders)) AND leaseId IS NOT ?
            ORDER BY leaseId
            """, arguments: StatementArguments(ids) + [lease.id])
        for candidate in candidates {
            let other = try loadLease(db, candidate).lease
            guard other.conflicts(with: lease) else { continue }
            let shared = other.units.first { unit in ids.contains(unit.unitID) }!
            throw StoreError.leaseConflict(unit: shared.label, lease: candidate, from: other.start, to: other.lastDay)
        }
    }

    private static func recordRent(_ db: Database, lease: Int64, _ change: RentChange, _ context: ChangeContext) throws {
        try LeaseRentRecord(change, leaseId: lease, recordedAt: context.at, recordedBy: context.recordedBy).insert(db)
    }

    private static func recordEvent(_ db: Database, lease: Int64, _ kind: String, on day: CivilDate, _ detail: String, _ context: ChangeContext) throws {
        let event = LeaseEvent(kind: kind, effectiveOn: day, detail: detail, recordedAt: context.at, recordedBy: context.recordedBy)
        try LeaseEventRecord(event, leaseId: lease).insert(db)
    }

    static func loadLease(_ db: Database, _ id: Int64) throws -> StoredLease {
        guard let record = try LeaseRecord.fetchOne(db, key: id) else { throw StoreError.noSuchLease(id) }
        let units = try LeasedUnitRow.fetchAll(
            db, sql: LeasedUnitRow.select + " WHERE leaseUnit.leaseId = ? ORDER BY rentalUnit.building, rentalUnit.number", arguments: [id]
        ).map { try $0.leasedUnit }
        let rents = try LeaseRentRecord.filter(LeaseRentRecord.Columns.leaseId == id).order(LeaseRentRecord.Columns.effectiveFrom)
            .fetchAll(db).map { try $0.rentChange }
        let events = try LeaseEventRecord.filter(LeaseEventRecord.Columns.leaseId == id).order(LeaseEventRecord.Columns.id)
            .fetchAll(db).map { try $0.event }
        let tenantName = try String.fetchOne(db, sql: "SELECT name FROM tenant WHERE id = ?", arguments: [record.tenantId]) ?? ""
        return try record.storedLease(units: units, rents: rents, tenantName: tenantName, events: events)
    }
}
