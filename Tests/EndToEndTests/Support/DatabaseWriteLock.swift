import Foundation

/// Another process holding the database's write lock (`sqlite3` in `BEGIN IMMEDIATE`), so that
/// parkd's next write waits (busy timeout) until `release()`.
final class DatabaseWriteLock {
    private let process = Process()
    private let input = Pipe(), output = Pipe()

    /// The sqlite3 process holding the lock.
    var pid: Int32 { process.processIdentifier }

    init(database path: String) throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [path]
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        try take()
    }

    /// Takes the lock (again); returns once sqlite3 holds it.
    func take() throws {
        input.fileHandleForWriting.write(Data("BEGIN IMMEDIATE;\nSELECT 'locked';\n".utf8))
        guard String(decoding: output.fileHandleForReading.availableData, as: UTF8.self).contains("locked") else {
            throw POSIXError(.EBUSY)
        }
    }

    func release() {
        input.fileHandleForWriting.write(Data("COMMIT;\n".utf8))
    }

    /// Releases the lock and ends sqlite3.
    func end() throws {
        release()
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
    }
}
