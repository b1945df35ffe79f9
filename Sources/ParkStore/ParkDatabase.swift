import Foundation
import GRDB
import MemberwiseInit
import ParkCore

/// Who made an audited call, and with what.
@MemberwiseInit
public struct AuditedCall: Sendable {
    public var uid: Int64
    public var user: String
    public var pid: Int64
    /// Fully qualified method name.
    public var method: String
    /// Canonical JSON text of the parameters.
    public var parameters: String
}

/// The park's state: one SQLite database in WAL mode, owned by one `ParkDatabase`.
/// Every consistency rule is one method, and one transaction.
public final class ParkDatabase: Sendable {
    public let path: String
    let pool: DatabasePool
    /// The read-only connections of `read`: short reads on the calling thread. Taking a reader
    /// from the pool costs more than such a read itself (the pool's queues and semaphore, and a
    /// schema check before every read), so these skip it.
    private let shortReads: ShortReadConnections
    private let groupCommit: GroupCommit
    /// The key that seals every audit entry written, when parkd has one.
    let auditKey: AuditKey?
    /// Names the audit key, when there is one.
    public var auditKeyID: String? { auditKey?.id }

    /// Opens (creating if needed) and migrates the database at `path`.
    ///
    /// Refuses a database written by a newer schema. The whole-file `quickCheck()` is not made
    /// here: on a large park it takes seconds, and the daemon runs it once it serves.
    ///
    /// `willUpgrade` is called with the migrations about to run on a database that already holds
    /// a schema (an upgrade, which may take long), before they run. `auditKey` seals the audit
    /// entries written from now on and checks the sealed ones.
    public init(path: String, busyTimeout: Double = 5, auditKey: AuditKey? = nil, willUpgrade: ([String]) -> Void = { _ in }) throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(busyTimeout)
        try ParkDatabase.refuseNewerSchema(path: path)
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            // Durable commits: in WAL mode FULL syncs the log on every commit. NORMAL, which
            // GRDB gives a pool's writer when it opens it in WAL mode (after any
            // `prepareDatabase`), syncs only at checkpoints: a commit would survive parkd's
            // crash but not the machine's. Only the writer commits, so it is set there.
            try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        } catch {
            throw ParkDatabase.openFailure(error, path: path)
        }
        try ParkDatabase.prepareSchema(pool, path: path, willUpgrade: willUpgrade)
        // Opened once the schema is in place: its schema cache never needs clearing, because
        // migrations only run before this point.
        do {
            shortReads = try ShortReadConnections(path: path, busyTimeout: busyTimeout)
        } catch {
            throw ParkDatabase.openFailure(error, path: path)
        }
        self.path = path
        self.pool = pool
        // A change is not committed into a file that is no longer at the database's path (moved,
        // removed or replaced while parkd runs): it would be acknowledged and never found. The
        // daemon's health check stops parkd for it; until then such changes are refused.
        let opened = FileIdentity.of(path)
        self.groupCommit = GroupCommit(writer: pool, beforeCommit: {
            guard let opened, FileIdentity.of(path) == opened else {
                throw StorageFailure.unavailable("\(path) is no longer the database parkd opened: it was moved, removed or replaced")
            }
        })
        self.auditKey = auditKey
    }

    /// Why the database did not open: a full disk or another process holding its lock, which
    /// pass (a start again later opens it), or a database parkd cannot use as it is.
    private static func openFailure(_ error: any Error, path: String) -> any Error {
        if let failure = StorageFailure.classify(error, databasePath: path) {
            switch failure {
            case .diskFull, .busy: return failure
            case .readOnly, .unavailable: break
            }
        }
        return StoreError.unusable(path, "cannot open: \(ParkDatabase.describe(error))")
    }

    /// Identifiers of every migration this build knows, oldest first.
    public static var knownSchemaVersions: [String] { Migrations.migrator.migrations }

    /// Refuses a database a newer parkd wrote before opening it for writing, which would change
    /// its file (a pool turns it to WAL): a refused database is left as it was. A file that
    /// cannot be read so (none yet, or one the pool's own checks will name) is left to them.
    private static func refuseNewerSchema(path: String) throws {
        guard FileManager.default.fileExists(atPath: path), let applied = try? schemaVersions(path: path) else { return }
        let known = Migrations.migrator.migrations
        let unknown = Set(applied).subtracting(known).sorted()
        guard unknown.isEmpty else { throw StoreError.schemaTooNew(path, unknown: unknown, known: known.last ?? "none") }
    }

    private static func prepareSchema(_ pool: DatabasePool, path: String, willUpgrade: ([String]) -> Void) throws {
        let migrator = Migrations.migrator
        do {
            let applied = try pool.read { db in try migrator.appliedIdentifiers(db) }
            let unknown = applied.subtracting(migrator.migrations).sorted()
            guard unknown.isEmpty else {
                throw StoreError.schemaTooNew(path, unknown: unknown, known: migrator.migrations.last ?? "none")
            }
            let pending = migrator.migrations.filter { !applied.contains($0) }
            if !applied.isEmpty, !pending.isEmpty { willUpgrade(pending) }
            try migrator.migrate(pool)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.unusable(path, describe(error))
        }
    }

    /// Size in bytes of the database file and its write-ahead log.
    public var sizeInBytes: Int {
        [path, path + "-wal"].reduce(0) { total, file in
            let size = (try? FileManager.default.attributesOfItem(atPath: file))?[.size] as? Int
            return total + (size ?? 0)
        }
    }

    /// Waits for running statements, moves everything in the write-ahead log into the
    /// database file and truncates the log (so that `parkd.sqlite` alone is a copy of the park
    /// once parkd has stopped), and closes every connection.
    /// When the log cannot be moved (a full disk), the connections are closed all the same and
    /// `LogKept` says that `parkd.sqlite` alone is not the park: its log must stay beside it.
    /// Another process reading the database (`sqlite3 … .backup`) keeps the log from being
    /// truncated, not its changes from being moved: that is no failure.
    public func close() throws {
        try shortReads.close()
        let checkpoint = Result {
            try pool.writeWithoutTransaction { db in
                do {
                    _ = try db.checkpoint(.truncate)
                } catch let error as DatabaseError where [.SQLITE_BUSY, .SQLITE_LOCKED].contains(error.resultCode) {
                    let (logged, moved) = try db.checkpoint(.passive)
                    guard moved >= logged else {
                        let reader = StorageFailure.lockHolder(of: path).map { " (pid \($0))" } ?? ""
                        throw LogKeptReason("another process\(reader) has read the database since before parkd's last changes")
                    }
                }
            }
        }
        try pool.close()
        if case .failure(let error) = checkpoint { throw LogKept(path: path, reason: "\(error)") }
    }

    /// Why the log was kept, in words, when SQLite's error would not say it.
    private struct LogKeptReason: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    /// The database closed with its write-ahead log still holding committed changes.
    public struct LogKept: Error, CustomStringConvertible {
        public let path: String
        public let reason: String
        public var description: String {
            "the write-ahead log could not be moved into \(path) (\(reason)): \(path)-wal holds changes \(path) does not; "
                + "keep the two together (copy both), or start parkd again, which moves them in"
        }
    }

    /// A short, bounded read, run on the calling thread in one transaction (its statements see
    /// one state of the database): no hop to a database queue, whose wake-up costs more than
    /// the query. Each thread reading at once has a connection of its own; for scans of
    /// unbounded size, which would hold the caller's thread, use `readInBackground`.
    func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try shortReads.inDatabase { db in
            var value: T?
            try db.inTransaction(.deferred) {
                value = try body(db)
                return .commit
            }
            return value!
        }
    }

    /// A short read made of a single statement, on the calling thread like `read`. SQLite runs
    /// a statement on one snapshot of the database by itself, so no transaction is opened.
    func readInOneStatement<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try shortReads.inDatabase(body)
    }

    /// A read that may take long (whole-table scans), run on a database queue so that it
    /// never holds the caller's thread.
    func readInBackground<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await pool.read(body)
    }

    /// Runs a change durably, recording it in the audit trail in the same transaction (when the
    /// context has a call: parkd's own changes have none).
    ///
    /// The change runs in a savepoint: when it throws it is rolled back, the audit entry still
    /// records the attempt, as `context.refusedCall` with `context.outcome(error)`, and the error
    /// is rethrown.
    func write<T: Sendable>(_ context: ChangeContext, _ change: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await classifyingFailures { try await self.writeAudited(context, recording: { _ in "ok" }, change) }
    }

    /// As `write(_:_:)`, for a change that succeeds with an outcome other than `ok` (a tenant's
    /// submission taken and rejected): `recording` names it in the audit entry.
    func write<T: Sendable>(
        _ context: ChangeContext, recording outcome: @escaping @Sendable (T) -> String, _ change: @escaping @Sendable (Database) throws -> T
    ) async throws -> T {
        try await classifyingFailures { try await self.writeAudited(context, recording: outcome, change) }
    }

    /// Runs a change durably that the trail does not record: parkd's own bookkeeping, or an
    /// audit entry written whole.
    func writeUnaudited<T: Sendable>(_ change: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await classifyingFailures {
            // Within the shared transaction's savepoint, as an audited change, so that its
            // failure rolls back only itself.
            try await self.groupCommit.write { db in db.attempt(change) }.get()
        }
    }

    private func classifyingFailures<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch {
            throw StorageFailure.classify(error, databasePath: path) ?? error
        }
    }

    private func writeAudited<T: Sendable>(
        _ context: ChangeContext, recording succeeded: @escaping @Sendable (T) -> String, _ change: @escaping @Sendable (Database) throws -> T
    ) async throws -> T {
        // The change's own failure is returned, not thrown: throwing would roll back the
        // shared savepoint and with it the audit entry that records the failure.
        let auditKey = self.auditKey
        let result = try await groupCommit.write { db -> Result<T, any Error> in
            let result = db.attempt(change)
            if let call = context.call {
                switch result {
                case .success(let value):
                    try ParkDatabase.appendAudit(db, call: call, at: context.at, outcome: succeeded(value), key: auditKey)
                case .failure(let error):
                    try ParkDatabase.appendAudit(db, call: context.refusedCall?() ?? call, at: context.at, outcome: context.outcome(error), key: auditKey)
                }
            }
            return result
        }
        if context.call != nil { context.recorded?() }
        return try result.get()
    }

    /// SQLite's words for an error, without the SQL text.
    static func describe(_ error: any Error) -> String {
        if let error = error as? DatabaseError {
            return error.message ?? "SQLite error \(error.resultCode.rawValue)"
        }
        return "\(error)"
    }
}

extension ParkDatabase {
    /// Applies the schema up to and including `version` only: how an older release left a
    /// database. For upgrade tests.
    public static func migrate(path: String, upTo version: String) throws {
        let queue = try DatabaseQueue(path: path)
        try Migrations.migrator.migrate(queue, upTo: version)
        try queue.close()
    }
}

extension ParkDatabase {
    /// True when a read transaction can run (the watchdog's health check).
    public func isReadable() async throws -> Bool {
        try await read { db in try Int.fetchOne(db, sql: "SELECT 1") == 1 }
    }

    /// What `PRAGMA quick_check` finds: empty when the database is sound, else SQLite's lines
    /// (at most 100), or the error that stopped the check when a page is too damaged to walk.
    /// It reads the whole file, on a reader of its own; cancelling the task interrupts it.
    public func quickCheck() async throws -> [String] {
        do {
            let lines = try await readInBackground { db in try String.fetchAll(db, sql: "PRAGMA quick_check(100)") }
            return lines == ["ok"] ? [] : lines
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CORRUPT || error.resultCode == .SQLITE_NOTADB {
            return [error.message ?? "\(error.resultCode)"]
        }
    }
}
