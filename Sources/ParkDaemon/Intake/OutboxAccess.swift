import CSystemd
import Foundation

/// Who may read a tenant's outbox. By default the whole uploader group (a portal that uploads
/// for every firm); a firm listed in `intake.tenant_uploaders` has its outbox closed to the
/// group and opened, by a POSIX access ACL, to its own accounts only (an SFTP drop per firm),
/// so one firm's account never reads another firm's receipts. The receipts inside keep the
/// group's read bit: reaching them is what the directory decides.
struct OutboxAccess: Sendable {
    /// Credit code → the user names that upload for that firm alone.
    let tenantUploaders: [String: [String]]
    /// The uploader group's members, whom those accounts must be among.
    let uploaders: Uploaders

    /// What `apply` could not do as asked.
    enum Shortfall: CustomStringConvertible {
        /// The user database has no such account: it is left out of the outbox's ACL.
        case unknownUser(String, creditCode: String)
        /// The account is not in the uploader group: it can neither drop files nor pass through
        /// `outbox/` to the firm's outbox.
        case notUploader(String, creditCode: String, group: String)
        /// The filesystem keeps no ACLs: the outbox is closed to everyone but parkd.
        case noACLs(String)

        var description: String {
            switch self {
            case .unknownUser(let name, let code): "intake.tenant_uploaders names user '\(name)' for \(code), whom the user database does not know; the outbox is not opened to that name"
            case .notUploader(let name, let code, let group): "intake.tenant_uploaders names user '\(name)' for \(code), who is not a member of the uploader group '\(group)': that account can neither drop files nor reach the outbox"
            case .noACLs(let path): "the filesystem of \(path) keeps no POSIX ACLs; the outboxes of firms with their own uploaders are readable by parkd alone"
            }
        }
    }

    /// Sets `directory` (the outbox of `creditCode`, opened without following links) to what
    /// the configuration says: mode 2750 with no ACL, or mode 2700 with an ACL granting each of
    /// the firm's accounts read and search.
    func apply(to directory: String, creditCode: String) throws(SpoolFailure) -> [Shortfall] {
        let descriptor = open(directory, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { throw SpoolFailure(path: directory, operation: "open", code: errno) }
        defer { close(descriptor) }
        guard let names = tenantUploaders[creditCode] else {
            guard fremovexattr(descriptor, PosixACL.accessAttribute) == 0 || errno == ENODATA || errno == EOPNOTSUPP else {
                throw SpoolFailure(path: directory, operation: "removexattr", code: errno)
            }
            guard fchmod(descriptor, 0o2750) == 0 else { throw SpoolFailure(path: directory, operation: "chmod", code: errno) }
            return []
        }
        var shortfalls: [Shortfall] = []
        var uids: [uid_t] = []
        for name in names {
            guard let uid = Self.uid(name) else {
                shortfalls.append(.unknownUser(name, creditCode: creditCode))
                continue
            }
            uids.append(uid)
            if !uploaders.mayUpload(uid) { shortfalls.append(.notUploader(name, creditCode: creditCode, group: uploaders.group)) }
        }
        guard fchmod(descriptor, 0o2700) == 0 else { throw SpoolFailure(path: directory, operation: "chmod", code: errno) }
        let acl = PosixACL.readAndSearch(for: uids).bytes
        let set = acl.withUnsafeBytes { fsetxattr(descriptor, PosixACL.accessAttribute, $0.baseAddress, $0.count, 0) }
        if set != 0 {
            guard errno == EOPNOTSUPP else { throw SpoolFailure(path: directory, operation: "setxattr", code: errno) }
            shortfalls.append(.noACLs(directory))
        }
        return shortfalls
    }

    private static func uid(_ name: String) -> uid_t? {
        var user = passwd()
        var result: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 16_384)
        guard getpwnam_r(name, &user, &buffer, buffer.count, &result) == 0, result != nil else { return nil }
        return user.pw_uid
    }
}
