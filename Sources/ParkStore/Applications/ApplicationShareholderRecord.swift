import GRDB
import ParkCore

/// A row of `applicationShareholder`: one shareholder of an application, in the order given.
struct ApplicationShareholderRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "applicationShareholder"

    var applicationId: Int64
    var position: Int
    var name: String
    var shareBasisPoints: Int

    enum Columns {
        static let applicationId = Column(CodingKeys.applicationId)
        static let position = Column(CodingKeys.position)
    }

    init(applicationId: Int64, position: Int, _ shareholder: Shareholder) {
        self.applicationId = applicationId
        self.position = position
        name = shareholder.name
        shareBasisPoints = shareholder.shareBasisPoints
    }

    var shareholder: Shareholder { Shareholder(name: name, shareBasisPoints: shareBasisPoints) }
}
