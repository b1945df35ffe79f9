import Foundation
import Testing

@Suite("parkctl review score, close, result and verify against a real parkd, with 7 reviewers made for the test", .serialized)
struct ReviewScoringEndToEndTests {
    /// Five scores (qualifications 20, brand 20, service 20, contribution 25, industry chain 15) for each total.
    static let sheets: [String: [String]] = [
        "80": ["16", "16", "16", "20", "12"], "75.5": ["15", "15", "15.5", "18", "12"], "90": ["18", "18", "18", "22.5", "13.5"],
        "60": ["12", "12", "12", "15", "9"], "70": ["14", "14", "14", "17.5", "10.5"], "72": ["14.5", "14.5", "14.5", "18", "10.5"],
        "68.5": ["14", "14", "13.5", "17", "10"],
    ]
    static let criteria = ["qualifications", "brandInfluence", "serviceCapability", "economicContribution", "industryChainFit"]
    static let vetoReason = "被执行人案号(2020)鲁02执999号"
    static let dissentText = "该企业服务能力评分偏高，建议复核"
    /// What must appear nowhere before the close: scores as sent, totals, the veto and the dissent.
    /// A refused sheet's too: an unknown criterion, and a veto on an item the rules do not have.
    static let secrets = [
        "\"22.5\"", "\"13.5\"", "\"15.5\"", "\"17.5\"", "\"10.5\"", "\"14.5\"", "75.5", "68.5", "dishonestDebtor", vetoReason, dissentText,
        "charisma", "fraudAtAFirm",
    ]

    static func arguments(_ application: Int, total: String) -> [String] {
        ["review", "score", String(application)] + zip(criteria, sheets[total]!).flatMap { ["--criterion", "\($0)=\($1)"] }
    }

