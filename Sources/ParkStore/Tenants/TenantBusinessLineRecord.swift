import GRDB
import ParkCore
import TableRow

/// A row of `tenantBusinessLine`.
@TableRow
struct TenantBusinessLineRecord: FetchableRecord, PersistableRecord, PreparedInsertRecord {
    static let databaseTableName = "tenantBusinessLine"

    var tenantId: Int64
    var line: String

    init(tenantId: Int64, _ line: BusinessLine) {
        self.tenantId = tenantId
        self.line = line.rawValue
    }

    /// Nil for a line this parkd does not know.
    var businessLine: BusinessLine? { BusinessLine(rawValue: line) }
}
