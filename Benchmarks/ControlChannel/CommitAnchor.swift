import Foundation

/// The anchor of durable writes: the `sqlite3` shell inserting one row per transaction into a
/// WAL database with `synchronous=FULL`, on the file system parkd's database is on, timed in the
/// same run as parkd's writes (fsyncs cost what the disk makes them cost at that moment).
///
/// Like parkd's scenarios, which are timed after a warm-up on a database already in use, the
/// anchor is timed in its steady state: the shell first commits `rows` rows untimed (the
/// write-ahead log grows to its working size and is checkpointed back to its start, so the
/// timed commits overwrite blocks already allocated, as parkd's do), then reads SQLite's clock,
/// commits `rows` more and reads the clock again. A cold log, whose every commit also extends
/// the file, is several times slower on ext4 and would flatter parkd.
enum CommitAnchor {
    /// Rows committed per second, one transaction each, `rows` of them after as many untimed, in `directory`.
    static func rowsPerSecond(directory: URL, rows: Int = 3000) throws -> Double {
        let database = directory.appendingPathComponent("commit-anchor.sqlite").path
        defer {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database + suffix) }
        }
        let clock = "SELECT CAST(julianday('now') * 86400000000 AS INTEGER);\n"
        func inserts(_ range: Range<Int>) -> String {
            range.map { "INSERT INTO tenant (name, creditCode) VALUES ('benchmark firm \($0)', 'code-\($0)');\n" }.joined()
        }
        let script = """
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = FULL;
            CREATE TABLE tenant (id INTEGER PRIMARY KEY, name TEXT NOT NULL, creditCode TEXT NOT NULL UNIQUE);

            """ + inserts(0..<rows) + clock + inserts(rows..<2 * rows) + clock
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [database]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(script.utf8))
        try input.fileHandleForWriting.close()
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw BenchError("sqlite3 failed the commit loop (status \(process.terminationStatus))") }
        // The first line is the journal mode ("wal"); the last two, the clock in microseconds.
        let stamps = printed.split(separator: "\n").suffix(2).compactMap { Int64($0) }
        guard stamps.count == 2, stamps[1] > stamps[0] else { throw BenchError("sqlite3 printed no clock around the commit loop: \(printed)") }
        return Double(rows) / (Double(stamps[1] - stamps[0]) / 1e6)
    }
}
