import GRDB

/// Gives every table of a park's database a column `addedLater` that parkd's records do not
/// know, holding the same text in every row: what a later migration may do to any table.
enum ColumnAddition: String, CaseIterable, Sendable {
    /// Before all the other columns, by rebuilding the table (`ALTER TABLE ADD COLUMN` only
    /// appends): every existing column moves one place to the right.
    case first
    /// After the others, with `ALTER TABLE ADD COLUMN`, as a migration usually adds one.
    case last

    /// Applies the addition to every table but GRDB's own, in one transaction, and returns the
    /// columns of each table it changed.
    func apply(toDatabaseAt path: String) throws -> [String: [String]] {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.writeWithoutTransaction { db in
            // Rebuilding a table drops it while other tables refer to it, and renames the copy
            // without rewriting the triggers that name it (SQLite's procedure for table changes
            // ALTER TABLE cannot make).
            try db.execute(sql: "PRAGMA foreign_keys = OFF; PRAGMA legacy_alter_table = ON")
            var columns: [String: [String]] = [:]
            try db.inTransaction {
                let tables = try String.fetchAll(db, sql: """
                    SELECT name FROM sqlite_master
                    WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'grdb_migrations' ORDER BY name
                    """)
                for table in tables {
                    switch self {
                    case .first: try Self.rebuildWithColumnFirst(db, table)
                    case .last: try db.execute(sql: "ALTER TABLE \(table.quotedDatabaseIdentifier) ADD COLUMN \(Self.column)")
                    }
                    columns[table] = try db.columns(in: table).map(\.name)
                }
                return .commit
            }
            try db.execute(sql: "PRAGMA legacy_alter_table = OFF; PRAGMA foreign_keys = ON")
            return columns
        }
    }

    /// A default fills the rows already there (an UPDATE would meet the triggers that keep
    /// approved reward runs unchanged).
    private static let column = "addedLater TEXT NOT NULL DEFAULT 'not a column parkd knows'"

    /// Recreates `table` with `addedLater` as its first column, its rows, indexes and
    /// triggers as they were.
    private static func rebuildWithColumnFirst(_ db: Database, _ table: String) throws {
        let name = table.quotedDatabaseIdentifier
        guard let create = try String.fetchOne(
            db, sql: "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", arguments: [table]),
            let open = create.firstIndex(of: "(") else { throw DatabaseError(message: "no table \(table)") }
        let indexesAndTriggers = try String.fetchAll(db, sql: """
            SELECT sql FROM sqlite_master WHERE tbl_name = ? AND type IN ('index', 'trigger') AND sql IS NOT NULL
            """, arguments: [table])
        let columns = try db.columns(in: table).map(\.name.quotedDatabaseIdentifier).joined(separator: ", ")
        try db.execute(sql: "CREATE TABLE rebuilt (\(column), " + create[create.index(after: open)...])
        try db.execute(sql: "INSERT INTO rebuilt (\(columns)) SELECT \(columns) FROM \(name)")
        try db.execute(sql: "DROP TABLE \(name)")
        try db.execute(sql: "ALTER TABLE rebuilt RENAME TO \(name)")
        for sql in indexesAndTriggers { try db.execute(sql: sql) }
    }
}
