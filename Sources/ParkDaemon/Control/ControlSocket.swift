import CSystemd
import Foundation

/// Where the admin channel listens: a path parkd binds itself, or a socket systemd hands over.
public enum ControlSocket: Sendable, CustomStringConvertible {
    case path(String, mode: UInt16, group: String?)
    /// A listening socket inherited through socket activation (`LISTEN_FDS`).
    case inherited(fd: Int32, name: String)

    /// The socket systemd passed for this process, if any, preferring the one named `control`.
    /// Clears `LISTEN_*` so children do not inherit them.
    public static func activated() -> ControlSocket? {
        var names: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
        let count = sd_listen_fds_with_names(1, &names)
        guard count > 0 else { return nil }
        var found: [(fd: Int32, name: String)] = []
        for index in 0..<Int(count) {
            let name = names?[index].map { String(cString: $0) } ?? "unknown"
            found.append((SD_LISTEN_FDS_START + Int32(index), name))
            free(names?[index])
        }
        free(names)
        let chosen = found.first { $0.name == "control" } ?? found[0]
        return .inherited(fd: chosen.fd, name: chosen.name)
    }

    public var description: String {
        switch self {
        case .path(let path, _, _): path
        case .inherited(let fd, let name): "socket activation (fd \(fd), \(name))"
        }
    }
}

/// Why the admin socket could not be set up.
public struct ControlSocketError: Error, CustomStringConvertible {
    public let description: String
}
