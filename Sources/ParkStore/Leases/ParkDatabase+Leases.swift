import GRDB
import MemberwiseInit
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
@MemberwiseInit
public struct LeaseTerms: Sendable {
    public var tenant: TenantReference
    public var unitIDs: [Int64]
    public var start: CivilDate
    public var end: CivilDate
    public var rent: Money
    public var deposit: Money
    public var billingDay: Int
}

extension ParkDatabase {
    /// Signs a lease. Only approved or active tenants may sign; no unit may be held by two
    /// leases on one day. A first lease makes an approved tenant active on its start day
    /// (when that day has come).
    public func createLease(_ terms: LeaseTerms, today: CivilDate, context: ChangeContext) async throws -> StoredLease {
        try await write(context) { db in
            try ParkDatabase.createLease(db, terms, today: today, context: context)
        }
    }

    /// `createLease` inside a transaction the caller holds (the demo park loads in one).
    static func createLease(_ db: Database, _ terms: LeaseTerms, today: CivilDate, context: ChangeContext) throws -> StoredLease {
        let tenant = try ParkDatabase.loadTenant(db, terms.tenant)
        let units = try terms.unitIDs.map { id -> LeasedUnit in
            let unit = try ParkDatabase.loadUnit(db, id).unit
            return LeasedUnit(unitID: id, label: unit.label, area: unit.area, kind: unit.kind)
        }
        let firstLeaseStart = try String.fetchOne(db, sql: "SELECT MIN(start) FROM lease WHERE tenantId = ?", arguments: [tenant.id])
            .map { try CivilDate.parse($0, field: "start") }
        let signing = try LeaseSigning.decide(
            tenant: tenant.tenant, units: units, start: terms.start, end: terms.end, rent: terms.rent, deposit: terms.deposit,
            billingDay: terms.billingDay, holders: try unitHolders(db, of: terms.unitIDs), firstLeaseStart: firstLeaseStart,
            onboardingOpen: try ParkDatabase.onboardingOpen(db, tenant: tenant.id),
            onboardingCompletedOn: try ParkDatabase.onboardingCompletedOn(db, tenant: tenant.id), today: today)
        var record = LeaseRecord(signing.lease, createdAt: context.at, updatedAt: context.at)
        try record.insert(db)
        let id = record.id!
        for unit in units { try LeaseUnitRecord(leaseId: id, unit).insert(db) }
        try ParkDatabase.recordRent(db, lease: id, RentChange(from: terms.start, rent: terms.rent), context)
        try ParkDatabase.recordEvent(db, lease: id, "signed", on: terms.start,
                                     "units \(units.map(\.label).joined(separator: ", ")) until \(terms.end) at \(terms.rent)/m²·month", context)
        if let activation = signing.activation(leaseID: id) {
            var moved = tenant.tenant
            try ParkDatabase.recordStatusChange(db, activation, of: tenant, to: &moved, context: context)
        }
        if let moveIn = signing.earlierMoveIn(leaseID: id) {
            try TenantStatusChangeRecord
                .filter(TenantStatusChangeRecord.Columns.tenantId == tenant.id && TenantStatusChangeRecord.Columns.toStatus == TenantStatus.active.rawValue)
                .updateAll(db, [
                    TenantStatusChangeRecord.Columns.effectiveOn.set(to: moveIn.on.description), TenantStatusChangeRecord.Columns.reason.set(to: moveIn.reason),
                    TenantStatusChangeRecord.Columns.recordedAt.set(to: context.at), TenantStatusChangeRecord.Columns.recordedBy.set(to: context.recordedBy),
                ])
        }
        return try ParkDatabase.loadLease(db, record.id!)
    }

