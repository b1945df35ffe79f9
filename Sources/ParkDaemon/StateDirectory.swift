import Foundation
import ParkStore

/// The state directory parkd keeps the park in, checked before anything is opened in it: a
/// directory that another user could steer (a symbolic link, someone else's, writable by every
/// user) or that cannot be written (a read-only file system) is refused, naming the problem.
///
/// The checks are made on what was opened, not on a path looked up again: the directory is
/// opened with `O_NOFOLLOW` and examined through its descriptor, the database is opened (or
/// created, mode 0640) relative to that descriptor with `O_NOFOLLOW` too, and once SQLite has
/// the database open, the files at both paths must still be the ones examined.
struct StateDirectory {
    let path: String
    let databasePath: String
    /// The database file as it was examined (device and inode), and whether it was new.
    let database: FileIdentity
    let databaseIsNew: Bool
    private let directory: FileIdentity

    /// Creates the directory (mode 0750) when it is missing, checks it, then opens or creates
    /// `databaseFile` in it and checks that.
    init(_ path: String, databaseFile: String) throws(StateDirectoryRefused) {
        self.path = path
        databasePath = (path as NSString).appendingPathComponent(databaseFile)
        let descriptor = try Self.openDirectory(path)
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw StateDirectoryRefused(path: path, reason: "cannot be examined: \(Self.lastError)") }
        try Self.checkOwner(path, info)
        if (info.st_mode & S_IWOTH) != 0 {
            throw StateDirectoryRefused(
                path: path, reason: "is writable by every user (mode \(Self.octal(info.st_mode))); remove that with chmod o-w \(path)")
        }
        var fileSystem = statvfs()
        if fstatvfs(descriptor, &fileSystem) == 0, (fileSystem.f_flag & UInt(ST_RDONLY)) != 0 {
            throw StateDirectoryRefused(path: path, reason: "is on a read-only file system; parkd could not record any change")
        }
        if faccessat(descriptor, ".", W_OK | X_OK, AT_EACCESS) != 0 {
            throw StateDirectoryRefused(path: path, reason: "cannot be written by parkd: \(Self.lastError)")
        }
        directory = FileIdentity(info)
        (database, databaseIsNew) = try Self.openDatabase(databaseFile, in: descriptor, path: databasePath)
    }

    /// Once SQLite has opened the database by its path: the path must still lead, through no
    /// link, to the directory and the file examined, or parkd would keep the park somewhere nobody
    /// chose.
    func confirmOpened() throws(StateDirectoryRefused) {
        var info = stat()
        guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR, FileIdentity(info) == directory else {
            throw StateDirectoryRefused(path: path, reason: "was replaced while parkd was opening the database in it")
        }
        guard lstat(databasePath, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, FileIdentity(info) == database else {
            throw StateDirectoryRefused(path: databasePath, reason: "was replaced while parkd was opening it")
        }
    }

    private static func openDirectory(_ path: String) throws(StateDirectoryRefused) -> Int32 {
        let flags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC
        var descriptor = open(path, flags)
        if descriptor < 0, errno == ENOENT {
            do {
                try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o750])
            } catch {
                throw StateDirectoryRefused(path: path, reason: "cannot be created: \(error.localizedDescription)")
            }
            descriptor = open(path, flags)
        }
        guard descriptor < 0 else { return descriptor }
        let failure = errno
        // O_DIRECTORY and O_NOFOLLOW together answer ENOTDIR for a link to a directory.
        var info = stat()
        if lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK { throw linkRefused(path, kind: "state directory") }
        switch failure {
        case ENOTDIR: throw StateDirectoryRefused(path: path, reason: "is not a directory")
        default: throw StateDirectoryRefused(path: path, reason: "cannot be opened: \(String(cString: strerror(failure)))")
        }
    }

    /// Opens the database, or creates it in a directory that holds no park yet: where the
    /// park's receipt key is, the park was there, and a database missing beside it was deleted
    /// or moved away (parkd stopped when it saw that), not one to start afresh.
    private static func openDatabase(
        _ name: String, in directory: Int32, path: String
    ) throws(StateDirectoryRefused) -> (FileIdentity, created: Bool) {
        var descriptor = openat(directory, name, O_RDWR | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        if descriptor < 0, errno == ENOENT {
            var key = stat()
            if fstatat(directory, ReceiptKeyFile.fileName, &key, AT_SYMLINK_NOFOLLOW) == 0 {
                throw StateDirectoryRefused(
                    path: path,
                    reason: "is missing, but the state directory holds the park's \(ReceiptKeyFile.fileName): put the database back (parkd --restore BACKUP); to start a new, empty park here instead, move \(ReceiptKeyFile.fileName) away first")
            }
            descriptor = openat(directory, name, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0o640)
        }
        guard descriptor >= 0 else {
            switch errno {
            case ELOOP: throw linkRefused(path, kind: "database")
            default: throw StateDirectoryRefused(path: path, reason: "cannot be opened: \(lastError)")
            }
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw StateDirectoryRefused(path: path, reason: "cannot be examined: \(lastError)") }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw StateDirectoryRefused(path: path, reason: "is not a regular file") }
        try checkOwner(path, info)
        if info.st_nlink > 1 {
            throw StateDirectoryRefused(
                path: path, reason: "has \(info.st_nlink) names (hard links); the park's database must have one, in the state directory")
        }
        return (FileIdentity(info), info.st_size == 0)
    }

    private static func linkRefused(_ path: String, kind: String) -> StateDirectoryRefused {
        let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: path)).map { " (to \($0))" } ?? ""
        return StateDirectoryRefused(
            path: path, reason: "is a symbolic link\(target); parkd does not follow links for its \(kind): name the real path")
    }

    private static func checkOwner(_ path: String, _ info: stat) throws(StateDirectoryRefused) {
        if info.st_uid != geteuid() {
            throw StateDirectoryRefused(
                path: path, reason: "belongs to uid \(info.st_uid), not to parkd's user (uid \(geteuid())); give it to parkd's user or use another --state-dir")
        }
    }

    private static var lastError: String { String(cString: strerror(errno)) }

    private static func octal(_ mode: mode_t) -> String { "0" + String(mode & 0o7777, radix: 8) }
}

/// The state directory or the database in it may not be used, and why.
struct StateDirectoryRefused: NotMendedByRestart, CustomStringConvertible {
    let path: String
    let reason: String

    var description: String { "\(path): \(reason)" }
}

/// The database parkd would open was written by a newer parkd, or is no database it can use.
struct DatabaseRefused: NotMendedByRestart, CustomStringConvertible {
    let refusal: StoreError

    var description: String { "\(refusal)" }
}

/// An error a restart does not mend: the state directory or the database as they are. parkd
/// exits 78 (EX_CONFIG) for one, which the units list in `RestartPreventExitStatus=`, so that
/// systemd does not start parkd again and again on a park that is not there.
public protocol NotMendedByRestart: Error {}

