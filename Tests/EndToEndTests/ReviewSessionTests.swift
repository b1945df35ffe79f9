import Foundation
import Testing

@Suite("parkctl review sessions and panels against a real parkd, with reviewers made for the test", .serialized)
struct ReviewSessionTests {
    @Test("a panel is an odd number of at least 5 reviewer-group users; each reviewer sees only their own assignments")
    func sessionsAndPanels() throws {
        let accounts = try ReviewerAccounts(count: 7)
        let daemon = try RunningDaemon(config: accounts.config)
        let names = accounts.reviewers.map(\.name)
        for (index, code) in ["91370200MA3C1234XQ", "91370200MA3D0001A6"].enumerated() {
            _ = try daemon.parkctl(ApplicationCommandTests.add(code, name: "申请企业\(index + 1)"))
        }
        func session(_ reviewers: [String], applications: [String] = ["1"]) throws -> CommandResult {
            try daemon.parkctl(["review", "session", "add", "--date", "2021-03-20", "--venue", "园区会议中心 301", "--chair", "刘主任"]
                + applications.flatMap { ["--application", $0] } + reviewers.flatMap { ["--reviewer", $0] })
        }

        // Bad panels are refused, naming the field, and nothing is scheduled.
        for (reviewers, message) in [
            (Array(names.prefix(4)), "a panel of 4 is fewer than 5; a panel has an odd number of at least 5 reviewers"),
            (Array(names.prefix(6)), "a panel of 6 is an even number; a panel has an odd number of at least 5 reviewers"),
            (Array(names.prefix(4)) + [accounts.outsider.name], "\(accounts.outsider.name) is not a member of \(accounts.group), the reviewer group"),
            (Array(names.prefix(4)) + ["no-such-user-\(accounts.group)"], "'no-such-user-\(accounts.group)' is not a user of this system"),
            (Array(names.prefix(4)) + [names[0]], "\(names[0]) is on the panel twice"),
        ] {
            let refused = try session(reviewers)
            #expect(refused.status == 65)
            #expect(refused.stderr == "parkctl: invalid --reviewer (panel): \(message)\n")
        }
        #expect(try session(Array(names.prefix(5)), applications: ["9"]).status == 66)
        // A mistyped year: before the firm applied, or more than a year ahead.
        for (date, message) in [
            ("1999-12-11", "the session meets on 1999-12-11, before application 1 was made (2021-03-01)"),
            ("2099-12-11", "2099-12-11 is more than a year after today"),
        ] {
            let refused = try daemon.parkctl(["review", "session", "add", "--date", date, "--venue", "301", "--chair", "刘主任", "--application", "1"]
                + names.prefix(5).flatMap { ["--reviewer", $0] })
            #expect(refused.status == 65 && refused.stderr.hasPrefix("parkctl: invalid --date (heldOn): \(message)"), "\(refused.stderr)")
        }
        #expect(try daemon.parkctl(["review", "session", "list"]).stdout.components(separatedBy: "\n").count == 2)

        // By name or by uid.
        let created = try session(Array(names.prefix(4)) + [String(accounts.reviewers[4].uid)])
        #expect(created.stdout == "1\n")
        let shown = try daemon.parkctl(["review", "session", "show", "1"])
        #expect(shown.stdout.contains("Panel:     \(names[0]) (uid \(accounts.reviewers[0].uid)), \(names[1])"))
        #expect(shown.stdout.contains("        1  申请企业1  91370200MA3C1234XQ"))
        let twice = try session(Array(names.prefix(5)))
        #expect(twice.stderr == "parkctl: invalid --application (applications): application 1 is on the agenda of session 1 already\n")

        // A reviewer sees their own assignment, never the other members' names.
        let mine = try daemon.parkctl(["review", "assignments"], uid: accounts.reviewers[0].uid, gid: accounts.gid)
        #expect(mine.status == 0)
        #expect(mine.stdout.hasPrefix("session 1 on 2021-03-20 at 园区会议中心 301, chair 刘主任, open, panel of 5\n"))
        #expect(mine.stdout.contains("申请企业1"))
        for other in names.dropFirst() { #expect(!mine.stdout.contains(other)) }
        let json = try daemon.parkctl(["--json", "review", "assignments"], uid: accounts.reviewers[0].uid, gid: accounts.gid)
        #expect(!json.stdout.contains("\"uid\"") && !json.stdout.contains(names[1]))
        #expect(try daemon.parkctl(["review", "assignments"], uid: accounts.reviewers[6].uid, gid: accounts.gid).stdout == "no assignments\n")

        // Nothing else is open to a reviewer, and review methods are closed to anyone outside the group.
        for arguments in [["review", "session", "show", "1"], ["review", "session", "list"], ["application", "list"], ["tenant", "list"]] {
            let denied = try daemon.parkctl(arguments, uid: accounts.reviewers[0].uid, gid: accounts.gid)
            #expect(denied.status == 77, "\(arguments)")
        }
        #expect(try daemon.parkctl(["review", "assignments"], uid: accounts.outsider.uid, gid: accounts.outsider.uid).status == 77)

        // The panel changes only into another odd panel of at least 5.
        let even = try daemon.parkctl(["review", "panel", "add", "1", names[5]])
        #expect(even.status == 65)
        #expect(even.stderr == "parkctl: invalid USER (add): a panel of 6 is an even number; a panel has an odd number of at least 5 reviewers\n")
        #expect(try daemon.parkctl(["review", "panel", "add", "1", names[5], names[6]]).stdout.hasPrefix("session 1: panel of 7: "))
        #expect(try daemon.parkctl(["review", "panel", "remove", "1", names[0]]).status == 65)
        let swapped = try daemon.parkctl(["review", "panel", "remove", "1", names[0], names[1], "--replace-with", names[0]])
        #expect(swapped.status == 65)
        #expect(swapped.stderr == "parkctl: invalid --replace-with (add): \(names[0]) is on the panel already\n")
        // --replace-with takes every name after it, as `USER…` in the usage says.
        let two = try daemon.parkctl(["review", "panel", "remove", "1", names[0], names[1], "--replace-with", names[2], names[0]])
        #expect(two.status == 65 && two.stderr.hasPrefix("parkctl: invalid --replace-with (add): ") && two.stderr.hasSuffix(" is on the panel already\n"), "\(two.stderr)")
        #expect(try daemon.parkctl(["review", "panel", "remove", "1", names[0], names[1]]).stdout.hasPrefix("session 1: panel of 5: \(names[2])"))
        #expect(try daemon.parkctl(["review", "assignments"], uid: accounts.reviewers[0].uid, gid: accounts.gid).stdout == "no assignments\n")
        #expect(try daemon.parkctl(["review", "assignments"], uid: accounts.reviewers[6].uid, gid: accounts.gid).stdout.hasPrefix("session 1 on"))
        #expect(try daemon.parkctl(["audit", "list", "--method", "Review.ChangePanel"]).stdout.components(separatedBy: "\n").count == 8)
    }
}

extension ReviewSessionTests {
    @Test("conflicts are declared by reviewers, detected from their ties, listed for the chair and dismissed only with a reason")
    func conflicts() throws {
        let accounts = try ReviewerAccounts(count: 5)
        let daemon = try RunningDaemon(config: accounts.config)
        let names = accounts.reviewers.map(\.name)
        func reviewer(_ index: Int, _ arguments: [String]) throws -> CommandResult {
            try daemon.parkctl(arguments, uid: accounts.reviewers[index].uid, gid: accounts.gid)
        }
        _ = try daemon.parkctl(ApplicationCommandTests.add("91370200MA3C1234XQ", ["--group-parent": ["英才集团"]]))
        _ = try daemon.parkctl(["review", "session", "add", "--date", "2021-03-20", "--venue", "301", "--chair", "刘主任", "--application", "1"]
            + names.flatMap { ["--reviewer", $0] })

        // Ties: employed by the group until 2019 (within 3 years of the session), left in 2017
        // (not), kin of a shareholder.
        #expect(try reviewer(0, ["review", "affiliation", "add", "--kind", "employer", "--party", "英才集团", "--until", "2019-06-30"]).stdout
            == "employer 英才集团 until 2019-06-30\n")
        _ = try reviewer(1, ["review", "affiliation", "add", "--kind", "employer", "--party", "英才集团", "--until", "2017-12-31"])
        _ = try reviewer(2, ["review", "affiliation", "add", "--kind", "kin", "--party", "李明"])
        let declared = try reviewer(3, ["review", "conflict", "declare", "1", "--type", "other", "--note", "前同事"])
        #expect(declared.stdout == "application 1, \(names[3]): conflicted (declared other: 前同事)\n")

