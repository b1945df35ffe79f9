import GRDB
import ParkCore

/// A row of `tenantBusinessLine`.
struct TenantBusinessLineRecord: Codable, FetchableRecord, PersistableRecord, PreparedInsertRecord {
    static let databaseTableName = "tenantBusinessLine"

    var tenantId: Int64
    var line: String

    enum Columns {
        static let tenantId = Column(CodingKeys.tenantId)
        static let line = Column(CodingKeys.line)
    }

    static let insertSQL = preparedInsertSQL([Columns.tenantId, Columns.line])

    var insertArguments: StatementArguments { [tenantId, line] }

    /// Reads the columns by name in code, as `TenantRecord` does.
    init(row: Row) {
        tenantId = row[Columns.tenantId]
        line = row[Columns.line]
    }

    init(tenantId: Int64, _ line: BusinessLine) {
        self.tenantId = tenantId
        self.line = line.rawValue
    }

    /// Nil for a line this parkd does not know.
    var businessLine: BusinessLine? { BusinessLine(rawValue: line) }
}
