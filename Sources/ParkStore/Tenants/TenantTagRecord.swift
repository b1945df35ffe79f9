import GRDB

/// A row of `tenantTag`.
struct TenantTagRecord: Codable, FetchableRecord, PersistableRecord, PreparedInsertRecord {
    static let databaseTableName = "tenantTag"

    var tenantId: Int64
    var tag: String

    enum Columns {
        static let tenantId = Column(CodingKeys.tenantId)
        static let tag = Column(CodingKeys.tag)
    }

    static let insertSQL = preparedInsertSQL([Columns.tenantId, Columns.tag])

    var insertArguments: StatementArguments { [tenantId, tag] }

    /// Reads the columns by name in code, as `TenantRecord` does.
    init(row: Row) {
        tenantId = row[Columns.tenantId]
        tag = row[Columns.tag]
    }

    init(tenantId: Int64, tag: String) {
        self.tenantId = tenantId
        self.tag = tag
    }
}
