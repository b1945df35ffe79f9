import GRDB
import ParkCore
import TableRow

/// A row of `applicationShareholder`: one shareholder of an application, in the order given.
@TableRow
struct ApplicationShareholderRecord: FetchableRecord, PersistableRecord {
    static let databaseTableName = "applicationShareholder"

    var applicationId: Int64
    var position: Int
    var name: String
    var shareBasisPoints: Int

    init(applicationId: Int64, position: Int, _ shareholder: Shareholder) {
        self.applicationId = applicationId
        self.position = position
        name = shareholder.name
        shareBasisPoints = shareholder.shareBasisPoints
    }

    var shareholder: Shareholder { Shareholder(name: name, shareBasisPoints: shareBasisPoints) }
}
