import Foundation

/// A Varlink client that blocks its thread: write one call, read until its reply's NUL, repeat.
///
/// The round-trip scenarios use it instead of `VarlinkConnection` because the client shares
/// the machine's cores with parkd: an event-loop client spends two thread hops and several
/// system calls per call, which the figures would then count as parkd's. This one spends one
/// `write` and (for a small reply) one `read`, like a plain socket client in any language.
final class BlockingVarlinkConnection {
    private let descriptor: Int32
    /// Bytes received and not yet returned as a reply.
    private var received: [UInt8] = []
    private var readBuffer = [UInt8](repeating: 0, count: 64 * 1024)

    init(socketPath: String) throws {
        descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw BenchError("socket: \(String(cString: strerror(errno)))") }
        let connected: Int32
        do {
            connected = try UnixSocketAddress.with(path: socketPath) { connect(descriptor, $0, $1) }
        } catch {
            close(descriptor)
            throw error
        }
        guard connected == 0 else {
            let reason = String(cString: strerror(errno))
            close(descriptor)
            throw BenchError("cannot connect to \(socketPath): \(reason)")
        }
    }

    deinit {
        close(descriptor)
    }

    /// Sends `message` (one call's JSON, without its NUL) and returns the reply's JSON.
    func call(_ message: [UInt8]) throws -> [UInt8] {
        try send(message + [0])
        return try nextReply()
    }

    private func send(_ frame: [UInt8]) throws {
        var sent = 0
        while sent < frame.count {
            let written = frame.withUnsafeBytes { write(descriptor, $0.baseAddress! + sent, $0.count - sent) }
            if written < 0 {
                if errno == EINTR { continue }
                throw BenchError("write: \(String(cString: strerror(errno)))")
            }
            sent += written
        }
    }

    private func nextReply() throws -> [UInt8] {
        var searchedUpTo = 0
        while true {
            if let end = received[searchedUpTo...].firstIndex(of: 0) {
                let reply = Array(received[..<end])
                received.removeSubrange(...end)
                return reply
            }
            searchedUpTo = received.count
            let count = readBuffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress!, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw BenchError("read: \(String(cString: strerror(errno)))")
            }
            guard count > 0 else { throw BenchError("parkd closed the connection") }
            received.append(contentsOf: readBuffer[..<count])
        }
    }
}

/// The address of a Unix socket at a path, for `bind` and `connect`.
enum UnixSocketAddress {
    static func with<Result>(path: String, _ body: (UnsafePointer<sockaddr>, socklen_t) -> Result) throws -> Result {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        // The path and its terminating NUL must fit.
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else {
            throw BenchError("socket path too long: \(path)")
        }
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: bytes) }
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
    }
}
