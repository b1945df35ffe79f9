import CSystemd
import Foundation

/// Where the admin channel listens: a path parkd binds itself, or a socket systemd hands over.
public enum ControlSocket: Sendable, CustomStringConvertible {
    case path(String, mode: UInt16, group: String?)
    /// A listening socket inherited through socket activation (`LISTEN_FDS`).
    case inherited(fd: Int32, name: String)

    /// The socket systemd passed for this process, if any: the one named `control`, or the only
    /// one. Refused, before parkd makes anything, when it is not a listening Unix stream socket
    /// (callers are known by their peer credentials, which only such a socket gives) or when
    /// several are passed and none is named `control`. Other sockets passed beside `control`
    /// are closed, their names returned to be said. Clears `LISTEN_*` so children do not
    /// inherit them.
    public static func activated() throws(ControlSocketError) -> (socket: ControlSocket, closed: [String])? {
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
        guard let chosen = found.first(where: { $0.name == "control" }) ?? (found.count == 1 ? found[0] : nil) else {
            found.forEach { close($0.fd) }
            throw ControlSocketError(description: "systemd passed \(found.count) sockets (\(found.map(\.name).joined(separator: ", "))) and none is named control: give the admin socket FileDescriptorName=control")
        }
        guard sd_is_socket_unix(chosen.fd, Int32(SOCK_STREAM.rawValue), 1, nil, 0) > 0 else {
            found.forEach { close($0.fd) }
            throw ControlSocketError(description: "the socket systemd passed (fd \(chosen.fd), \(chosen.name)) is not a listening Unix stream socket: callers are known by their peer credentials, which only such a socket gives; parkd.socket's ListenStream= names a path")
        }
        let others = found.filter { $0.fd != chosen.fd }
        others.forEach { close($0.fd) }
        return (.inherited(fd: chosen.fd, name: chosen.name), others.map { "fd \($0.fd) (\($0.name))" })
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
