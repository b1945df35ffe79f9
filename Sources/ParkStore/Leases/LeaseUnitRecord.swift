import GRDB
import ParkCore
import TableRow

/// A row of `leaseUnit`: a unit a lease holds, with the area fixed when it was signed. It is
/// read with its unit's label and kind (`LeasedUnitRow`).
@TableRow
struct LeaseUnitRecord: FetchableRecord, PersistableRecord {
    static let databaseTableName = "leaseUnit"

    var leaseId: Int64
    var rentalUnitId: Int64
    var areaCenti: Int64

    init(leaseId: Int64, _ unit: LeasedUnit) {
        self.leaseId = leaseId
        rentalUnitId = unit.unitID
        areaCenti = unit.area.centiSquareMetres
    }
}
