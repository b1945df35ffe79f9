import GRDB
import ParkCore

/// A row of `rentalUnit`.
struct RentalUnitRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "rentalUnit"

    var id: Int64?
    var building: String
    var floor: String?
    var number: String
    var areaCenti: Int64
    var kind: String
    var listRentFen: Int64
    var createdAt: String
    var updatedAt: String

    init(_ unit: RentalUnit, createdAt: String, updatedAt: String) {
        id = unit.id
        building = unit.building
        floor = unit.floor
        number = unit.number
        areaCenti = unit.area.centiSquareMetres
        kind = unit.kind.rawValue
        listRentFen = unit.listRent.fen
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    func unit() throws -> RentalUnit {
        guard let id, let kind = UnitKind(rawValue: kind) else {
            throw StoreError.unusable("rentalUnit \(id ?? 0)", "holds a value this parkd cannot read")
        }
        return RentalUnit(
            id: id, building: building, floor: floor, number: number, area: Area(centiSquareMetres: areaCenti),
            kind: kind, listRent: Money(fen: listRentFen))
    }
}

/// A row of `lease`; its units, rents and events live in their own tables.
struct LeaseRecord: Codable, FetchableRecord, MutablePersistableRecord {
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

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
