import Foundation
import Synchronization

/// Who may drop files in the spool: parkd's own user, root, and the members of the uploader
/// group (by their primary group or the group's member list), as the user database says.
/// Answers are kept until `forget`, which the intake calls before every scan: an account
/// taken out of the group is refused from the next scan on, without a restart.
final class Uploaders: Sendable {
    /// The uploader group's name.
    let group: String
    private let known = Mutex<[uid_t: (allowed: Bool, name: String)]>([:])

    init(group: String) { self.group = group }

    /// Whether `uid` may upload.
    func mayUpload(_ uid: uid_t) -> Bool { lookUp(uid).allowed }

    /// The user's name for the audit trail (`uid 1234` when the user database has none).
    func name(_ uid: uid_t) -> String { lookUp(uid).name }

    /// Drops what was read from the user database: the next question reads it again.
    func forget() { known.withLock { $0.removeAll() } }

    private func lookUp(_ uid: uid_t) -> (allowed: Bool, name: String) {
        if let found = known.withLock({ $0[uid] }) { return found }
        var user = passwd()
        var result: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 16_384)
        var name = "uid \(uid)"
        var primaryGroup: gid_t?
        if getpwuid_r(uid, &user, &buffer, buffer.count, &result) == 0, result != nil {
            name = String(cString: user.pw_name)
            primaryGroup = user.pw_gid
        }
        var allowed = uid == geteuid() || uid == 0
        if !allowed {
            var entry = Glibc.group()
            var groupResult: UnsafeMutablePointer<Glibc.group>?
            var groupBuffer = [CChar](repeating: 0, count: 65_536)
            if getgrnam_r(group, &entry, &groupBuffer, groupBuffer.count, &groupResult) == 0, groupResult != nil {
                if primaryGroup == entry.gr_gid { allowed = true }
                var member = entry.gr_mem
                while !allowed, let pointer = member?.pointee {
                    if String(cString: pointer) == name { allowed = true }
                    member = member?.advanced(by: 1)
                }
            }
        }
        known.withLock { $0[uid] = (allowed, name) }
        return (allowed, name)
    }
}
