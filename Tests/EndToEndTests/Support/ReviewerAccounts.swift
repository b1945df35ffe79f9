import Foundation

/// Local users made for one test (tests run as root): a reviewer group and its members, and
/// one user outside it; all removed again when the accounts go.
final class ReviewerAccounts: @unchecked Sendable {
    struct User {
        let name: String
        let uid: UInt32
    }

    let group: String
    let gid: UInt32
    let reviewers: [User]
    let outsider: User

    /// Ids far from the ones other tests and the README use by number (1001, 61001, 61002,
    /// 65534), so that an account made here never gives one of those a name meanwhile.
    static let idRange = ["-K", "UID_MIN=62000", "-K", "UID_MAX=63999", "-K", "GID_MIN=62000", "-K", "GID_MAX=63999"]
    static let groupIDRange = ["-K", "GID_MIN=62000", "-K", "GID_MAX=63999"]

    /// `count` reviewers in a fresh group.
    init(count: Int) throws {
        let tag = String(UUID().uuidString.lowercased().filter(\.isLetter).prefix(5))
        group = "prv\(tag)"
        try ReviewerAccounts.run("/usr/sbin/groupadd", ReviewerAccounts.groupIDRange + [group])
        var made: [User] = []
        for index in 0..<count {
            made.append(try ReviewerAccounts.user("\(group)r\(index + 1)", group: group))
        }
        reviewers = made
        outsider = try ReviewerAccounts.user("\(group)x", group: nil)
        gid = try ReviewerAccounts.numericID("/usr/bin/getent", ["group", group])
    }

    /// `access.reviewer_group` naming this group, on a socket anyone may open (so that parkd,
    /// not the socket file's mode, decides who may call what).
    var config: String { "access:\n  reviewer_group: \(group)\nsocket:\n  mode: \"0666\"\n" }

    deinit {
        for user in reviewers + [outsider] { _ = try? runCommand("/usr/sbin/userdel", [user.name]) }
        _ = try? runCommand("/usr/sbin/groupdel", [group])
    }

    private static func user(_ name: String, group: String?) throws -> User {
        try run("/usr/sbin/useradd", idRange + ["-M", "-s", "/usr/sbin/nologin"] + (group.map { ["-N", "-g", $0] } ?? ["-N"]) + [name])
        return User(name: name, uid: try numericID("/usr/bin/id", ["-u", name]))
    }

    private static func run(_ program: String, _ arguments: [String]) throws {
        let result = try runCommand(program, arguments)
        guard result.status == 0 else { throw DaemonFailure(message: "\(program) \(arguments): \(result.stderr)") }
    }

    /// The id `getent group G` (third field) or `id -u U` prints.
    private static func numericID(_ program: String, _ arguments: [String]) throws -> UInt32 {
        let result = try runCommand(program, arguments)
        let text = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let field = program.hasSuffix("getent") ? text.split(separator: ":", omittingEmptySubsequences: false).dropFirst(2).first.map(String.init) : text
        guard let id = field.flatMap({ UInt32($0) }) else { throw DaemonFailure(message: "\(program) \(arguments): \(result.stdout)") }
        return id
    }
}
