import GRDB
import TableRow

/// A row of `applicationStatement`: one of the firm's statements, in the order given.
@TableRow
struct ApplicationStatementRecord: FetchableRecord, PersistableRecord {
    static let databaseTableName = "applicationStatement"

    var applicationId: Int64
    var position: Int
    var text: String
}
