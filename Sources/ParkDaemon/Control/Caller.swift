import Foundation
import MemberwiseInit

/// The process at the other end of a connection, from the socket's peer credentials (SO_PEERCRED).
@MemberwiseInit
public struct Caller: Sendable, Equatable {
    public let uid: UInt32
    public let gid: UInt32
    public let pid: Int32
    /// The user's name, or `uid N` when the user database has none.
    public let userName: String
    /// Primary and supplementary groups of the calling process when it connected.
    public let groups: Set<UInt32>

    /// Completes peer credentials with the user's name and the supplementary groups the kernel
    /// recorded with them (`PeerGroups`). Without those (a kernel before 4.13, or more groups
    /// than `PeerGroups` reads) the user database's memberships stand in. Never the groups
    /// of the process with the peer's pid in /proc: that process may have exited while the
    /// connection waited to be accepted, and its pid gone to another user's process.
    static func identify(uid: UInt32, gid: UInt32, pid: Int32, peerGroups: [UInt32]?) -> Caller {
        let name = userName(uid: uid)
        var groups: Set<UInt32> = [gid]
        groups.formUnion(peerGroups ?? name.map { memberships(of: $0, primary: gid) } ?? [])
        return Caller(uid: uid, gid: gid, pid: pid, userName: name ?? "uid \(uid)", groups: groups)
    }

    /// Groups the user database lists for `user` (getgrouplist).
    static func memberships(of user: String, primary: UInt32) -> [UInt32] {
        var count: Int32 = 64
        var groups = [gid_t](repeating: 0, count: Int(count))
        if getgrouplist(user, primary, &groups, &count) < 0 {
            groups = [gid_t](repeating: 0, count: Int(count))
            guard getgrouplist(user, primary, &groups, &count) >= 0 else { return [] }
        }
        return Array(groups.prefix(Int(count)))
    }

    /// The name the user database gives `uid`; nil when it has none.
    static func userName(uid: UInt32) -> String? {
        var entry = passwd()
        var result: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 4096)
        guard getpwuid_r(uid, &entry, &buffer, buffer.count, &result) == 0, result != nil, let name = entry.pw_name else {
            return nil
        }
        return String(cString: name)
    }
}

/// What a caller may do.
public enum Role: String, Sendable {
    /// Every method.
    case admin
    /// Read-only methods.
    case auditor
    /// The review methods about their own assignments.
    case reviewer
    /// Only `org.varlink.service` introspection.
    case none
}

/// Maps callers to roles through the configured admin and auditor groups.
public struct AccessPolicy: Sendable, Equatable {
    public let adminGroup: String
    public let auditorGroup: String
    public let reviewerGroup: String
    /// Group ids resolved when the configuration was loaded; nil when the group does not exist.
    let adminGID: UInt32?
    let auditorGID: UInt32?
    let reviewerGID: UInt32?

    public init(adminGroup: String, auditorGroup: String, reviewerGroup: String = DaemonConfig().reviewerGroup) {
        self.adminGroup = adminGroup
        self.auditorGroup = auditorGroup
        self.reviewerGroup = reviewerGroup
        adminGID = AccessPolicy.groupID(adminGroup)
        auditorGID = AccessPolicy.groupID(auditorGroup)
        reviewerGID = AccessPolicy.groupID(reviewerGroup)
    }

    /// root and admin-group members are admins; auditor-group members are auditors;
    /// reviewer-group members are reviewers.
    public func role(of caller: Caller) -> Role {
        if caller.uid == 0 { return .admin }
        if let adminGID, caller.groups.contains(adminGID) { return .admin }
        if let auditorGID, caller.groups.contains(auditorGID) { return .auditor }
        if isReviewer(caller) { return .reviewer }
        return .none
    }

    /// Whether the caller belongs to the reviewer group (an auditor may be a reviewer too).
    public func isReviewer(_ caller: Caller) -> Bool {
        guard let reviewerGID else { return false }
        return caller.groups.contains(reviewerGID)
    }

    /// Groups named in the configuration that do not exist on this system.
    public var missingGroups: [String] {
        (adminGID == nil ? [adminGroup] : []) + (auditorGID == nil ? [auditorGroup] : []) + (reviewerGID == nil ? [reviewerGroup] : [])
    }

    /// What the missing groups mean for who may call parkd, in one sentence (nil when all
    /// exist): on a developer's machine none does, and only root may then change the park.
    public var missingGroupsWarning: String? {
        Self.missingGroupsWarning(
            admin: adminGID == nil ? adminGroup : nil, auditor: auditorGID == nil ? auditorGroup : nil,
            reviewer: reviewerGID == nil ? reviewerGroup : nil)
    }

    static func missingGroupsWarning(admin: String?, auditor: String?, reviewer: String?) -> String? {
        let missing = [admin, auditor, reviewer].compactMap { $0 }
        guard !missing.isEmpty else { return nil }
        let names = missing.count == 1 ? "group \(missing[0]) does not exist" : "groups \(missing.joined(separator: ", ")) do not exist"
        var consequences: [String] = []
        switch (admin, auditor) {
        case (_?, _?): consequences.append("only root (uid 0) may change or read the park")
        case (_?, nil): consequences.append("only root (uid 0) may change the park")
        case (nil, _?): consequences.append("only root (uid 0) and the admin group may read the park")
        case (nil, nil): break
        }
        if reviewer != nil { consequences.append("no one may sit on a review panel") }
        let them = missing.count == 1 ? "it" : "them"
        let defaults = DaemonConfig()
        let create = Set(missing).isSubset(of: [defaults.adminGroup, defaults.auditorGroup, defaults.reviewerGroup])
            ? "create \(them) with systemd-sysusers Deploy/parkd.sysusers"
            : "create \(them), or name existing groups in access.admin_group, access.auditor_group and access.reviewer_group"
        return "\(names): \(consequences.joined(separator: ", and ")); \(create)"
    }

    static func groupID(_ name: String) -> UInt32? {
        var entry = group()
        var result: UnsafeMutablePointer<group>?
        var buffer = [CChar](repeating: 0, count: 16384)
        guard getgrnam_r(name, &entry, &buffer, buffer.count, &result) == 0, result != nil else { return nil }
        return entry.gr_gid
    }
}
