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
    var availableFrom: String
    var createdAt: String
    var updatedAt: String

    /// The units of `kind` in the park on `day`, for the park's area and seats on a day: a unit
    /// added later counts in no earlier figure. (A lease or project holding a unit from an
    /// earlier day moved its `availableFrom` back to that day: migration v25's triggers.)
    static func inPark(kind: UnitKind, on day: CivilDate) -> SQLRequest<Row> {
        """
        SELECT COALESCE(SUM(areaCenti), 0) AS areaCenti, COUNT(*) AS units FROM rentalUnit
        WHERE kind = \(kind.rawValue) AND availableFrom <= \(day.description)
        """
    }

    /// The units whose label (`RentalUnit.label`: building and number joined by a hyphen) is
    /// `label`: one, unless a database written before labels were unique holds two.
    /// `A-1203`, as `RentalUnit.label` writes it.
    var label: String { RentalUnit.label(building: building, number: number) }

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
        availableFrom = unit.availableFrom.description
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    var storedUnit: StoredUnit {
        get throws {
            guard let id, let kind = UnitKind(rawValue: kind), let from = try? CivilDate.parse(availableFrom, field: "availableFrom") else {
                throw StoreError.unreadable("rentalUnit \(id ?? 0)")
            }
            let unit = RentalUnit(
                id: id, building: building, floor: floor, number: number, area: Area(centiSquareMetres: areaCenti),
                kind: kind, listRent: Money(fen: listRentFen), availableFrom: from)
            return StoredUnit(unit: unit, createdAt: createdAt, updatedAt: updatedAt)
        }
    }
}
