import GRDB
import Synchronization

/// The read-only connections of short reads, which run on the calling thread: each read takes
/// an idle connection, or opens one when every connection is in use, and gives it back after.
/// Reads from several threads (the event loops) then run side by side instead of taking turns
/// on one connection; there are never more connections than threads that read at once.
final class ShortReadConnections: Sendable {
    private let path: String
    private let configuration: Configuration
    private let idle: Mutex<[DatabaseQueue]>
    /// Every connection opened, to close them all.
    private let opened: Mutex<[DatabaseQueue]>

    /// Opens the first connection now, so that a database that cannot be read fails at start.
    init(path: String, busyTimeout: Double) throws {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(busyTimeout)
        configuration.label = "short reads"
        self.path = path
        self.configuration = configuration
        let first = try DatabaseQueue(path: path, configuration: configuration)
        idle = Mutex([first])
        opened = Mutex([first])
    }

    /// Runs `body` on a connection no other thread is using.
    func inDatabase<T>(_ body: (Database) throws -> T) throws -> T {
        let connection = try idle.withLock { $0.popLast() } ?? open()
        defer { idle.withLock { $0.append(connection) } }
        return try connection.inDatabase(body)
    }

    private func open() throws -> DatabaseQueue {
        let connection = try DatabaseQueue(path: path, configuration: configuration)
        opened.withLock { $0.append(connection) }
        return connection
    }

    func close() throws {
        for connection in opened.withLock({ $0 }) { try connection.close() }
    }
}
