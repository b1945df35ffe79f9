import Foundation

/// The one rule the kernel sets on a Unix socket's path: it fits `sockaddr_un.sun_path` with its
/// final NUL, 107 bytes on Linux. parkd's configuration, its `--socket` and parkctl's are held to
/// it, so that a path too long is refused naming it, not when the socket is bound.
public enum UnixSocketPath {
    public static let longestBytes = MemoryLayout.size(ofValue: sockaddr_un().sun_path) - 1

    /// Why `path` cannot name a Unix socket, or nil when it can.
    public static func problem(_ path: String) -> String? {
        let bytes = path.utf8.count
        return bytes > longestBytes ? "is \(bytes) bytes long; a Unix socket's path has at most \(longestBytes)" : nil
    }
}
