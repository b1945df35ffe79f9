import GRDB

/// A row of `applicationStatement`: one of the firm's statements, in the order given.
struct ApplicationStatementRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "applicationStatement"

    var applicationId: Int64
    var position: Int
    var text: String

    enum Columns {
        static let applicationId = Column(CodingKeys.applicationId)
        static let position = Column(CodingKeys.position)
    }
}
