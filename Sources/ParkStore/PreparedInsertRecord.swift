import GRDB

/// A record that the busiest writes insert through a statement compiled once per connection.
///
/// GRDB's `insert` encodes a record into a dictionary through `Encodable` and builds its SQL
/// on every call: on an audited `Tenant.Create` that took more time than the inserts
/// themselves. Such a record names its columns once, in `insertSQL`, and gives its values in
/// the same order; `PreparedInsertTests` checks, for every record of this kind, that they are
/// the columns and values GRDB's encoding of the record would insert.
protocol PreparedInsertRecord: TableRecord, Sendable {
    /// `INSERT INTO table (column, …) VALUES (?, …)`, made by `preparedInsertSQL(_:)`.
    static var insertSQL: String { get }
    /// The record's values, in the order of `insertSQL`'s columns.
    var insertArguments: StatementArguments { get }
}

extension PreparedInsertRecord {
    /// The statement of `insertSQL` for `columns`, in that order.
    static func preparedInsertSQL(_ columns: [Column]) -> String {
        let names = columns.map(\.name.quotedDatabaseIdentifier).joined(separator: ", ")
        let places = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        return "INSERT INTO \(databaseTableName.quotedDatabaseIdentifier) (\(names)) VALUES (\(places))"
    }

    /// Inserts the row and returns its rowid.
    @discardableResult
    func insertPrepared(_ db: Database) throws -> Int64 {
        try db.preparedStatement(Self.insertSQL, insertArguments).execute()
        return db.lastInsertedRowID
    }
}
