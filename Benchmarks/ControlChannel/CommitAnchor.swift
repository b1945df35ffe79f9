import Foundation

/// The anchor of durable writes: the `sqlite3` shell inserting one row per transaction into a
/// WAL database with `synchronous=FULL`, on the file system parkd's database is on, timed in the
/// same run as parkd's writes (fsyncs cost what the disk makes them cost at that moment).
enum CommitAnchor {
    /// Rows committed per second, one transaction each, `rows` of them, in `directory`.
    static func rowsPerSecond(directory: URL, rows: Int = 3000) throws -> Double {
        let database = directory.appendingPathComponent("commit-anchor.sqlite").path
        defer {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database + suffix) }
        }
        var script = """
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = FULL;
            CREATE TABLE tenant (id INTEGER PRIMARY KEY, name TEXT NOT NULL, creditCode TEXT NOT NULL UNIQUE);

            """
        for row in 0..<rows {
            script += "INSERT INTO tenant (name, creditCode) VALUES ('benchmark firm \(row)', 'code-\(row)');\n"
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [database]
        let input = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        let clock = ContinuousClock()
        let started = clock.now
        try process.run()
        input.fileHandleForWriting.write(Data(script.utf8))
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        let elapsed = clock.now - started
        guard process.terminationStatus == 0 else { throw BenchError("sqlite3 failed the commit loop (status \(process.terminationStatus))") }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return Double(rows) / seconds
    }
}