        let all = try daemon.parkctl(["review", "conflict", "list", "1"])
        #expect(all.stdout == """
            application 1, \(names[0]): conflicted (detected employment: employed by 英才集团 until 2019-06-30)
            application 1, \(names[2]): conflicted (detected kinship: kin of 李明)
            application 1, \(names[3]): conflicted (declared other: 前同事)

            """)
        // A reviewer sees their own only, and declares for nobody else.
        #expect(try reviewer(0, ["review", "conflict", "list", "1"]).stdout
            == "application 1, \(names[0]): conflicted (detected employment: employed by 英才集团 until 2019-06-30)\n")
        #expect(try reviewer(4, ["review", "conflict", "list", "1"]).stdout == "no conflicts\n")
        let forOther = try reviewer(4, ["review", "conflict", "declare", "1", "--type", "kinship", "--reviewer", names[3]])
        #expect(forOther.status == 65)
        #expect(forOther.stderr == "parkctl: invalid --reviewer (reviewer): a reviewer declares for themselves only, not for \(names[3])\n")
        let badType = try reviewer(4, ["review", "conflict", "declare", "1", "--type", "rivalry"])
        #expect(badType.stderr == "parkctl: invalid --type (type): 'rivalry' is not a conflict type; use one of employment, investment, sharedLegalRepresentative, kinship, other\n")
        #expect(try reviewer(4, ["review", "conflict", "dismiss", "1", "--reviewer", names[2], "--reason", "x"]).status == 77)

        // Dismissal: detected conflicts only, with a reason, once; audited.
        let dismissed = try daemon.parkctl(["review", "conflict", "dismiss", "1", "--reviewer", names[2], "--reason", "同名不同人"])
        #expect(dismissed.stdout == "application 1, \(names[2]): not conflicted (detected kinship: kin of 李明); detected ones dismissed: 同名不同人\n")
        #expect(try daemon.parkctl(["review", "conflict", "dismiss", "1", "--reviewer", names[2], "--reason", "again"]).status == 65)
        // A tie declared after the dismissal is not covered by it: employed by the applicant, the reviewer sits out.
        _ = try reviewer(2, ["review", "affiliation", "add", "--kind", "employer", "--party", "青岛英才人力资源有限公司"])
        #expect(try daemon.parkctl(["review", "conflict", "list", "1"]).stdout.contains(
            "application 1, \(names[2]): conflicted (detected kinship: kin of 李明; detected employment: employed by 青岛英才人力资源有限公司 now); detected ones dismissed: 同名不同人\n"))
        let uncovered = try daemon.parkctl(["review", "conflict", "dismiss", "1", "--reviewer", names[2], "--reason", "again"])
        #expect(uncovered.status == 65 && uncovered.stderr.hasSuffix("are dismissed already; detected since, and standing: employment: employed by 青岛英才人力资源有限公司 now\n"), "\(uncovered.stderr)")
        let standing = try daemon.parkctl(["review", "conflict", "dismiss", "1", "--reviewer", names[3], "--reason", "no"])
        #expect(standing.stderr == "parkctl: invalid --reviewer (reviewer): \(names[3]) has no detected conflict with application 1 to dismiss; a declared conflict stands\n")
        let audit = try daemon.parkctl(["audit", "list", "--method", "Review.DismissConflict"])
        // The dismissal, the three refused, and the reviewer's call refused for want of the role.
        #expect(audit.stdout.components(separatedBy: "\n").filter { $0.contains("Review.DismissConflict") }.count == 5, "\(audit.stdout)")
        #expect(audit.stdout.contains(" ok") && audit.stdout.contains("PermissionDenied") && audit.stdout.contains("InvalidField"))
        #expect(try daemon.parkctl(["audit", "list", "--method", "Review.DeclareConflict"]).stdout.contains(names[4]))
    }
}
