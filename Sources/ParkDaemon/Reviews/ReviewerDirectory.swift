import Foundation
import ParkCore

/// Reviewers as the system's user database knows them: a panel member is a local user in the
/// reviewer group (`access.reviewer_group`), named by user name or uid.
struct ReviewerDirectory: Sendable {
    let policy: AccessPolicy

    /// The reviewer `name` (a user name, or a uid in digits); `field` names the request's field.
    func reviewer(_ name: String, field: String) throws(DomainError) -> Reviewer {
        guard let user = ReviewerDirectory.user(name) else { throw .invalid(field, "'\(name)' is not a user of this system") }
        guard let group = policy.reviewerGID else {
            throw .invalid(field, "group \(policy.reviewerGroup) (access.reviewer_group) does not exist: no user can sit on a panel; create it with systemd-sysusers Deploy/parkd.sysusers")
        }
        guard user.gid == group || Caller.memberships(of: user.name, primary: user.gid).contains(group) else {
            throw .invalid(field, "\(user.name) is not a member of \(policy.reviewerGroup), the reviewer group")
        }
        return Reviewer(uid: Int64(user.uid), name: user.name)
    }

    func reviewers(_ names: [String], field: String) throws(DomainError) -> [Reviewer] {
        try names.map { name throws(DomainError) in try reviewer(name, field: field) }
    }

    private static func user(_ name: String) -> (uid: UInt32, gid: UInt32, name: String)? {
        var entry = passwd()
        var result: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 4096)
        let found: Int32 = if !name.isEmpty, name.allSatisfy(\.isNumber), let uid = UInt32(name) {
            getpwuid_r(uid, &entry, &buffer, buffer.count, &result)
        } else {
            getpwnam_r(name, &entry, &buffer, buffer.count, &result)
        }
        guard found == 0, result != nil, let userName = entry.pw_name else { return nil }
        return (entry.pw_uid, entry.pw_gid, String(cString: userName))
    }
}