    @Test("sheets are sealed from everyone until the close; quorum, trimmed means, a veto, immutability and verification")
    func blindScoring() throws {
        let accounts = try ReviewerAccounts(count: 7)
        // An auditor too: a group of its own and one member, removed at the end.
        let auditors = accounts.group + "a"
        #expect(try runCommand("/usr/sbin/groupadd", ReviewerAccounts.groupIDRange + [auditors]).status == 0)
        #expect(try runCommand("/usr/sbin/useradd", ReviewerAccounts.idRange + ["-M", "-s", "/usr/sbin/nologin", "-N", "-g", auditors, auditors + "u"]).status == 0)
        defer {
            _ = try? runCommand("/usr/sbin/userdel", [auditors + "u"])
            _ = try? runCommand("/usr/sbin/groupdel", [auditors])
        }
        let auditor = try #require(UInt32(try runCommand("/usr/bin/id", ["-u", auditors + "u"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)))
        let auditorGroup = try #require(UInt32(try runCommand("/usr/bin/id", ["-g", auditors + "u"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)))
        let daemon = try RunningDaemon(config: "access:\n  reviewer_group: \(accounts.group)\n  auditor_group: \(auditors)\n"
            + "socket:\n  mode: \"0666\"\nlog:\n  level: debug\n")
        let names = accounts.reviewers.map(\.name)
        func reviewer(_ index: Int, _ arguments: [String]) throws -> CommandResult {
            try daemon.parkctl(arguments, uid: accounts.reviewers[index].uid, gid: accounts.gid)
        }
        for (index, code) in ["91370200MA3C1234XQ", "91370200MA3D0001A6", "91370200MA3D0003CE"].enumerated() {
            #expect(try daemon.parkctl(ApplicationCommandTests.add(code, name: "申请企业\(index + 1)")).stdout.contains("awaiting review"))
        }
        #expect(try daemon.parkctl(["review", "session", "add", "--date", "2021-03-20", "--venue", "301", "--chair", "刘主任",
                                    "--application", "1", "--application", "2", "--application", "3"] + names.flatMap { ["--reviewer", $0] }).stdout == "1\n")
        _ = try reviewer(6, ["review", "conflict", "declare", "1", "--type", "other", "--note", "前同事"])

        // Identity is the socket's uid: a conflicted reviewer, a non-member and an administrator cannot score.
        let conflicted = try reviewer(6, Self.arguments(1, total: "80"))
        #expect(conflicted.status == 65)
        #expect(conflicted.stderr == "parkctl: invalid APPLICATION (application): \(names[6]) is conflicted with application 1: a conflicted reviewer neither scores nor dissents on it\n")
        #expect(try daemon.parkctl(Self.arguments(1, total: "80"), uid: accounts.outsider.uid, gid: accounts.outsider.uid).status == 77)
        #expect(try daemon.parkctl(Self.arguments(1, total: "80")).stderr
            == "parkctl: invalid APPLICATION (application): application 1 is on no open session whose panel holds root\n")
        // Said before anything about the sheet: a conflicted reviewer's incomplete sheet too.
        #expect(try reviewer(6, ["review", "score", "1", "--criterion", "qualifications=10"]).stderr
            == "parkctl: invalid APPLICATION (application): \(names[6]) is conflicted with application 1: a conflicted reviewer neither scores nor dissents on it\n")
        // Bad sheets name the field, and change nothing.
        let outOfRange = try reviewer(0, ["review", "score", "1", "--criterion", "qualifications=20.5"] + Self.arguments(1, total: "80").suffix(8))
        #expect(outOfRange.stderr == "parkctl: invalid --criterion (criterion): qualifications: above its weight; score 0 to 20 in steps of 0.5\n")
        let unknown = try reviewer(0, Self.arguments(1, total: "80") + ["--criterion", "charisma=3"])
        #expect(unknown.status == 65 && unknown.stderr.contains("'charisma' is not a criterion"))
        let notAVeto = try reviewer(0, Self.arguments(1, total: "80") + ["--veto", "fraudAtAFirm", "--reason", "见附件"])
        #expect(notAVeto.status == 65 && notAVeto.stderr.contains("'fraudAtAFirm' is not a veto item"), "\(notAVeto.stderr)")

        // Application 2: all 7; application 3: 5 of 7, one vetoed; application 1: 3 of 6 at first (one amended).
        for (index, total) in ["80", "75.5", "90", "60", "70", "72", "68.5"].enumerated() {
            #expect(try reviewer(index, Self.arguments(2, total: total)).status == 0)
        }
        for (index, total) in ["80", "75.5", "90", "60", "70"].enumerated() {
            let veto = index == 3 ? ["--veto", "dishonestDebtor", "--reason", Self.vetoReason] : []
            #expect(try reviewer(index, Self.arguments(3, total: total) + veto).status == 0)
        }
        let first = try reviewer(0, Self.arguments(1, total: "60"))
        #expect(first.stdout.hasPrefix("application 1, \(names[0]): sheet version 1 recorded for session 1, sealed until it closes\n"))
        #expect(try reviewer(0, Self.arguments(1, total: "80")).stdout.contains("sheet version 2"))
        _ = try reviewer(1, Self.arguments(1, total: "75.5"))
        _ = try reviewer(2, Self.arguments(1, total: "90"))
        #expect(try reviewer(2, ["review", "dissent", "1", "--text", Self.dissentText]).stdout
            == "application 1: dissent version 1 recorded for session 1, sealed until it closes\n")

        // Before the close: only who has submitted, through every read, for everyone.
        let submissions = try daemon.parkctl(["review", "submissions", "1"])
        #expect(submissions.stdout.contains("application 1 申请企业1: 3 of 6 submitted\n  submitted:  \(names[0]), \(names[1]), \(names[2])\n"))
        #expect(submissions.stdout.contains("  conflicted: \(names[6])"))
        #expect(submissions.stdout.contains("application 3 申请企业3: 5 of 7 submitted"))
        var reads: [CommandResult] = []
        for json in [[], ["--json"]] {
            for arguments in [["review", "submissions", "1"], ["review", "session", "show", "1"], ["review", "session", "list"],
                              ["review", "conflict", "list", "1"], ["application", "show", "1"], ["application", "list"], ["tenant", "list"],
                              ["audit", "list"], ["audit", "list", "--method", "Review.Score"], ["audit", "list", "--method", "Review.Dissent"]] {
                let read = try daemon.parkctl(json + arguments)
                #expect(read.status == 0, "\(arguments)")
                reads.append(read)
                reads.append(try daemon.parkctl(json + arguments, uid: auditor, gid: auditorGroup))
            }
            for arguments in [["review", "result", "1"], ["review", "verify", "1"]] {
                let sealed = try daemon.parkctl(json + arguments)
                #expect(sealed.status == 65)
                reads.append(sealed)
                let sealedForAuditor = try daemon.parkctl(json + arguments, uid: auditor, gid: auditorGroup)
                #expect(sealedForAuditor.status == 65)
                reads.append(sealedForAuditor)
            }
            for index in 0..<7 {
                for arguments in [["review", "assignments"], ["review", "conflict", "list", "1"], ["review", "result", "1"], ["review", "submissions", "1"]] {
                    reads.append(try reviewer(index, json + arguments))
                }
            }
        }
        #expect(try daemon.parkctl(["review", "result", "1"]).stderr
            == "parkctl: review session 1 is open: its scores are sealed until it closes (review submissions shows who has submitted)\n")
        #expect(try reviewer(1, ["review", "result", "1"]).status == 77)
        #expect(try daemon.parkctl(["review", "submissions", "1"], uid: auditor, gid: auditorGroup).stdout == submissions.stdout)
        // An auditor reads every member's conflicts, as an administrator does.
        let conflicts = try daemon.parkctl(["review", "conflict", "list", "1"])
        #expect(conflicts.stdout.contains(names[6]) && conflicts.stdout.contains("conflicted"), "\(conflicts.stdout)")
        #expect(try daemon.parkctl(["review", "conflict", "list", "1"], uid: auditor, gid: auditorGroup).stdout == conflicts.stdout)
        let trail = try daemon.parkctl(["--json", "audit", "list", "--method", "Review.Score"]).stdout
        // Every call: 16 sheets and the seven refused.
        #expect(trail.components(separatedBy: "\"sealed\"").count - 1 == 23, "\(trail)")
        // The seven refused record no commitment (no sheet was stored for one to open), whatever refused them.
        #expect(trail.components(separatedBy: "\"withheld\"").count - 1 == 7, "\(trail)")
        #expect(try daemon.parkctl(["audit", "verify"]).status == 0)
        #expect(!daemon.log.isEmpty)
        let sqlAudit = try runCommand("/usr/bin/sqlite3", [daemon.databasePath, "SELECT parameters, outcome FROM auditEntry"]).stdout
        #expect(sqlAudit.contains("|io.parkd.Service.InvalidField\n"), "a refused sheet is recorded by its error's name: \(sqlAudit)")
        for secret in Self.secrets {
            for read in reads { #expect(!read.stdout.contains(secret) && !read.stderr.contains(secret), "\(secret) in \(read.stdout)") }
            #expect(!sqlAudit.contains(secret), "\(secret) in the audit trail")
            #expect(!daemon.log.contains(secret), "\(secret) in the log")
        }

        // Quorum: 3 of the 6 non-conflicted reviewers of application 1 are not two thirds.
        let early = try daemon.parkctl(["review", "session", "close", "1"])
        #expect(early.status == 65)
        #expect(early.stderr == "parkctl: invalid SESSION (session): application 1 has 3 of 6 sheets from its non-conflicted reviewers; closing needs 4 (two thirds, and never fewer than 3)\n")
        for (index, total) in [(3, "60"), (4, "70"), (5, "72")] { _ = try reviewer(index, Self.arguments(1, total: total)) }
        let closed = try daemon.parkctl(["review", "session", "close", "1"])
        #expect(closed.status == 0, "\(closed.stderr)")
        let result = try daemon.parkctl(["review", "result", "1"])
        #expect(result.stdout == closed.stdout)
        // 6 sheets: 60 70 72 75.5 80 90 → 74.375 → 74.38; 7: 73.20; 5 (vetoed): 75.17.
        #expect(result.stdout.contains("          1  申请企业1  91370200MA3C1234XQ  6 of 6  74.38  passed"), "\(result.stdout)")
        #expect(result.stdout.contains("          2  申请企业2  91370200MA3D0001A6  7 of 7  73.20  passed"))
        #expect(result.stdout.contains("          3  申请企业3  91370200MA3D0003CE  5 of 7  75.17  vetoed"))
        #expect(result.stdout.contains("application 1: totals \(names[0]) 80, \(names[1]) 75.5, \(names[2]) 90 (dropped), \(names[3]) 60 (dropped), \(names[4]) 70, \(names[5]) 72\n"))
        #expect(result.stdout.contains("  dissent by \(names[2]): \(Self.dissentText)"))
        #expect(result.stdout.contains("  veto by \(names[3]) on dishonestDebtor: \(Self.vetoReason)"))

        // Every counted sheet's commitment is the one in the audit trail.
        let revealed = try daemon.parkctl(["--json", "review", "result", "1"]).stdout
        let commitments = revealed.matches(of: /"commitment" ?: ?"([0-9a-f]{64})"/).map { String($0.output.1) }
        #expect(commitments.count == 18)
        let trailAfter = try daemon.parkctl(["--json", "audit", "list", "--method", "Review.Score"]).stdout
        for commitment in commitments { #expect(trailAfter.contains(commitment)) }
        let verified = try daemon.parkctl(["review", "verify", "1"])
        #expect(verified.stdout == "session 1 verified: every result recomputed from the stored sheets agrees; 20 sheet and dissent versions match their commitments in the audit trail\n")

        // Closed is final: no amendment, no second close, and the database refuses changes.
        #expect(try reviewer(4, Self.arguments(1, total: "90")).stderr
            == "parkctl: invalid APPLICATION (application): session 1, which reviewed application 1, is closed: its sheets are final\n")
        #expect(try daemon.parkctl(["review", "session", "close", "1"]).stderr
            == "parkctl: invalid SESSION (session): session 1 is closed already: its results are final\n")
        for sql in ["UPDATE reviewSheet SET scores = '{\"qualifications\":40}' WHERE id = 1", "DELETE FROM reviewSheet WHERE id = 1",
                    "INSERT INTO reviewSheet (reviewSessionId, applicationId, uid, userName, version, scores, salt, commitment, submittedAt) SELECT reviewSessionId, applicationId, uid, userName, 9, scores, salt, commitment, submittedAt FROM reviewSheet WHERE id = 1",
                    "UPDATE reviewResult SET outcome = 'passed' WHERE applicationId = 3", "UPDATE reviewSession SET status = 'open'",
                    "UPDATE reviewDissent SET text = 'x'", "DELETE FROM reviewPanelMember"] {
            let refused = try runCommand("/usr/bin/sqlite3", [daemon.databasePath, sql])
            #expect(refused.status != 0 && (refused.stderr.contains("final") || refused.stderr.contains("never")), "\(sql): \(refused.stderr)")
        }
        #expect(try daemon.parkctl(["review", "result", "1"]).stdout == result.stdout)

        // A sheet changed behind the triggers' back is found by verify.
        let tampered = try runCommand("/usr/bin/sqlite3", [daemon.databasePath,
            "DROP TRIGGER reviewSheet_neverChanged; UPDATE reviewSheet SET scores = replace(scores, ':24', ':48') WHERE id = (SELECT MAX(id) FROM reviewSheet WHERE applicationId = 1 AND uid = \(accounts.reviewers[3].uid))"])
        #expect(tampered.status == 0, "\(tampered.stderr)")
        let broken = try daemon.parkctl(["review", "verify", "1"])
        #expect(broken.status == 1)
        #expect(broken.stdout.hasPrefix("session 1 does NOT agree\n  application 1: recorded 74.38 passed, recomputed "), "\(broken.stdout)")
        #expect(broken.stdout.contains("(application 1, \(names[3]), version 1) no longer matches its commitment"))

        // A version deleted behind the triggers' back (here the first of an amended sheet, so
        // every result still agrees) is missed by no check: the trail recorded its call.
        let deleted = try runCommand("/usr/bin/sqlite3", [daemon.databasePath,
            "DROP TRIGGER reviewSheet_neverDeleted; DELETE FROM reviewSheet WHERE applicationId = 1 AND uid = \(accounts.reviewers[0].uid) AND version = 1"])
        #expect(deleted.status == 0, "\(deleted.stderr)")
        let missing = try daemon.parkctl(["review", "verify", "1"])
        #expect(missing.status == 1)
        #expect(missing.stdout.contains("\n  application 1: the sheet \(names[0]) submitted in audit entry "), "\(missing.stdout)")
        #expect(missing.stdout.contains("…) is not in the database\n"), "\(missing.stdout)")
        // Nor is a version moved to a session that does not exist taken for one still stored.
        #expect(try runCommand("/usr/bin/sqlite3", [daemon.databasePath,
            "UPDATE reviewSheet SET reviewSessionId = 99 WHERE applicationId = 2 AND uid = \(accounts.reviewers[1].uid)"]).status == 0)
        let moved = try daemon.parkctl(["review", "verify", "1"])
        #expect(moved.status == 1 && moved.stdout.contains("\n  application 2: the sheet \(names[1]) submitted in audit entry "), "\(moved.stdout)")
    }
}
