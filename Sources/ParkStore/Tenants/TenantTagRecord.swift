import GRDB
import TableRow

/// A row of `tenantTag`.
@TableRow
struct TenantTagRecord: FetchableRecord, PersistableRecord, PreparedInsertRecord {
    static let databaseTableName = "tenantTag"

    var tenantId: Int64
    var tag: String
}
