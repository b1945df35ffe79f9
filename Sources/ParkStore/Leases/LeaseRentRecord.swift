import GRDB
import ParkCore
import ParkPolicy
import TableRow

/// A row of `leaseRent`: a lease's rent per m² per month from a day on.
@TableRow
struct LeaseRentRecord: FetchableRecord, PersistableRecord {
    static let databaseTableName = "leaseRent"

    var id: Int64?
    var leaseId: Int64
    var effectiveFrom: String
    var rentFen: Int64
    var recordedAt: String
    var recordedBy: String

    init(_ change: RentChange, leaseId: Int64, recordedAt: String, recordedBy: String) {
        self.leaseId = leaseId
        effectiveFrom = change.from.description
        rentFen = change.rent.fen
        self.recordedAt = recordedAt
        self.recordedBy = recordedBy
    }

    var rentChange: RentChange {
        get throws {
            guard let from = try? CivilDate.parse(effectiveFrom, field: "effectiveFrom") else {
                throw StoreError.unreadable("lease \(leaseId)")
            }
            return RentChange(from: from, rent: Money(fen: rentFen))
        }
    }

    /// The rent as the policies read it.
    var fact: RentFact { RentFact(from: effectiveFrom, fenPerSquareMetre: rentFen) }
}
