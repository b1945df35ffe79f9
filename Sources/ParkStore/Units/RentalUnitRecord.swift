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

    /// The units of `kind` in the park on `day` (from their `availableFrom`, or from the first
    /// day a lease or a project held them when that is earlier), for the park's area and seats
    /// on a day: a unit added later counts in no earlier figure.
    static func inPark(kind: UnitKind, on day: CivilDate) -> SQLRequest<Row> {
        let day = day.description
        return """
            SELECT COALESCE(SUM(u.areaCenti), 0) AS areaCenti, COUNT(*) AS units FROM rentalUnit AS u
            WHERE u.kind = \(kind.rawValue) AND (u.availableFrom <= \(day)
              OR EXISTS (SELECT 1 FROM leaseUnit AS lu JOIN lease AS l ON l.id = lu.leaseId WHERE lu.rentalUnitId = u.id AND l.start <= \(day))
              OR EXISTS (SELECT 1 FROM incubatorSeat AS s JOIN incubatorProject AS p ON p.id = s.incubatorProjectId
                         WHERE s.rentalUnitId = u.id AND p.enteredOn <= \(day)))
            """
    }

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