    /// The approved tenants whose first lease (the earliest to start) has started by `today` and
    /// whose onboarding checklist is closed, each with that lease and its start: whom the
    /// `move-ins` scheduled job moves in.
    public func tenantsDueToMoveIn(today: CivilDate) async throws -> [(tenant: Int64, lease: Int64, start: CivilDate)] {
        try await read { db in
            try Row.fetchAll(db, sql: """
                SELECT t.id AS tenant, l.id AS lease, l.start AS start
                FROM tenant AS t JOIN lease AS l ON l.id = (
                    SELECT id FROM lease WHERE tenantId = t.id ORDER BY start, id LIMIT 1)
                WHERE t.status = 'approved' AND l.start <= ?
                  AND NOT EXISTS (SELECT 1 FROM onboardingItem WHERE tenantId = t.id AND tickedOn IS NULL)
                ORDER BY t.id
                """, arguments: [today.description]).map { row in
                (row["tenant"], row["lease"], try CivilDate.parse(row["start"] as String, field: "start"))
            }
        }
    }

    /// Moves `tenant` in on its first lease's start day, when that is due (`LeaseSigning.moveIn`,
    /// decided again on what is stored now); nil when it is not.
    public func moveIn(tenant id: Int64, today: CivilDate, context: ChangeContext) async throws -> StoredTenant? {
        try await write(context) { db in
            let stored = try ParkDatabase.loadTenant(db, .id(id))
            guard let first = try LeaseRecord.filter(LeaseRecord.Columns.tenantId == id)
                .order(LeaseRecord.Columns.start, LeaseRecord.Columns.id).fetchOne(db), let lease = first.id else { return nil }
            guard let change = try LeaseSigning.moveIn(
                tenant: stored.tenant, firstLease: (lease, try CivilDate.parse(first.start, field: "start")),
                onboardingOpen: try ParkDatabase.onboardingOpen(db, tenant: id), today: today) else { return nil }
            var moved = stored.tenant
            try ParkDatabase.recordStatusChange(db, change, of: stored, to: &moved, context: context)
            return try ParkDatabase.loadTenant(db, .id(id))
        }
    }

    public func lease(_ id: Int64) async throws -> StoredLease {
        try await read { db in try ParkDatabase.loadLease(db, id) }
    }

    /// Leases by id, optionally of one tenant or holding one unit (either must exist).
    public func leases(tenant: TenantReference? = nil, unitID: Int64? = nil) async throws -> [StoredLease] {
        try await read { db in
            let tenantID = try tenant.map { try ParkDatabase.loadTenant(db, $0).id }
            let unitID = try unitID.map { try ParkDatabase.loadUnit(db, $0).id }
            let ids: SQLRequest<Int64> = """
                SELECT id FROM lease
                \(SQL.whereClause([
                    tenantID.map { "tenantId = \($0)" }, unitID.map { "id IN (SELECT leaseId FROM leaseUnit WHERE rentalUnitId = \($0))" },
                ]))
                ORDER BY id
                """
            return try ids.fetchAll(db).map { try ParkDatabase.loadLease(db, $0) }
        }
    }

    /// A new rent from a day on.
    public func amendLease(_ id: Int64, rent: Money, from day: CivilDate, context: ChangeContext) async throws -> StoredLease {
        try await changeLease(id, context) { db, lease in
            let previous = lease.rent(on: day)
            if try lease.amend(rent: rent, from: day) {
                try LeaseRentRecord
                    .filter(LeaseRentRecord.Columns.leaseId == id && LeaseRentRecord.Columns.effectiveFrom == day.description)
                    .updateAll(db, [
                        LeaseRentRecord.Columns.rentFen.set(to: rent.fen), LeaseRentRecord.Columns.recordedAt.set(to: context.at),
                        LeaseRentRecord.Columns.recordedBy.set(to: context.recordedBy),
                    ])
                try ParkDatabase.recordEvent(db, lease: id, "corrected", on: day, "rent \(previous) → \(rent)/m²·month", context)
            } else {
                try ParkDatabase.recordRent(db, lease: id, RentChange(from: day, rent: rent), context)
                try ParkDatabase.recordEvent(db, lease: id, "amended", on: day, "rent \(rent)/m²·month", context)
            }
        }
    }

