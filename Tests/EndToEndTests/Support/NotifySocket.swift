import Foundation

/// A datagram socket the test owns and passes as NOTIFY_SOCKET, reading what the daemon
/// tells its service manager, as systemd would.
final class NotifySocket: @unchecked Sendable {
    let path: String
    private let fd: Int32
    private(set) var messages: [String] = []

    init(path: String) throws {
        self.path = path
        fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        var address = sockaddr_un.make(path)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard fd >= 0, bound == 0 else { throw POSIXError(.EADDRINUSE) }
    }

    deinit { close(fd) }

    /// Waits until a message contains `text`; returns it, or nil after `timeout` seconds.
    func wait(for text: String, timeout: Double = 15) -> String? {
        if let found = messages.first(where: { $0.contains(text) }) { return found }
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 100) > 0 else { continue }
            var buffer = [UInt8](repeating: 0, count: 4096)
            let count = recv(fd, &buffer, buffer.count, 0)
            guard count > 0 else { continue }
            let message = String(decoding: buffer[0..<count], as: UTF8.self)
            messages.append(message)
            if message.contains(text) { return message }
        }
        return nil
    }

    /// Waits until a message that arrives from now on contains `text` (one seen before does not
    /// count: a second reload says what the first said); returns it, or nil after `timeout` seconds.
    func waitForNext(_ text: String, timeout: Double = 15) -> String? {
        let start = messages.count
        let deadline = Date().addingTimeInterval(timeout)
        repeat {
            if let found = messages[start...].first(where: { $0.contains(text) }) { return found }
            _ = wait(for: "\u{0}never", timeout: 0.1)
        } while Date() < deadline
        return nil
    }

    /// Messages that arrive within `seconds`.
    func collect(for seconds: Double) -> [String] {
        let start = messages.count
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline { _ = wait(for: "\u{0}never", timeout: 0.1) }
        return Array(messages[start...])
    }
}

extension sockaddr_un {
    static func make(_ path: String) -> sockaddr_un {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: Array(path.utf8.prefix(raw.count - 1)))
        }
        return address
    }
}
