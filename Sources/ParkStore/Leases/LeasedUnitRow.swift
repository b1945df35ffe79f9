import GRDB
import ParkCore
import ParkPolicy

/// A unit a lease holds as the lease sees it: a row of `leaseUnit` with its unit's building,
/// number and kind, read by column name.
struct LeasedUnitRow: Decodable, FetchableRecord {
    var leaseId: Int64
    var rentalUnitId: Int64
    var areaCenti: Int64
    var building: String
    var number: String
    var kind: String

    /// The statement without its condition and order.
    static let select = """
        SELECT leaseUnit.leaseId, leaseUnit.rentalUnitId, leaseUnit.areaCenti, rentalUnit.building, rentalUnit.number, rentalUnit.kind
        FROM leaseUnit JOIN rentalUnit ON rentalUnit.id = leaseUnit.rentalUnitId
        """

    var leasedUnit: LeasedUnit {
        get throws {
            guard let kind = UnitKind(rawValue: kind) else { throw StoreError.unreadable("lease \(leaseId)") }
            return LeasedUnit(unitID: rentalUnitId, label: label, area: Area(centiSquareMetres: areaCenti), kind: kind)
        }
    }

    /// The unit as the policies read it.
    var fact: LeasedUnitFact { LeasedUnitFact(label: label, kind: kind, centiSquareMetres: areaCenti) }

    private var label: String { "\(building)-\(number)" }
}