    /// A later last day; the extension must not collide with another lease.
    public func renewLease(_ id: Int64, until newEnd: CivilDate, today: CivilDate, context: ChangeContext) async throws -> StoredLease {
        try await changeLease(id, context) { db, lease in
            let previous = lease.end
            try lease.renew(until: newEnd, tenant: try ParkDatabase.loadTenant(db, .id(lease.tenantID)).tenant, today: today)
            try ParkDatabase.unitHolders(db, of: lease.units.map(\.unitID)).ensureFree(for: lease)
            try ParkDatabase.recordEvent(db, lease: id, "renewed", on: previous.adding(days: 1), "until \(newEnd) (was \(previous))", context)
        }
    }

    /// Ends a lease early; `day` is its last day.
    public func terminateLease(_ id: Int64, on day: CivilDate, reason: String, context: ChangeContext) async throws -> StoredLease {
        try await changeLease(id, context) { db, lease in
            let reason = try FieldText.text(reason, field: "reason", maxLength: 500)
            let dropped = try lease.terminate(on: day)
            try ParkDatabase.dropRents(db, lease: id, after: day)
            try ParkDatabase.recordEvent(
                db, lease: id, "terminated", on: day, "\(reason); contracted end was \(lease.end)" + ParkDatabase.droppedNote(dropped), context)
        }
    }

    /// Withdraws a lease signed ahead before its first day (`today` is before its start): it is
    /// removed with its units, rents and history, holding no day of any unit, and the audit
    /// entry keeps what it was. The lease as it was.
    public func withdrawLease(_ id: Int64, reason: String, today: CivilDate, context: ChangeContext) async throws -> StoredLease {
        try await write(context, recording: { (withdrawn: (stored: StoredLease, reason: String)) in
            let lease = withdrawn.stored.lease
            return "ok: withdrew lease \(id) of tenant \(lease.tenantID), \(lease.units.map(\.label).joined(separator: ", ")) from \(lease.start) to \(lease.end), "
                + "rent \(lease.rents.first?.rent.description ?? "?")/m²·month: \(withdrawn.reason)"
        }) { db -> (stored: StoredLease, reason: String) in
            let stored = try ParkDatabase.loadLease(db, id)
            let reason = try FieldText.text(reason, field: "reason", maxLength: 500)
            try stored.lease.checkWithdrawable(today: today)
            try LeaseRecord.deleteOne(db, key: id)
            return (stored: stored, reason: reason)
        }.stored
    }

    private func changeLease(
        _ id: Int64, _ context: ChangeContext, _ change: @escaping @Sendable (Database, inout Lease) throws -> Void
    ) async throws -> StoredLease {
        try await write(context) { db in
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
            try dropRents(db, lease: lease.id!, after: exit.lastDay)
            let dropped = stored.lease.rents.filter { !lease.rents.contains($0) }
            try recordEvent(
                db, lease: lease.id!, "terminated", on: exit.lastDay,
                "tenant exited on \(day); contracted end was \(lease.end)" + droppedNote(dropped), context)
        }
    }

    /// Deletes a lease's rent changes that would begin after its last day: they never apply.
    private static func dropRents(_ db: Database, lease: Int64, after lastDay: CivilDate) throws {
        try LeaseRentRecord
            .filter(LeaseRentRecord.Columns.leaseId == lease && LeaseRentRecord.Columns.effectiveFrom > lastDay.description)
            .deleteAll(db)
    }

    /// What the lease's history says of the rent changes an early end dropped.
    private static func droppedNote(_ dropped: [RentChange]) -> String {
        guard !dropped.isEmpty else { return "" }
        let changes = dropped.map { "rent \($0.rent)/m²·month from \($0.from)" }.joined(separator: ", ")
        return "; dropped what would have begun after it: \(changes)"
    }

    /// The other leases of these units, and the incubator's projects: what a lease of them must not meet.
    private static func unitHolders(_ db: Database, of unitIDs: [Int64]) throws -> UnitHolders {
        let placeholders = Array(repeating: "?", count: unitIDs.count).joined(separator: ",")
        let leases = try Int64.fetchAll(db, sql: """
            SELECT DISTINCT leaseId FROM leaseUnit WHERE rentalUnitId IN (\(placeholders)) ORDER BY leaseId
            """, arguments: StatementArguments(unitIDs))
        return UnitHolders(leases: try leases.map { try loadLease(db, $0).lease }, projects: try loadProjects(db))
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
