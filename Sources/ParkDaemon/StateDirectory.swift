import Foundation

/// The state directory parkd keeps the park in, checked before anything is opened in it: a
/// directory that another user could steer (a symbolic link, someone else's, writable by every
/// user) or that cannot be written (a read-only file system) is refused, naming the problem.
enum StateDirectory {
    /// Creates the directory (mode 0750) when it is missing, then checks it.
    static func prepare(_ path: String) throws(StateDirectoryRefused) {
        var info = stat()
        if lstat(path, &info) != 0 {
            guard errno == ENOENT else { throw StateDirectoryRefused(path: path, reason: "cannot be examined: \(String(cString: strerror(errno)))") }
            do {
                try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o750])
            } catch {
                throw StateDirectoryRefused(path: path, reason: "cannot be created: \(error.localizedDescription)")
            }
            guard lstat(path, &info) == 0 else { throw StateDirectoryRefused(path: path, reason: "vanished after it was created") }
        }
        try check(path, info, kind: "state directory", type: S_IFDIR)
        if (info.st_mode & S_IWOTH) != 0 {
            throw StateDirectoryRefused(
                path: path, reason: "is writable by every user (mode \(octal(info.st_mode))); remove that with chmod o-w \(path)")
        }
        var fileSystem = statvfs()
        if statvfs(path, &fileSystem) == 0, (fileSystem.f_flag & UInt(ST_RDONLY)) != 0 {
            throw StateDirectoryRefused(path: path, reason: "is on a read-only file system; parkd could not record any change")
        }
        if access(path, W_OK | X_OK) != 0 {
            throw StateDirectoryRefused(path: path, reason: "cannot be written by parkd: \(String(cString: strerror(errno)))")
        }
    }

    /// Checks the database file when it exists: a regular file of parkd's own user, not a link.
    static func checkDatabaseFile(_ path: String) throws(StateDirectoryRefused) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        try check(path, info, kind: "database", type: S_IFREG)
    }

    private static func check(_ path: String, _ info: stat, kind: String, type: mode_t) throws(StateDirectoryRefused) {
        if (info.st_mode & S_IFMT) == S_IFLNK {
            let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: path)).map { " (to \($0))" } ?? ""
            throw StateDirectoryRefused(
                path: path, reason: "is a symbolic link\(target); parkd does not follow links for its \(kind): name the real path")
        }
        guard (info.st_mode & S_IFMT) == type else {
            throw StateDirectoryRefused(path: path, reason: "is not a \(type == S_IFDIR ? "directory" : "regular file")")
        }
        if info.st_uid != geteuid() {
            throw StateDirectoryRefused(
                path: path, reason: "belongs to uid \(info.st_uid), not to parkd's user (uid \(geteuid())); give it to parkd's user or use another --state-dir")
        }
    }

    private static func octal(_ mode: mode_t) -> String { "0" + String(mode & 0o7777, radix: 8) }
}

/// The state directory or the database in it may not be used, and why.
struct StateDirectoryRefused: Error, CustomStringConvertible {
    let path: String
    let reason: String

    var description: String { "\(path): \(reason)" }
}

/// Which file a path names (device and inode): the database parkd opened must stay the file at
/// its path, or every later write goes to a file nobody will find.
struct FileIdentity: Equatable {
    let device: UInt64
    let inode: UInt64

    /// The file at `path` now; nil when there is none.
    static func of(_ path: String) -> FileIdentity? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return FileIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
    }
}
