import Foundation
@testable import ParkDaemon
import ParkStore
import Testing

@Suite("parkd --restore")
struct DatabaseRestoreTests {
    func directory() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("restore-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    func sqlite(_ path: String, _ sql: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [path, sql]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }

    /// `DatabaseRestore.restore`, tried again while the state directory's lock is held by this
    /// very process once the previous restore has let it go: the tests running beside this one
    /// spawn processes, and a child holds a copy of the lock file's descriptor (and so the lock)
    /// from its fork until its exec closes it, which on a loaded machine can take a while.
    /// `parkd --restore` itself spawns nothing.
    func restoreBesideOtherTests(file: String, stateDirectory: String) throws -> DatabaseRestore.Restored {
        let heldByThisProcess = "another parkd (pid \(getpid())) is running"
        for _ in 0..<100 {
            do {
                return try DatabaseRestore.restore(file: file, stateDirectory: stateDirectory, auditKeyFile: "/nonexistent/audit.key", at: Date())
            } catch let refusal as RestoreRefused where "\(refusal)".contains(heldByThisProcess) {
                usleep(20_000)
            }
        }
        return try DatabaseRestore.restore(file: file, stateDirectory: stateDirectory, auditKeyFile: "/nonexistent/audit.key", at: Date())
    }

    @Test("a copy replaces the database, which is kept aside with its log; the schema it lacks is left to the next start")
    func restores() throws {
        let state = try directory(), elsewhere = try directory()
        defer { try? FileManager.default.removeItem(atPath: state); try? FileManager.default.removeItem(atPath: elsewhere) }
        let copy = elsewhere + "/copy.sqlite"
        try ParkDatabase.migrate(path: copy, upTo: "v5-policiesAndRewards")
        try ParkDatabase(path: state + "/parkd.sqlite").close()
        try "log".write(toFile: state + "/parkd.sqlite-wal", atomically: false, encoding: .utf8)
        let restored = try DatabaseRestore.restore(file: copy, stateDirectory: state, auditKeyFile: "/nonexistent/audit.key", at: Date(timeIntervalSince1970: 1_770_937_200))
        #expect(restored.database == state + "/parkd.sqlite")
        #expect(restored.keptAside == state + "/parkd.sqlite.replaced-20260212T230000Z")
        #expect(FileManager.default.fileExists(atPath: state + "/parkd.sqlite.replaced-20260212T230000Z-wal"))
        #expect(!FileManager.default.fileExists(atPath: state + "/parkd.sqlite-wal"))
        #expect(restored.pendingMigrations.first == "v6-rewardAmountsOnce")
        #expect(try ParkDatabase.schemaVersions(path: state + "/parkd.sqlite").last == "v5-policiesAndRewards")
        let owner = try FileManager.default.attributesOfItem(atPath: state + "/parkd.sqlite")[.ownerAccountID] as? Int
        #expect(owner == (try FileManager.default.attributesOfItem(atPath: state)[.ownerAccountID] as? Int))
    }

    @Test("a file that is no parkd database, or one from a newer parkd, is refused and nothing changes")
    func refuses() throws {
        let state = try directory()
        defer { try? FileManager.default.removeItem(atPath: state) }
        try ParkDatabase(path: state + "/parkd.sqlite").close()
        let text = state + "/notes.txt"
        try "not a database".write(toFile: text, atomically: true, encoding: .utf8)
        let plain = state + "/plain.sqlite"
        try sqlite(plain, "CREATE TABLE t (x)")
        let newer = state + "/newer.sqlite"
        try ParkDatabase(path: newer).close()
        try sqlite(newer, "INSERT INTO grdb_migrations VALUES ('v99-fromTheFuture')")
        let live = state + "/live.sqlite"
        try ParkDatabase(path: live).close()
        try "log".write(toFile: live + "-wal", atomically: false, encoding: .utf8)
        for (file, reason) in [
            (live, "live.sqlite-wal holds changes \(live) does not (a live database's log"),
            (text, "not a database parkd can read"), (plain, "not a parkd database"), (newer, "written by a newer parkd (schema v99-fromTheFuture)"),
            (state + "/missing.sqlite", "no such file"),
        ] {
            #expect {
                try restoreBesideOtherTests(file: file, stateDirectory: state)
            } throws: { error in
                "\(error)".contains(reason)
            }
        }
        let left = try FileManager.default.contentsOfDirectory(atPath: state)
        #expect(!left.contains { $0.contains("replaced") || $0.contains("restoring") }, "\(left)")
    }

    @Test("a restore is refused while a parkd holds the state directory")
    func refusedWhileRunning() throws {
        let state = try directory()
        defer { try? FileManager.default.removeItem(atPath: state) }
        let lock = try StateDirectoryLock(directory: state)
        defer { withExtendedLifetime(lock) {} }
        #expect {
            try DatabaseRestore.restore(file: state + "/any.sqlite", stateDirectory: state, auditKeyFile: "/nonexistent/audit.key", at: Date())
        } throws: { error in
            "\(error)".contains("another parkd (pid \(getpid())) is running on \(state)")
        }
    }
}
