import Foundation

/// Which file a path names (device and inode): the database parkd opened must stay the file at
/// its path, or every later write goes to a file nobody will find.
public struct FileIdentity: Equatable, Sendable {
    let device: UInt64
    let inode: UInt64

    public init(_ info: stat) {
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
    }

    /// The file at `path` now; nil when there is none.
    public static func of(_ path: String) -> FileIdentity? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return FileIdentity(info)
    }
}
