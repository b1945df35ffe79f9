import GRDB
import ParkCore
import TableRow

/// A row of `rentalUnit`.
@TableRow
struct RentalUnitRecord: FetchableRecord, MutablePersistableRecord {
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

    /// The units whose label (`RentalUnit.label`: building and number joined by a hyphen) is
    /// `label`: one, unless a database written before labels were unique holds two.
    static func labelled(_ label: String) -> QueryInterfaceRequest<RentalUnitRecord> {
        filter(sql: "building || '-' || number = ?", arguments: [label])
    }

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

    var storedUnit: StoredUnit {
        get throws {
            guard let id, let kind = UnitKind(rawValue: kind) else { throw StoreError.unreadable("rentalUnit \(id ?? 0)") }
            let unit = RentalUnit(
                id: id, building: building, floor: floor, number: number, area: Area(centiSquareMetres: areaCenti),
                kind: kind, listRent: Money(fen: listRentFen))
            return StoredUnit(unit: unit, createdAt: createdAt, updatedAt: updatedAt)
        }
    }
}
