import Foundation
import Testing

@Suite("parkctl review notice, objection and decision against a real parkd, across the 2026 Spring Festival", .serialized)
struct ReviewNoticeTests {
    /// A closed session 1 scored by the first 5 reviewers made for the test: application 1 at 80.00
    /// (passed), application 2 at 60.00 (failed). parkd's clock starts on Tuesday 10 February
    /// 2026, the calendar is the shipped one, and a timer closes due notices every morning at 08:00.
    static func closedSession(_ accounts: ReviewerAccounts) throws -> RunningDaemon {
        let daemon = try RunningDaemon(
            config: accounts.config + "calendar:\n  directory: \(Binaries.repository)/Config/calendar\n"
                + "timers:\n  - name: notices\n    on_calendar: \"*-*-* 08:00\"\n    action: close-notices\n    accuracy: 1ms\n",
            clock: "2026-02-10T09:00:00+08:00")
        for (index, code) in ["91370200MA3C1234XQ", "91370200MA3D0001A6"].enumerated() {
            #expect(try daemon.parkctl(ApplicationCommandTests.add(code, name: "申请企业\(index + 1)", ["--on": ["2026-02-02"]])).status == 0)
        }
        let names = accounts.reviewers.prefix(5).map(\.name)
        #expect(try daemon.parkctl(["review", "session", "add", "--date", "2026-02-10", "--venue", "301", "--chair", "刘主任",
                                    "--application", "1", "--application", "2"] + names.flatMap { ["--reviewer", $0] }).stdout == "1\n")
        for (application, total) in [(1, "80"), (2, "60")] {
            for reviewer in accounts.reviewers.prefix(5) {
                let scored = try daemon.parkctl(ReviewScoringEndToEndTests.arguments(application, total: total), uid: reviewer.uid, gid: accounts.gid)
                #expect(scored.status == 0, "\(scored.stderr)")
            }
        }
        #expect(try daemon.parkctl(["review", "session", "close", "1"]).status == 0)
        return daemon
    }

    /// The timer's history once it holds `text`, waiting up to 10 s for the run.
    static func history(_ daemon: RunningDaemon, containing text: String) throws -> String {
        var history = ""
        for _ in 0..<100 where !history.contains(text) {
            usleep(100_000)
            history = try daemon.parkctl(["timer", "history", "notices"]).stdout
        }
        return history
    }

    @Test("a firm's objection taken through the submissions pipeline while the notice runs, in the firm's name; refused the day after")
    func objectionSubmitted() throws {
        let accounts = try ReviewerAccounts(count: 5)
        let daemon = try Self.closedSession(accounts)
        try daemon.setClock("2026-02-12T10:00:00+08:00")
        #expect(try daemon.parkctl(["review", "notice", "publish", "1"]).status == 0)
        #expect(try daemon.parkctl(["tenant", "add", "--name", "青岛某人力资源公司", "--credit-code", "91370200163562681G"]).status == 0)
        func submit(_ id: String, application: Int = 2) throws -> CommandResult {
            let file = daemon.directory + "/\(id).json"
            try #"{"submissionId":"\#(id)","tenant":"91370200163562681G","type":"objection","createdAt":"2026-02-26T15:00:00+08:00","payload":{"application":\#(application),"grounds":"资质材料不全","evidence":"许可证已过期"}}"#
                .write(toFile: file, atomically: true, encoding: .utf8)
            return try daemon.parkctl(["submit", file])
        }
        try daemon.setClock("2026-02-26T16:00:00+08:00")
        let taken = try submit("objection-1")
        #expect(taken.status == 0 && taken.stdout.hasPrefix("accepted"), "\(taken.stdout)\(taken.stderr)")
        #expect(taken.stdout.contains(#""result":{"objection":{"id":1,"application":2,"session":1}}"#), "\(taken.stdout)")
        #expect(try daemon.parkctl(["review", "notice", "1"]).stdout.contains("青岛某人力资源公司 (91370200163562681G)"))
        // A firm cannot tell an id no application has from one on no notice.
        let unknown = try submit("objection-77", application: 77)
        #expect(unknown.stdout.hasPrefix("rejected") && unknown.stdout.contains("application 77 has no result on a public notice"), "\(unknown.stdout)")
        #expect(unknown.status == 65, "a rejected submission changed nothing: \(unknown.status)")
        // An envelope that cannot be read is refused, and in the trail as every refused call is.
        let garbage = daemon.directory + "/garbage.json"
        try "not json".write(toFile: garbage, atomically: true, encoding: .utf8)
        #expect(try daemon.parkctl(["submit", garbage]).status == 65)
        let trail = try daemon.parkctl(["audit", "list", "--method", "Submission.Submit", "--limit", "1"]).stdout
        #expect(trail.contains("io.parkd.Service.InvalidField (field=envelope"), "\(trail)")
        try daemon.setClock("2026-02-27T10:00:00+08:00")
        let late = try submit("objection-2")
        #expect(late.stdout.hasPrefix("rejected"), "\(late.stdout)\(late.stderr)")
        #expect(late.stdout.contains("objections are no longer taken"), "\(late.stdout)")
    }

    @Test("the close-notices timer closes each due notice on its own: one that cannot close is said with its reason, the run fails, and the others close")
    func oneUnclosableNoticeHoldsUpNoOther() throws {
        let accounts = try ReviewerAccounts(count: 5)
        let daemon = try Self.closedSession(accounts)
        #expect(try daemon.parkctl(ApplicationCommandTests.add("91370200163562681G", name: "申请企业3", ["--on": ["2026-02-02"]])).status == 0)
        #expect(try daemon.parkctl(["review", "session", "add", "--date", "2026-02-10", "--venue", "302", "--chair", "刘主任", "--application", "3"]
            + accounts.reviewers.prefix(5).flatMap { ["--reviewer", $0.name] }).stdout == "2\n")
        for reviewer in accounts.reviewers.prefix(5) {
            #expect(try daemon.parkctl(ReviewScoringEndToEndTests.arguments(3, total: "80"), uid: reviewer.uid, gid: accounts.gid).status == 0)
        }
        #expect(try daemon.parkctl(["review", "session", "close", "2"]).status == 0)
        try daemon.setClock("2026-02-12T10:00:00+08:00")
        #expect(try daemon.parkctl(["review", "notice", "publish", "1"]).status == 0)
        #expect(try daemon.parkctl(["review", "notice", "publish", "2"]).status == 0)
        // Application 1's firm cannot be rejected by hand while its review owes it the decision;
        // its record edited in the database file behind parkd's back stops that notice closing
        // (the firm cannot become approved).
        #expect(try daemon.parkctl(["tenant", "transition", "91370200MA3C1234XQ", "rejected", "--reason", "撤回入驻"]).status == 65)
        #expect(try runCommand("/usr/bin/sqlite3", [daemon.databasePath, "UPDATE tenant SET status = 'rejected' WHERE id = 1"]).status == 0)
        try daemon.setClock("2026-02-27T07:59:59+08:00")
        let history = try Self.history(daemon, containing: "not closed")
        #expect(history.contains("failed"), "\(history)")
        #expect(history.contains("closed the notice of review session 2, which ended 2026-02-26: application 3 approved"), "\(history)")
        #expect(history.contains("the notice of review session 1 was not closed: invalid session: application 1, tenant 1: a tenant that is rejected cannot become approved"), "\(history)")
        #expect(try daemon.parkctl(["review", "decision", "list"]).stdout == "decision 1: application 3 approved on 2026-02-27 (session 2, passed at 80.00): score 80.00 is at or above the threshold 70.00\n")
    }

    @Test("a notice counted across the festival and its swapped working days; an objection holds one decision past the close until dismissed")
    func noticeObjectionDecision() throws {
        let accounts = try ReviewerAccounts(count: 8)
        let daemon = try Self.closedSession(accounts)
        let names = accounts.reviewers.map(\.name)

        // Before it is published: not on notice, and nothing to object to.
        let none = try daemon.parkctl(["review", "notice", "1"])
        #expect(none.status == 66)
        #expect(none.stderr == "parkctl: review session 1 has not been put on notice; publish it with `parkctl review notice publish 1`\n")
        // Reviewed in a closed session, an application is no longer withdrawn: its result goes
        // through the notice (a withdrawal had left a notice that could never close).
        let withdrawn = try daemon.parkctl(["application", "withdraw", "1", "--reason", "另选园区"])
        #expect(withdrawn.status == 65 && withdrawn.stderr == "parkctl: invalid APPLICATION (application): application 1 was reviewed in session 1, which is closed: its result goes through the notice and the decisions, and cannot be withdrawn\n", "\(withdrawn.stderr)")
        // Nor put before another panel while that result is still to be decided: before its
        // notice, while the notice runs, or held by an objection after it (below).
        let secondPanel = ["review", "session", "add", "--date", "2026-03-20", "--venue", "302", "--chair", "刘主任", "--application", "1"]
            + names[3...7].flatMap { ["--reviewer", $0] }
        let undecided = "parkctl: invalid --application (applications): application 1 has a result of review session 1 still to be decided (its notice, objections and final decision come first); only a result withdrawn by an upheld objection, or an accepted appeal, puts it before a panel again\n"
        #expect(try daemon.parkctl(secondPanel).stderr == undecided)

        // Published on Thursday the 12th, 5 working days: Friday 13th, Saturday 14th (worked for
        // the festival), the festival 15th-23rd, Tuesday 24th, Wednesday 25th, Thursday 26th.
        try daemon.setClock("2026-02-12T10:00:00+08:00")
        #expect(try daemon.parkctl(["review", "notice", "publish", "1", "--days", "0"]).stderr
            == "parkctl: invalid --days (days): 0 is not a notice period; give 1 to 60 working days\n")
        let published = try daemon.parkctl(["review", "notice", "publish", "1"])
        #expect(published.stdout == "session 1: on notice from 2026-02-12 to 2026-02-26 (5 working days), running\n")
        #expect(try daemon.parkctl(["calendar", "add-days", "2026-02-12", "5"]).stdout.contains("2026-02-26"))
        let again = try daemon.parkctl(["review", "notice", "publish", "1"])
        #expect(again.status == 65 && again.stderr.contains("already on notice until 2026-02-26"))

        // The posting: codes, names, scores, results; no reviewer, in text, CSV and JSON.
        let shown = try daemon.parkctl(["review", "notice", "1"])
        #expect(shown.stdout.contains("91370200MA3C1234XQ  申请企业1  80.00  passed"), "\(shown.stdout)")
        let csv = try daemon.parkctl(["review", "notice", "1", "--csv"])
        #expect(csv.stdout == "credit code,name,score,result\r\n91370200MA3C1234XQ,申请企业1,80.00,passed\r\n91370200MA3D0001A6,申请企业2,60.00,failed\r\n")
        let json = try daemon.parkctl(["--json", "review", "notice", "show", "1"])
        for output in [shown.stdout, csv.stdout, json.stdout] {
            for name in names { #expect(!output.contains(name)) }
            for reviewer in accounts.reviewers { #expect(!output.contains("\(reviewer.uid)")) }
        }
        // Reviewers do not read it (administrators and auditors do).
        #expect(try daemon.parkctl(["review", "notice", "1"], uid: accounts.reviewers[0].uid, gid: accounts.gid).status == 77)

        // An objection on the last day; bad ones name the field and record nothing.
        try daemon.setClock("2026-02-26T16:00:00+08:00")
        let empty = try daemon.parkctl(["review", "objection", "add", "1", "--by", " ", "--grounds", "评分材料与实际经营不符"])
        #expect(empty.status == 65 && empty.stderr == "parkctl: invalid --by (objector): must not be empty\n")
        #expect(try daemon.parkctl(["review", "objection", "add", "9", "--by", "王某", "--grounds", "x"]).status == 66)
        let tab = try daemon.parkctl(["review", "objection", "add", "1", "--by", "王某", "--grounds", "评分\t材料"])
        #expect(tab.status == 65 && tab.stderr == "parkctl: invalid --grounds (grounds): contains a control character other than a line break, U+0009\n")
        // Evidence of several lines keeps them (a Windows line break becomes a plain one), shown indented.
        let objection = try daemon.parkctl(["review", "objection", "add", "1", "--by", "王某（申请企业3）", "--grounds", "评分材料与实际经营不符",
                                            "--evidence", "工商变更记录 2026-01-05\r\n股东会决议 2026-01-02\n"])
        #expect(objection.stdout == "objection 1 to application 1 (session 1) by 王某（申请企业3）: 评分材料与实际经营不符; evidence: 工商变更记录 2026-01-05\n"
            + "  股东会决议 2026-01-02; open\n")
        // Not closed on its last day.
        let early = try daemon.parkctl(["review", "notice", "close", "1"])
        #expect(early.status == 65 && early.stderr.contains("runs until 2026-02-26"), "\(early.stderr)")

        // The next morning the timer closes it: application 2 is rejected, application 1 is held.
        try daemon.setClock("2026-02-27T07:59:59+08:00")
        let history = try Self.history(daemon, containing: "review session")
        #expect(history.contains("closed 1 public notice of a review session"), "\(history)")
        #expect(history.contains("closed the notice of review session 1, which ended 2026-02-26: application 2 rejected; application 1 held by objection 1"), "\(history)")
        let late = try daemon.parkctl(["review", "objection", "add", "2", "--by", "李某", "--grounds", "迟到的异议"])
        #expect(late.status == 65 && late.stderr.contains("objections are no longer taken"), "\(late.stderr)")
        #expect(try daemon.parkctl(["review", "decision", "list"]).stdout
            == "decision 1: application 2 rejected on 2026-02-27 (session 1, failed at 60.00): score 60.00 is below the threshold 70.00\n")
        #expect(try daemon.parkctl(["tenant", "show", "91370200MA3D0001A6"]).stdout.contains("rejected"))
        #expect(try daemon.parkctl(["tenant", "show", "91370200MA3C1234XQ"]).stdout.contains("reviewing"))
        #expect(try daemon.parkctl(["audit", "list", "--method", "Review.CloseNotice"]).stdout.contains("timer notices"))
        #expect(try daemon.parkctl(secondPanel).stderr == undecided)

        // Dismissing the objection releases the decision: approved, and the tenant moves.
        let resolved = try daemon.parkctl(["review", "objection", "resolve", "1", "--dismissed", "--reason", "经核实，材料属实"])
        #expect(resolved.stdout == "objection 1 to application 1 (session 1) by 王某（申请企业3）: 评分材料与实际经营不符; evidence: 工商变更记录 2026-01-05\n"
            + "  股东会决议 2026-01-02; dismissed by root: 经核实，材料属实\n"
            + "decision 2: application 1 approved on 2026-02-27 (session 1, passed at 80.00): score 80.00 is at or above the threshold 70.00\n")
        #expect(try daemon.parkctl(["tenant", "show", "91370200MA3C1234XQ"]).stdout.contains("approved"))
        // Each application stands as its final decision; none awaits review any more.
        #expect(try daemon.parkctl(["application", "list", "--status", "awaitingReview"]).stdout == "no applications\n")
        #expect(try daemon.parkctl(["application", "list", "--status", "rejected"]).stdout.contains("申请企业2"))
        let shownApplication = try daemon.parkctl(["application", "show", "1"]).stdout
        #expect(shownApplication.contains("Status:") && shownApplication.contains("approved\n"), "\(shownApplication)")
        let twice = try daemon.parkctl(["review", "objection", "resolve", "1", "--upheld", "--reason", "x"])
        #expect(twice.status == 65 && twice.stderr.contains("already resolved"))
        #expect(try daemon.parkctl(["review", "objection", "resolve", "7", "--uphold", "--reason", "x"]).stderr
            == "parkctl: no objection to a review result has id 7\n")

        // A decision is superseded, never edited: the earlier stays, both listed.
        let superseded = try daemon.parkctl(["review", "decision", "supersede", "1", "--rejected", "--reason", "驳回理由补正：总分计算无误，低于通过线"])
        #expect(superseded.stdout == "decision 3: application 2 rejected on 2026-02-27 (session 1, failed at 60.00): 驳回理由补正：总分计算无误，低于通过线; supersedes decision 1\n")
        let list = try daemon.parkctl(["review", "decision", "list", "--application", "2"]).stdout
        #expect(list.hasPrefix("decision 1: application 2 rejected on 2026-02-27 (session 1, failed at 60.00): score 60.00 is below the threshold 70.00; superseded by decision 3\n"))
        let stale = try daemon.parkctl(["review", "decision", "supersede", "1", "--rejected", "--reason", "x"])
        #expect(stale.status == 65 && stale.stderr.contains("already superseded by decision 3"))
        #expect(try daemon.parkctl(["review", "decision", "supersede", "8", "--rejected", "--reason", "x"]).status == 66)
        #expect(try daemon.parkctl(["audit", "list", "--method", "Review.SupersedeDecision"]).stdout.contains("root"))
        let decisions = try daemon.parkctl(["--json", "review", "decision", "list", "--application", "2"]).stdout
        #expect(decisions.contains("\"supersededBy\" : 3"))
        // The breakdown: each criterion's mean over the counted sheets (all five gave 12, 12, 12, 15, 9), kept by the superseding one.
        #expect(decisions.components(separatedBy: "\"criterion\" : \"economicContribution\",\n          \"mean\" : \"15.00\"").count == 3, "\(decisions)")

        // The approved firm has an onboarding checklist; the rejected one has none.
        #expect(try daemon.parkctl(["application", "checklist", "1"]).stdout == """
            application 1: 0 of 3 ticked; tenant 1 is approved
            ITEM                DONE  BY  DESCRIPTION
            leaseSigned         -     -   lease signed (租赁合同签订)
            registrationMoved   -     -   business registration moved into the park (工商注册迁入)
            licenceCopiesFiled  -     -   licence copies filed (许可证复印件备案)

            """)
        let noList = try daemon.parkctl(["application", "checklist", "2"])
        #expect(noList.status == 65 && noList.stderr.contains("application 2 has no onboarding checklist"), "\(noList.stderr)")

        // A first lease that has started does not activate the firm while the checklist is open.
        try daemon.setClock("2026-03-02T10:00:00+08:00")
        #expect(try daemon.parkctl(["unit", "add", "--building", "A", "--number", "1203", "--area", "120", "--kind", "office", "--rent", "45"]).status == 0)
        #expect(try daemon.parkctl(["lease", "add", "--tenant", "1", "--unit", "1", "--start", "2026-03-01", "--end", "2029-02-28", "--rent", "45"]).status == 0)
        #expect(try daemon.parkctl(["tenant", "show", "1"]).stdout.contains("approved"))
        // Still approved, but moved in: no longer rejected by a superseding decision.
        let leased = try daemon.parkctl(["review", "decision", "supersede", "2", "--rejected", "--reason", "隐瞒关联关系"])
        #expect(leased.stderr == "parkctl: invalid --approved/--rejected (verdict): tenant 1 moved in on 2026-03-01 (lease 1): a decision's verdict is corrected only before the firm moves in\n")
        #expect(try daemon.parkctl(["tenant", "show", "1"]).stdout.contains("approved"))
        let unknown = try daemon.parkctl(["application", "checklist", "1", "--tick", "keysHandedOver"])
        #expect(unknown.status == 65 && unknown.stderr.hasPrefix("parkctl: invalid --tick (item): 'keysHandedOver' is not an item"), "\(unknown.stderr)")
        #expect(try daemon.parkctl(["application", "checklist", "1", "--tick", "leaseSigned"]).stdout.hasPrefix("application 1: 1 of 3 ticked; tenant 1 is approved\n"))
        let twiceTicked = try daemon.parkctl(["application", "checklist", "1", "--tick", "leaseSigned"])
        #expect(twiceTicked.stderr == "parkctl: invalid --tick (item): 'leaseSigned' was ticked on 2026-03-02 already\n")
        #expect(try daemon.parkctl(["application", "checklist", "1", "--tick", "registrationMoved"]).stdout.contains("2 of 3 ticked; tenant 1 is approved"))
        // The last tick activates it, the lease having started.
        try daemon.setClock("2026-03-05T10:00:00+08:00")
        let last = try daemon.parkctl(["application", "checklist", "1", "--tick", "licenceCopiesFiled"])
        #expect(last.stdout.hasPrefix("application 1: 3 of 3 ticked; tenant 1 is active\n"), "\(last.stdout)")
        #expect(last.stdout.hasSuffix("tenant 1 is active: every item ticked and its first lease started\n"))
        let shownTenant = try daemon.parkctl(["tenant", "show", "1"]).stdout
        #expect(shownTenant.contains("onboarding checklist complete (licenceCopiesFiled ticked last), first lease started 2026-03-01"), "\(shownTenant)")
        #expect(try daemon.parkctl(["audit", "list", "--method", "Application.TickChecklist"]).stdout.components(separatedBy: "\n").count >= 5)

        // Once active, the firm's approval is no longer corrected by a superseding decision.
        let movedIn = try daemon.parkctl(["review", "decision", "supersede", "2", "--rejected", "--reason", "隐瞒关联关系"])
        #expect(movedIn.stderr == "parkctl: invalid --approved/--rejected (verdict): tenant 1 is active: a decision's verdict is corrected only while the firm is approved or rejected, before it moves in\n")

        // A decided application goes before no panel again, except through an accepted appeal.
        let decided = try daemon.parkctl(["review", "session", "add", "--date", "2026-03-20", "--venue", "302", "--chair", "刘主任",
                                          "--application", "2"] + names[3...7].flatMap { ["--reviewer", $0] })
        #expect(decided.stderr == "parkctl: invalid --application (applications): application 2 was rejected by decision 3; only an accepted appeal puts it before a panel again\n")

        // Appeals: only against a final rejection, within 10 working days after it (from Friday
        // 27 February: Saturday the 28th, worked for the festival, then 2-6 and 9-12 March), once.
        let approvedAppeal = try daemon.parkctl(["review", "appeal", "add", "1", "--ground", "factual-error", "--text", "x"])
        #expect(approvedAppeal.stderr == "parkctl: invalid APPLICATION (application): application 1 was approved (decision 2); only a final rejection is appealed\n")
        let badGround = try daemon.parkctl(["review", "appeal", "add", "2", "--ground", "bias", "--text", "x"])
        #expect(badGround.stderr == "parkctl: invalid --ground (ground): 'bias' is not a ground of appeal; use one of procedural-error, undisclosed-conflict, factual-error\n")
        try daemon.setClock("2026-03-16T09:00:00+08:00")
        let tooLate = try daemon.parkctl(["review", "appeal", "add", "2", "--ground", "factual-error", "--text", "营收数据录入有误"])
        #expect(tooLate.status == 65)
        #expect(tooLate.stderr == "parkctl: invalid APPLICATION (application): the rejection of application 2 on 2026-02-27 could be appealed until 2026-03-12 (10 working days); today is 2026-03-16\n")
        try daemon.setClock("2026-03-12T17:00:00+08:00")
        let filed = try daemon.parkctl(["review", "appeal", "add", "2", "--ground", "factual-error", "--text", "营收数据录入有误，应为3000万元"])
        #expect(filed.stdout == "appeal 1: application 2 against decision 3 (session 1), factual-error, filed 2026-03-12 (deadline 2026-03-12): 营收数据录入有误，应为3000万元; undecided\n")
        #expect(try daemon.parkctl(["review", "appeal", "add", "2", "--ground", "procedural-error", "--text", "x"]).stderr.contains("was appealed already (appeal 1)"))
        #expect(try daemon.parkctl(["review", "appeal", "decide", "9", "--accept", "--reason", "x"]).stderr == "parkctl: no appeal has id 9\n")
        let accepted = try daemon.parkctl(["review", "appeal", "decide", "1", "--accept", "--reason", "经核实营收数据确有录入错误"])
        #expect(accepted.stdout.hasSuffix("; accepted by root: 经核实营收数据确有录入错误\n"), "\(accepted.stdout)")
        #expect(try daemon.parkctl(["tenant", "show", "2"]).stdout.contains("appeal 1 accepted: reviewed again"))
        #expect(try daemon.parkctl(["review", "appeal", "decide", "1", "--refuse", "--reason", "x"]).stderr.contains("was accepted already"))

        // Reviewed again only by a panel whose majority did not sit on session 1.
        func session(_ panel: [Int]) throws -> CommandResult {
            try daemon.parkctl(["review", "session", "add", "--date", "2026-03-20", "--venue", "302", "--chair", "刘主任", "--application", "2"]
                + panel.flatMap { ["--reviewer", names[$0]] })
        }
        let sameMajority = try session([0, 1, 2, 5, 6])
        #expect(sameMajority.status == 65)
        #expect(sameMajority.stderr == "parkctl: invalid --reviewer (panel): 3 of the 5 reviewers (\(names[0]), \(names[1]), \(names[2])) sat on session 1, "
            + "whose rejection of application 2 was appealed; its review again needs a panel whose majority did not\n")
        #expect(try session([3, 4, 5, 6, 7]).stdout == "2\n")
        // Its results come out of its meeting on the 20th, not ahead of it.
        let beforeMeeting = try daemon.parkctl(["review", "session", "close", "2"])
        #expect(beforeMeeting.status == 65 && beforeMeeting.stderr == "parkctl: invalid SESSION (session): session 2 meets on 2026-03-20; it closes on that day or after (today is 2026-03-12)\n", "\(beforeMeeting.stderr)")
        let swapped = try daemon.parkctl(["review", "panel", "remove", "2", names[5], "--replace-with", names[0]])
        #expect(swapped.status == 65 && swapped.stderr.hasPrefix("parkctl: invalid --replace-with (add): 3 of the 5 reviewers"), "\(swapped.stderr)")

        // Decisions, objections, notices, ticks and appeals are kept in the database file too.
        for (sql, message) in [
            ("UPDATE reviewDecision SET verdict = 'approved' WHERE id = 1", "a decision is never edited"),
            ("DELETE FROM reviewDecision WHERE id = 3", "a decision is never deleted"),
            ("UPDATE reviewObjection SET resolution = 'upheld' WHERE id = 1", "a resolved objection is final"),
            ("UPDATE reviewNotice SET endsOn = '2026-03-31' WHERE id = 1", "a closed review notice is final"),
            ("UPDATE onboardingItem SET tickedOn = NULL WHERE applicationId = 1", "a ticked onboarding item is final"),
            ("DELETE FROM onboardingItem", "an onboarding item is never deleted"),
            ("UPDATE reviewAppeal SET outcome = 'refused' WHERE id = 1", "a decided appeal is final"),
            ("DELETE FROM reviewAppeal", "an appeal is never deleted"),
        ] {
            let refused = try runCommand("/usr/bin/sqlite3", [daemon.databasePath, sql])
            #expect(refused.status != 0 && refused.stderr.contains(message), "\(sql): \(refused.stderr)")
        }
    }
}
