import Foundation
import GRDB

extension ParkDatabase {
    /// Copies the live database into a new file at `path` with SQLite's online backup API
    /// (readers and writers go on meanwhile), then runs `PRAGMA integrity_check` on the copy.
    /// Returns the check's result: `ok` for a sound copy. A file already at `path` is refused.
    /// A copy made by a scheduled job's run (`run`) records that run, in the copy, as having made
    /// it at `instant`, when the copy was made: restored, it is no run that parkd stopped in the
    /// middle of.
    public func backup(to path: String, madeByRun run: Int64? = nil, at instant: String = "") async throws -> String {
        guard !FileManager.default.fileExists(atPath: path) else { throw StoreError.unusable(path, "a file already exists there") }
        let pool = self.pool
        return try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                do {
                    // The copy is one file, not WAL: it opens with sqlite3 alone, anywhere.
                    let copy = try DatabaseQueue(path: path)
                    try pool.backup(to: copy)
                    try copy.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = DELETE") }
                    if let run {
                        try copy.write { db in
                            try db.execute(
                                sql: """
                                    UPDATE timerRun SET outcome = 'succeeded', endedAt = ?, result = 'made this copy of the database'
                                    WHERE id = ? AND outcome = 'running'
                                    """,
                                arguments: [instant, run])
                        }
                    }
                    try copy.close()
                    continuation.resume(returning: try ParkDatabase.integrityCheck(path: path))
                } catch {
                    // A full or read-only disk is said as such (SQLite's own message for it from a
                    // backup is "not an error"); the caller says whose disk.
                    switch StorageFailure.classify(error, databasePath: path) {
                    case .diskFull?: continuation.resume(throwing: StorageFailure.diskFull)
                    case .readOnly?: continuation.resume(throwing: StorageFailure.readOnly)
                    default: continuation.resume(throwing: StoreError.unusable(path, "backup failed: \(ParkDatabase.describe(error))"))
                    }
                }
            }
        }
    }

    /// `PRAGMA integrity_check` of the database file at `path`, opened read-only: `ok`, or the
    /// problems it lists, one a line.
    public static func integrityCheck(path: String) throws -> String {
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        defer { try? queue.close() }
        return try queue.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "\n") }
    }

    /// The schema versions (migrations) the database at `path` holds, opened read-only.
    public static func schemaVersions(path: String) throws -> [String] {
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        defer { try? queue.close() }
        return try queue.read { db in
            guard try db.tableExists("grdb_migrations") else { return [] }
            return try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")
        }
    }

    /// Lets SQLite refresh the statistics its query planner reads, where they have gone stale
    /// (`PRAGMA optimize`).
    public func optimize() async throws {
        try await pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA optimize") }
    }
}
