import CSystemd
import Foundation

/// The spool's directories. A writer puts a file in `incoming/tmp`, then renames it into
/// `incoming/new` when it is complete (the same filesystem, so the rename is atomic); parkd
/// takes what is in `new/`, writes the receipt to `outbox/<credit code>/`, and moves the file to
/// `archive/`, or sets it aside in `quarantine/` with a `.reason` file.
struct Spool: Sendable {
    let root: String
    /// Who reads each tenant's outbox.
    var outboxAccess = OutboxAccess(tenantUploaders: [:], uploaders: Uploaders(group: IntakeConfig().uploaderGroup))
    var incoming: String { root + "/incoming" }
    var tmp: String { root + "/incoming/tmp" }
    var new: String { root + "/incoming/new" }
    var archive: String { root + "/archive" }
    var quarantine: String { root + "/quarantine" }
    var outbox: String { root + "/outbox" }

    /// A tenant's outbox.
    func outbox(_ creditCode: String) -> String { outbox + "/" + creditCode }

    /// Creates a tenant's outbox when missing, closed (0700) until its access is set; what the
    /// access could not be set to. An existing outbox is left as `prepareOutboxes` set it.
    @discardableResult
    func makeOutbox(_ creditCode: String) throws(SpoolFailure) -> [OutboxAccess.Shortfall] {
        guard try createClosedOutbox(creditCode) else { return [] }
        return try outboxAccess.apply(to: outbox(creditCode), creditCode: creditCode)
    }

    /// Sets the access of every tenant's outbox to what the configuration says now, creating
    /// those of firms with their own uploaders; what could not be set as asked.
    func prepareOutboxes() throws(SpoolFailure) -> [OutboxAccess.Shortfall] {
        for code in outboxAccess.tenantUploaders.keys { _ = try createClosedOutbox(code) }
        var shortfalls: [OutboxAccess.Shortfall] = []
        for code in try DurableFile.names(in: outbox).sorted() {
            var info = stat()
            guard lstat(outbox(code), &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR, info.st_uid == geteuid() else { continue }
            shortfalls += try outboxAccess.apply(to: outbox(code), creditCode: code)
        }
        return shortfalls
    }

    /// Makes a tenant's outbox readable by parkd alone; false when it exists already.
    private func createClosedOutbox(_ creditCode: String) throws(SpoolFailure) -> Bool {
        guard mkdir(outbox(creditCode), 0o700) == 0 else {
            guard errno == EEXIST else { throw SpoolFailure(path: outbox(creditCode), operation: "mkdir", code: errno) }
            return false
        }
        return true
    }

    /// Creates what is missing, and sets modes: uploaders (the group) may write `incoming/tmp`
    /// and `incoming/new`, without listing them, and read the outbox; `archive/` and
    /// `quarantine/` are parkd's own. The sticky bit keeps one uploader from renaming or
    /// removing another's files, and the default ACL of the incoming directories from reading
    /// them: a file made there is its uploader's and parkd's alone. What could not be set (a
    /// directory left without the uploaders' group, a filesystem without ACLs), in words for
    /// the log.
    func prepare(uploaderGroup: gid_t?) throws -> [String] {
        var shortfalls: [String] = []
        for (path, mode, shared) in [
            (root, mode_t(0o751), false), (incoming, 0o2750, true), (tmp, 0o3730, true), (new, 0o3730, true),
            (archive, 0o700, false), (quarantine, 0o700, false), (outbox, 0o2750, true),
        ] {
            if mkdir(path, mode) != 0, errno != EEXIST {
                throw SpoolFailure(path: path, operation: "mkdir", code: errno)
            }
            var info = stat()
            guard lstat(path, &info) == 0 else { throw SpoolFailure(path: path, operation: "stat", code: errno) }
            guard (info.st_mode & S_IFMT) == S_IFDIR else { throw SpoolFailure(path: path, operation: "is not a directory", code: ENOTDIR) }
            // Only parkd's own directories are fixed; one it does not own is left as the administrator set it.
            guard info.st_uid == geteuid() else { continue }
            if shared, let uploaderGroup, info.st_gid != uploaderGroup, chown(path, uid_t.max, uploaderGroup) != 0 {
                shortfalls.append("\(path) keeps group \(info.st_gid), not the uploaders' \(uploaderGroup): chown: \(String(cString: strerror(errno))); uploaders cannot use it until it has their group")
            }
            if (info.st_mode & 0o7777) != mode { _ = chmod(path, mode) }
            if path == tmp || path == new, let shortfall = try Self.keepFilesPrivate(path) { shortfalls.append(shortfall) }
        }
        return shortfalls
    }

    /// Gives an incoming directory the default ACL by which each file made in it is readable
    /// by its uploader and parkd alone; what stands in the way (a filesystem without ACLs).
    private static func keepFilesPrivate(_ directory: String) throws(SpoolFailure) -> String? {
        let descriptor = open(directory, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { throw SpoolFailure(path: directory, operation: "open", code: errno) }
        defer { close(descriptor) }
        let acl = PosixACL.ownerAndReader(geteuid()).bytes
        guard acl.withUnsafeBytes({ fsetxattr(descriptor, PosixACL.defaultAttribute, $0.baseAddress, $0.count, 0) }) != 0 else { return nil }
        guard errno == EOPNOTSUPP else { throw SpoolFailure(path: directory, operation: "setxattr", code: errno) }
        return "the filesystem of \(directory) keeps no POSIX ACLs: the uploaders can read each other's files there, as their modes allow"
    }

    /// The uploader group's id; nil when the system has no such group.
    static func groupID(_ name: String) -> gid_t? {
        var group = group()
        var result: UnsafeMutablePointer<group>?
        var buffer = [CChar](repeating: 0, count: 16_384)
        guard getgrnam_r(name, &group, &buffer, buffer.count, &result) == 0, result != nil else { return nil }
        return group.gr_gid
    }
}

/// A file operation of the spool failed.
struct SpoolFailure: Error, CustomStringConvertible {
    let path: String
    let operation: String
    let code: Int32

    var description: String { "\(operation) \(path): \(String(cString: strerror(code)))" }
}
