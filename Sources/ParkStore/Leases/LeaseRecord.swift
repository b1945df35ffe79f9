import GRDB
import ParkCore
import ParkPolicy
import TableRow

/// A row of `lease`; its units, rents and events live in their own tables.
@TableRow
struct LeaseRecord: FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "lease"

    var id: Int64?
    var tenantId: Int64
    var start: String
    var end: String
    var terminatedOn: String?
    var depositFen: Int64
    var billingDay: Int
    var createdAt: String
    var updatedAt: String

    init(_ lease: Lease, createdAt: String, updatedAt: String) {
        id = lease.id
        tenantId = lease.tenantID
        start = lease.start.description
        end = lease.end.description
        terminatedOn = lease.terminatedOn?.description
        depositFen = lease.deposit.fen
        billingDay = lease.billingDay
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// The lease with its units, its rents (oldest first, at least one), its tenant's name and
    /// its events.
    func storedLease(units: [LeasedUnit], rents: [RentChange], tenantName: String, events: [LeaseEvent]) throws -> StoredLease {
        let unreadable = StoreError.unreadable("lease \(id ?? 0)")
        guard let id, let start = try? CivilDate.parse(start, field: "start"), let end = try? CivilDate.parse(end, field: "end"),
              !rents.isEmpty else { throw unreadable }
        let terminated = try terminatedOn.map { text -> CivilDate in
            guard let day = try? CivilDate.parse(text, field: "terminatedOn") else { throw unreadable }
            return day
        }
        let lease = Lease(
            id: id, tenantID: tenantId, units: units, start: start, end: end, terminatedOn: terminated,
            rents: rents, deposit: Money(fen: depositFen), billingDay: billingDay)
        return StoredLease(lease: lease, tenantName: tenantName, events: events, createdAt: createdAt, updatedAt: updatedAt)
    }

    /// The lease as the policies read it.
    func fact(units: [LeasedUnitFact], rents: [RentFact]) -> LeaseFact {
        LeaseFact(id: id ?? 0, start: start, lastDay: terminatedOn ?? end, units: units, rents: rents)
    }
}
