import Foundation

/// The machine's own limit for round trips on one connection: a peer on a Unix stream socket
/// that answers every NUL-terminated message at once with a fixed, empty Varlink reply.
///
/// It does no work at all, in a thread blocked in `read` like the benchmark's clients, so what
/// one connection to it achieves is what this machine's scheduler and sockets allow; parkd's
/// own round trips are read against it. (On a virtual machine whose idle CPUs halt at once, a
/// wake-up across CPUs costs tens of microseconds whatever the program does.)
final class SocketEchoPeer {
    static let reply = Array(#"{"parameters":{}}"#.utf8) + [0]

    let socketPath: String
    private let directory: URL
    private let listener: Int32

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("parkd-bench-echo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        socketPath = directory.appendingPathComponent("echo.sock").path
        let listener = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        do {
            guard listener >= 0 else { throw BenchError("echo peer: socket: \(String(cString: strerror(errno)))") }
            let bound = try UnixSocketAddress.with(path: socketPath) { bind(listener, $0, $1) }
            guard bound == 0, listen(listener, 64) == 0 else {
                throw BenchError("echo peer: cannot listen on \(socketPath): \(String(cString: strerror(errno)))")
            }
        } catch {
            // Leave nothing behind: no descriptor, no directory.
            if listener >= 0 { close(listener) }
            try? FileManager.default.removeItem(at: directory)
            throw error
        }
        self.listener = listener
        Thread.detachNewThread {
            // Ends when the listening socket is shut down: accept then fails.
            while true {
                let connection = accept(listener, nil, nil)
                guard connection >= 0 else {
                    if errno == EINTR { continue }
                    return
                }
                Thread.detachNewThread { SocketEchoPeer.answer(connection) }
            }
        }
    }

    /// Stops accepting and removes the socket; open connections end when their clients close.
    func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
        try? FileManager.default.removeItem(at: directory)
    }

    /// Answers each complete message on `connection` until the client hangs up.
    private static func answer(_ connection: Int32) {
        defer { close(connection) }
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(connection, $0.baseAddress!, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return }
            let messages = buffer[..<count].lazy.filter { $0 == 0 }.count
            for _ in 0..<messages {
                var sent = 0
                while sent < reply.count {
                    let written = reply.withUnsafeBytes { write(connection, $0.baseAddress! + sent, $0.count - sent) }
                    if written < 0 && errno == EINTR { continue }
                    guard written > 0 else { return }
                    sent += written
                }
            }
        }
    }
}
