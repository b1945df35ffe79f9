import Foundation
import Testing

/// From an approved run to money paid, through parkctl against a real parkd whose clock the test
/// moves. Debian's `staff` (gid 50) is the admin group: uids 61001 and 61002 in it (setpriv) are
/// two administrators besides root, for the four-eyes approval.
@Suite("parkctl reward notice, bank-account and payment against a real parkd")
struct PaymentCommandTests {
    static let config = """
        socket:
          mode: "0666"
        access:
          admin_group: staff
          auditor_group: users
        calendar:
          directory: \(Binaries.repository)/Config/calendar
        policies:
          directory: \(Binaries.repository)/Config/policies

        """
    static let name = "青岛英才人力资源有限公司"

    /// One HR firm leasing 1,200 m² at 45 yuan from 2021-01-01 with a June 2021 report, and run 1
    /// (2021-06) approved: RENT 40,000.00, PLACEMENT 7,400.00, TRAINING 1,500.00, TALENT 30,000.00.
    func park(confirmation: String = "required") throws -> RunningDaemon {
        let daemon = try RunningDaemon(
            config: Self.config + "cashing:\n  confirmation: \(confirmation)\n", clock: "2026-03-02T09:00:00+08:00")
        for arguments in [
            ["tenant", "add", "--name", Self.name, "--credit-code", "91370200163562681G", "--business-line", "recruitment", "--on", "2020-12-01"],
            ["tenant", "transition", "1", "reviewing", "--on", "2020-12-05", "--reason", "application complete"],
            ["tenant", "transition", "1", "approved", "--on", "2020-12-10", "--reason", "entry review meeting"],
            ["unit", "add", "--building", "A", "--number", "1201", "--area", "1200", "--kind", "office", "--rent", "45"],
            ["lease", "add", "--tenant", "1", "--unit", "1", "--start", "2021-01-01", "--end", "2023-12-31", "--rent", "45"],
            ["report", "add", "--tenant", "1", "--month", "2021-06", "--revenue", "3000000", "--tax", "90000", "--placements", "37",
             "--training-sessions", "2", "--training-attendees", "30", "--phd-hires", "1", "--headcount", "60"],
            ["reward", "run", "--period", "2021-06"],
            ["reward", "approve", "1"],
        ] {
            let result = try daemon.parkctl(arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
        }
        return daemon
    }

    struct NoticeLines: Decodable {
        struct Line: Decodable {
            let line: Int64
            let rule: String
            let amount: String
            let state: String
        }
        let lines: [Line]
    }

    func lines(_ daemon: RunningDaemon, run: Int) throws -> [String: NoticeLines.Line] {
        let shown = try daemon.parkctl(["--json", "reward", "notice", "show", String(run)])
        #expect(shown.status == 0, "\(shown.stderr)")
        let lines = try JSONDecoder().decode(NoticeLines.self, from: Data(shown.stdout.utf8)).lines
        return Dictionary(uniqueKeysWithValues: lines.map { ($0.rule, $0) })
    }

    func sql(_ daemon: RunningDaemon, _ statement: String) throws -> CommandResult {
        try runCommand("/usr/bin/sqlite3", [daemon.databasePath, statement])
    }

    /// Sums a bank file's amounts, in fen.
    func fen(_ amounts: [String]) -> Int64 {
        amounts.reduce(0) { sum, text in
            let parts = text.split(separator: ".")
            return sum + Int64(parts[0])! * 100 + Int64(parts[1])!
        }
    }

    @Test("a timer with the close-notices action closes the notices whose last day has passed")
    func timerClosesDueNotices() throws {
        let daemon = try park()
        #expect(try daemon.parkctl(["reward", "notice", "publish", "1"]).stdout.contains("from 2026-03-02 to 2026-03-09"))
        try (Self.config + "cashing:\n  confirmation: required\ntimers:\n  - name: notices\n    on_calendar: \"*-*-* 08:00\"\n    action: close-notices\n")
            .write(toFile: daemon.configPath, atomically: true, encoding: .utf8)
        daemon.signal(SIGHUP)
        #expect(daemon.notify.waitForNext("READY=1") != nil)
        // On the morning of the 9th the notice is still running; on the 10th it is closed.
        try daemon.setClock("2026-03-09T07:59:59+08:00")
        var history = ""
        for _ in 0..<100 where !history.contains("no public notice") {
            usleep(100_000)
            history = try daemon.parkctl(["timer", "history", "notices"]).stdout
        }
        #expect(history.contains("no public notice of a reward run is due to close"), "\(history)")
        try daemon.setClock("2026-03-10T07:59:59+08:00")
        for _ in 0..<100 where !history.contains("closed 1 public notice") {
            usleep(100_000)
            history = try daemon.parkctl(["timer", "history", "notices"]).stdout
        }
        #expect(history.contains("closed 1 public notice of a reward run"), "\(history)")
        #expect(try lines(daemon, run: 1).values.allSatisfy { $0.state == "payable" })
        let trail = try daemon.parkctl(["audit", "list", "--method", "Notice.Close"])
        #expect(trail.stdout.contains("timer notices"), "\(trail.stdout)")
    }

    @Test("a run noticed, objections upheld and dismissed, confirmed, paid by a batch four eyes approved, a failure paid in a second batch")
    func fromApprovalToPayment() throws {
        let daemon = try park()
        let admin1: UInt32 = 61001, admin2: UInt32 = 61002, staff: UInt32 = 50

        // Bank accounts: the registered name only, a well-formed number; history kept.
        let wrongName = try daemon.parkctl(["bank-account", "add", "1", "--name", "青岛英才人力资源公司", "--bank", "工行市南支行",
                                            "--number", "3803 0216 0920 0123 456", "--from", "2026-01-01"])
        #expect(wrongName.status == 65)
        #expect(wrongName.stderr.contains("invalid --name (accountName): '青岛英才人力资源公司' is not the tenant's registered name"), "\(wrongName.stderr)")
        // 力 written as its compatibility ideograph U+F98A reads the same, and Swift's == holds it
        // equal, but a bank compares code points: refused.
        let lookalike = Self.name.replacingOccurrences(of: "力", with: "\u{F98A}")
        #expect(lookalike == Self.name && !lookalike.unicodeScalars.elementsEqual(Self.name.unicodeScalars))
        let compatibility = try daemon.parkctl(["bank-account", "add", "1", "--name", lookalike, "--bank", "工行市南支行",
                                                "--number", "3803 0216 0920 0123 456", "--from", "2026-01-01"])
        #expect(compatibility.status == 65 && compatibility.stderr.contains(
            "reads as the tenant's registered name but is written with other characters: U+F98A where the registered name has U+529B"), "\(compatibility.stderr)")
        let farOff = try daemon.parkctl(["bank-account", "add", "1", "--name", Self.name, "--bank", "工行市南支行",
                                         "--number", "3803 0216 0920 0123 456", "--from", "2099-01-01"])
        #expect(farOff.status == 65 && farOff.stderr.contains("invalid --from (effectiveFrom): 2099-01-01 is more than a year after today"), "\(farOff.stderr)")
        let badNumber = try daemon.parkctl(["bank-account", "add", "1", "--name", Self.name, "--bank", "工行市南支行", "--number", "3803-02", "--from", "2026-01-01"])
        #expect(badNumber.status == 65)
        #expect(badNumber.stderr.contains("invalid --number (number): '3803-02' has 6 digits; a bank account number has 10 to 30"), "\(badNumber.stderr)")
        // The bank's name goes into the bank file as it is: a line break in it is refused.
        let twoLines = try daemon.parkctl(["bank-account", "add", "1", "--name", Self.name, "--bank", "工行\n市南支行", "--number", "380302160920065432", "--from", "2026-01-01"])
        #expect(twoLines.status == 65 && twoLines.stderr == "parkctl: invalid --bank (bank): contains a control character, U+000A\n", "\(twoLines.stderr)")
        for (number, from) in [("3803 0216 0920 0123 456", "2025-01-01"), ("3803 0216 0920 0654 321", "2026-02-01")] {
            let added = try daemon.parkctl(["bank-account", "add", "1", "--name", Self.name, "--bank", "工行青岛市南支行", "--number", number, "--from", from])
            #expect(added.status == 0, "\(added.stderr)")
        }
        let history = try daemon.parkctl(["bank-account", "list", "1"])
        #expect(history.stdout.split(separator: "\n").count == 3, "\(history.stdout)")
        #expect(try sql(daemon, "UPDATE bankAccount SET accountNumber = '1111111111111' WHERE id = 1").stderr.contains("a bank account is history"))
        // A header, five refused and two recorded.
        #expect(try daemon.parkctl(["audit", "list", "--method", "BankAccount.Create"]).stdout.split(separator: "\n").count == 8)

        // The notice: 5 working days by default, from Monday 2026-03-02 to Monday 2026-03-09.
        let draftNotice = try daemon.parkctl(["reward", "notice", "publish", "99"])
        #expect(draftNotice.status == 66, "\(draftNotice.stderr)")
        // Shown, which `reward notice RUN` does, before it is published: the way to publish it.
        let notYet = try daemon.parkctl(["reward", "notice", "1"])
        #expect(notYet.status == 66 && notYet.stderr == "parkctl: run 1 is not on notice; publish it with `parkctl reward notice publish 1`\n", "\(notYet.stderr)")
        let published = try daemon.parkctl(["reward", "notice", "publish", "1"])
        #expect(published.stdout == "run 1 (2021-06) on notice from 2026-03-02 to 2026-03-09, 5 working days: running\n", "\(published.stderr)")
        #expect(try daemon.parkctl(["reward", "notice", "publish", "1"]).stderr == "parkctl: run 1 is already on notice, until 2026-03-09\n")
        #expect(try daemon.parkctl(["reward", "notice", "1"]).stdout.hasPrefix("run 1 (2021-06) on notice from 2026-03-02 to 2026-03-09"))
        let line = try lines(daemon, run: 1)
        #expect(line.values.allSatisfy { $0.state == "held" })

        let csv = try daemon.parkctl(["reward", "notice", "show", "1", "--csv"])
        #expect(csv.stdout.hasPrefix("line,name,rule,title,period,amount\r\n"))
        #expect(csv.stdout.contains("\(line["RENT"]!.line),\(Self.name),RENT,Rent subsidy,2021-06,40000.00\r\n"), "\(csv.stdout)")
        #expect(!csv.stdout.contains("91370200163562681G"), "nothing private on the posting")
        // For Excel on Chinese Windows: the same text after a byte order mark.
        let marked = try daemon.parkctl(["reward", "notice", "show", "1", "--csv", "--bom"]).stdout
        #expect(Array(marked.utf8.prefix(3)) == [0xEF, 0xBB, 0xBF] && String(marked.unicodeScalars.dropFirst()) == csv.stdout)
        let html = try daemon.parkctl(["reward", "notice", "show", "1", "--html"])
        #expect(html.stdout.hasPrefix("<!DOCTYPE html>") && html.stdout.contains("<td>\(Self.name)</td>") && html.stdout.contains("78,900.00"))
        #expect(!html.stdout.contains("<script") && !html.stdout.contains("91370200163562681G") && !html.stdout.contains("3803"))
        // The total under the posting is parkd's, which the reply carries.
        #expect(html.stdout.contains("<tfoot><tr><td class=\"amount\"></td><td>4 lines</td><td></td><td>Total 合计</td><td class=\"amount\">78,900.00</td></tr></tfoot>"), "\(html.stdout)")
        struct NoticeTotal: Decodable { let total: String; let lines: [Line]; struct Line: Decodable { let amount: String } }
        let noticeJSON = try JSONDecoder().decode(NoticeTotal.self, from: Data(try daemon.parkctl(["--json", "reward", "notice", "show", "1"]).stdout.utf8))
        #expect(noticeJSON.total == "78900.00" && fen(noticeJSON.lines.map(\.amount)) == 7_890_000)

        // Objections during the notice hold their lines.
        let talent = try daemon.parkctl(["reward", "object", String(line["TALENT"]!.line), "--by", "王先生", "--grounds", "the PhD hire left in May"])
        #expect(talent.status == 0, "\(talent.stderr)")
        #expect(try daemon.parkctl(["reward", "object", String(line["TRAINING"]!.line), "--by", "匿名来信", "--grounds", "no training took place\nthe sign-in sheet is April's"]).status == 0)
        // Grounds of several lines keep them; the list shows each objection on one row.
        let listed = try daemon.parkctl(["reward", "objections", "--run", "1"])
        #expect(listed.stdout.contains(" no training took place↵the sign-in sheet is April's  open\n"), "\(listed.stdout)")
        let escape = try daemon.parkctl(["reward", "object", String(line["TRAINING"]!.line), "--by", "匿名来信", "--grounds", "\u{1B}[2J"])
        #expect(escape.stderr == "parkctl: invalid --grounds (grounds): contains a control character other than a line break, U+001B\n", "\(escape.stderr)")
        let early = try daemon.parkctl(["reward", "notice", "close", "1"])
        #expect(early.status == 65)
        #expect(early.stderr == "parkctl: the notice of run 1 runs until 2026-03-09 (today is 2026-03-02); close it after that day\n")
        let upheld = try daemon.parkctl(["reward", "resolve", "1", "--uphold", "--reason", "the hire left before the award month ended"])
        #expect(upheld.stdout.contains("objection 1 upheld: line \(line["TALENT"]!.line)"), "\(upheld.stderr)")
        #expect(try daemon.parkctl(["reward", "resolve", "1", "--dismiss", "--reason", "x"]).stderr.contains("objection 1 was already upheld"))
        // A withdrawn line takes no further objection; a line two objections hold stays held
        // when one of them is dismissed.
        let withdrawnAgain = try daemon.parkctl(["reward", "object", String(line["TALENT"]!.line), "--by", "李女士", "--grounds", "also"])
        #expect(withdrawnAgain.status == 65 && withdrawnAgain.stderr == "parkctl: invalid LINE (line): line \(line["TALENT"]!.line) was withdrawn from payment by objection 1, upheld; "
            + "another objection to it changes nothing\n", "\(withdrawnAgain.stderr)")
        #expect(try daemon.parkctl(["reward", "object", String(line["TRAINING"]!.line), "--by", "赵先生", "--grounds", "same"]).status == 0)
        let partly = try daemon.parkctl(["reward", "resolve", "3", "--dismiss", "--reason", "a copy of objection 2"])
        #expect(partly.stdout == "objection 3 dismissed: line \(line["TRAINING"]!.line) (青岛英才人力资源有限公司, TRAINING) stays held by objection 2, still open\n",
                "\(partly.stdout)\(partly.stderr)")
        // For a script, the whole reply: the objection and where its line stands.
        #expect(try daemon.parkctl(["reward", "object", String(line["TRAINING"]!.line), "--by", "孙先生", "--grounds", "again"]).status == 0)
        let scripted = try daemon.parkctl(["--json", "reward", "resolve", "4", "--dismiss", "--reason", "a copy of objection 2"])
        let reply = try #require(try JSONSerialization.jsonObject(with: Data(scripted.stdout.utf8)) as? [String: Any], "\(scripted.stdout)\(scripted.stderr)")
        #expect((reply["objection"] as? [String: Any])?["resolution"] as? String == "dismissed" && reply["openObjections"] as? [Int] == [2]
                && reply["noticeClosed"] as? Bool == false, "\(scripted.stdout)")
        // Dismissed while the notice runs, a line is held by no objection, and released when it closes.
        #expect(try daemon.parkctl(["reward", "object", String(line["PLACEMENT"]!.line), "--by", "钱女士", "--grounds", "query"]).status == 0)
        #expect(try daemon.parkctl(["reward", "resolve", "5", "--dismiss", "--reason", "answered"]).stdout
            == "objection 5 dismissed: line \(line["PLACEMENT"]!.line) (青岛英才人力资源有限公司, PLACEMENT) is held by no objection: "
            + "it is released when the notice closes (it runs until 2026-03-09)\n")
        // The report corrected as the objection said: a new run of the period finds the withdrawn
        // amount no longer computed, and takes nothing back (the line was never to be paid).
        let corrected = try daemon.parkctl([
            "report", "add", "--tenant", "1", "--month", "2021-06", "--revenue", "3000000", "--tax", "90000", "--placements", "37",
            "--training-sessions", "2", "--training-attendees", "30", "--phd-hires", "0", "--headcount", "60", "--reason", "the PhD hire left in May",
        ])
        #expect(corrected.status == 0, "\(corrected.stderr)")
        let rerun = try daemon.parkctl(["reward", "run", "--period", "2021-06"])
        #expect(rerun.status == 65 && rerun.stderr.contains("nothing to adjust"), "\(rerun.stdout)\(rerun.stderr)")
        // Had the data given another amount, the new run holds all of it, and verifies.
        #expect(try daemon.parkctl([
            "report", "add", "--tenant", "1", "--month", "2021-06", "--revenue", "3000000", "--tax", "90000", "--placements", "37",
            "--training-sessions", "2", "--training-attendees", "30", "--phd-hires", "2", "--headcount", "60", "--reason", "two hires after all",
        ]).status == 0)
        #expect(try daemon.parkctl(["reward", "run", "--period", "2021-06"]).stdout == "2\n")
        let whole = try daemon.parkctl(["--json", "reward", "show", "2"])
        #expect(whole.stdout.contains("\"amount\" : \"60000.00\"") && whole.stdout.contains("\"rule\" : \"TALENT\""), "\(whole.stdout)")
        #expect(try daemon.parkctl(["reward", "verify", "2"]).status == 0)
        // A draft has no notice, and cannot have one: said so, not "publish it".
        let draft = try daemon.parkctl(["reward", "notice", "show", "2"])
        #expect(draft.status == 65 && draft.stderr == "parkctl: run 2 is a draft; only an approved run is noticed, confirmed or paid\n", "\(draft.stderr)")
        // Nor can its lines be objected to (it had said "publish it", which a draft cannot be).
        let draftLine = try sql(daemon, "SELECT id FROM rewardLine WHERE rewardRunId = 2 LIMIT 1").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let objectToDraft = try daemon.parkctl(["reward", "object", draftLine, "--by", "x", "--grounds", "y"])
        #expect(objectToDraft.status == 65 && objectToDraft.stderr == "parkctl: run 2 is a draft; only an approved run is noticed, confirmed or paid\n", "\(objectToDraft.stderr)")

        // Nor is a notice closed before its last day, whatever writes to the file.
        let closedEarly = try sql(daemon, "UPDATE rewardNotice SET closedAt = '2026-03-05T01:00:00.000Z', closedBy = 'x' WHERE rewardRunId = 1")
        #expect(closedEarly.status != 0 && closedEarly.stderr.contains("a notice is closed after its last day"), "\(closedEarly.stderr)")

        // After the last day: no more objections; closed, the released lines are payable.
        try daemon.setClock("2026-03-10T09:00:00+08:00")
        let late = try daemon.parkctl(["reward", "object", String(line["RENT"]!.line), "--by", "x", "--grounds", "y"])
        #expect(late.stderr == "parkctl: the notice of run 1 ended on 2026-03-09; objections are taken only while it runs\n")
        #expect(try daemon.parkctl(["reward", "notice", "close", "1"]).status == 0)
        // Once: a second close is refused, and neither audited as a change nor logged as one.
        let trail = try daemon.parkctl(["audit", "list"]).stdout
        let closeAgain = try daemon.parkctl(["reward", "notice", "close", "1"])
        #expect(closeAgain.status == 65 && closeAgain.stderr.hasPrefix("parkctl: invalid RUN (run): the notice of run 1 is already closed (at 2026-03-10T01:00:00"), "\(closeAgain.stderr)")
        #expect(closeAgain.stderr.hasSuffix("): its released lines are payable\n"), "\(closeAgain.stderr)")
        let after = try daemon.parkctl(["audit", "list"]).stdout
        #expect(after.split(separator: "\n").count == trail.split(separator: "\n").count + 1 && after.contains("InvalidField"), "\(after)")
        #expect(daemon.log.components(separatedBy: "public notice closed").count == 2, "logged once")
        let closed = try lines(daemon, run: 1)
        #expect(closed.mapValues(\.state) == ["RENT": "payable", "PLACEMENT": "payable", "TRAINING": "held", "TALENT": "withdrawn"])

        // Confirmation is required: nothing is paid before it.
        let unconfirmed = try daemon.parkctl(["payment", "batch", "create"])
        #expect(unconfirmed.status == 65)
        #expect(unconfirmed.stderr.contains("nothing to pay: 2 payable lines await their tenants' confirmation"), "\(unconfirmed.stderr)")
        let confirmed = try daemon.parkctl(["reward", "confirm", "1", "--tenant", "91370200163562681G", "--by", "李会计"])
        #expect(confirmed.stdout.hasPrefix("3 lines of run 1 confirmed"), "\(confirmed.stdout)\(confirmed.stderr)")
        let twice = try daemon.parkctl(["reward", "confirm", "1", "--tenant", "91370200163562681G", "--by", "李会计"])
        #expect(twice.status == 0 && twice.stdout.hasPrefix("nothing to confirm: the tenant's lines of run 1 are confirmed"), "\(twice.stdout)")
        // A firm with no amount in the run has nothing to confirm, and is told so.
        _ = try daemon.parkctl(["tenant", "add", "--name", "申请企业", "--credit-code", "91370200MA3C1234XQ"])
        let none = try daemon.parkctl(["reward", "confirm", "1", "--tenant", "91370200MA3C1234XQ", "--by", "李会计"])
        #expect(none.status == 65 && none.stderr.contains("has no amount to be paid in run 1"), "\(none.stdout)\(none.stderr)")
        #expect(try daemon.parkctl(["reward", "resolve", "2", "--dismissed", "--reason", "attendance sheets checked"]).stdout
            == "objection 2 dismissed: line \(line["TRAINING"]!.line) (青岛英才人力资源有限公司, TRAINING) is released\n")

        // A batch made by root; root may not approve it, the second administrator does.
        let created = try daemon.parkctl(["payment", "batch", "create"])
        #expect(created.stdout.hasPrefix("batch 1 created: 3 lines, total 48,900.00"), "\(created.stdout)\(created.stderr)")
        let again = try daemon.parkctl(["payment", "batch", "create"])
        #expect(again.stderr.contains("nothing to pay") && again.stderr.hasSuffix("; 3 lines are in a batch not yet settled (parkctl payment batch list)\n"),
                "a line is in at most one open batch, and the refusal says so: \(again.stderr)")
        // Until the bank's result, the batch's lines are payable, and the ledger says they are in a batch.
        let pending = try daemon.parkctl(["--json", "payment", "ledger", "--tenant", "1"]).stdout
        #expect(pending.contains("\"inBatch\" : \"48900.00\""), "\(pending)")
        let notExported = try daemon.parkctl(["payment", "batch", "export", "1"])
        #expect(notExported.status == 65 && notExported.stderr.contains("batch 1 is not approved yet"))
        let sameUid = try daemon.parkctl(["payment", "batch", "approve", "1"])
        #expect(sameUid.status == 77)
        #expect(sameUid.stderr == "parkctl: uid 0 made batch 1 and may not approve it: a second administrator approves a batch\n")
        let sameUidBySQL = try sql(daemon, "UPDATE paymentBatch SET status = 'approved', approvedByUid = createdByUid WHERE id = 1")
        #expect(sameUidBySQL.status != 0 && sameUidBySQL.stderr.contains("by someone other than its creator"), "\(sameUidBySQL.stderr)")
        // Nor is a batch made approved, nor its maker rewritten, whatever writes to the file.
        let madeApproved = try sql(daemon, """
            INSERT INTO paymentBatch (status, runs, createdOn, totalFen, itemCount, createdAt, createdBy, createdByUid, approvedAt, approvedBy, approvedByUid)
            VALUES ('approved', '', '2026-03-10', 0, 0, 'x', 'root', 0, 'x', 'root', 0)
            """)
        #expect(madeApproved.status != 0 && madeApproved.stderr.contains("a payment batch is made unapproved"), "\(madeApproved.stderr)")
        let makerRewritten = try sql(daemon, "UPDATE paymentBatch SET createdByUid = \(admin2) WHERE id = 1")
        #expect(makerRewritten.status != 0 && makerRewritten.stderr.contains("a payment batch keeps who made it"), "\(makerRewritten.stderr)")
        // A payment is not settled in a batch never approved, nor sent to another account.
        let settledUnapproved = try sql(daemon, "UPDATE paymentItem SET status = 'paid' WHERE paymentBatchId = 1")
        #expect(settledUnapproved.status != 0 && settledUnapproved.stderr.contains("paid or failed only in an approved batch"), "\(settledUnapproved.stderr)")
        let redirected = try sql(daemon, "UPDATE paymentItem SET accountNumber = '6222000011112222', accountName = '某某个人' WHERE paymentBatchId = 1")
        #expect(redirected.status != 0 && redirected.stderr.contains("keeps the tenant and account"), "\(redirected.stderr)")
        let offsetAdded = try sql(daemon, "INSERT INTO paymentOffset (paymentItemId, receivableLineId, amountFen) SELECT id, rewardLineId, 100 FROM paymentItem WHERE paymentBatchId = 1 LIMIT 1")
        #expect(offsetAdded.status != 0 && offsetAdded.stderr.contains("an offset is taken as its batch is made"), "\(offsetAdded.stderr)")
        // Nor is a line paid that its notice did not release (TALENT's objection was upheld), nor
        // more than its amount; nor is an objection erased, or recorded already resolved.
        func payment(line id: Int64, amount: String) -> String {
            """
            INSERT INTO paymentItem (paymentBatchId, rewardLineId, tenantId, bankAccountId, accountName, bank, accountNumber, grossFen, amountFen, purpose, status)
            SELECT 1, l.id, l.tenantId, a.id, a.accountName, a.bank, a.accountNumber, l.amountFen, \(amount), 'p', 'pending'
            FROM rewardLine l JOIN bankAccount a ON a.tenantId = l.tenantId WHERE l.id = \(id) LIMIT 1
            """
        }
        for (statement, refusal) in [
            (payment(line: line["TALENT"]!.line, amount: "l.amountFen"), "a payment pays a line its notice released (closed, no objection open or upheld), at most its amount"),
            ("DELETE FROM noticeObjection", "an objection is kept: it decides whether its line is paid"),
            // INSERT OR REPLACE deletes the row it replaces without the delete triggers.
            ("INSERT OR REPLACE INTO noticeObjection (id, rewardNoticeId, rewardLineId, objector, grounds, recordedAt, recordedBy) "
                + "SELECT id, rewardNoticeId, rewardLineId, objector, grounds, recordedAt, recordedBy FROM noticeObjection LIMIT 1",
             "an objection is kept: it decides whether its line is paid"),
            ("UPDATE noticeObjection SET rewardLineId = \(line["RENT"]!.line)", "an objection keeps its line, its notice and its grounds"),
            ("INSERT OR REPLACE INTO paymentItem SELECT * FROM paymentItem LIMIT 1", "a payment is kept, and a line is in at most one open batch"),
            ("UPDATE paymentBatch SET totalFen = totalFen + 100", "a payment batch keeps its total and its items as made"),
            // UPDATE OR REPLACE … SET id deletes the row whose id it takes, without the delete triggers.
            ("UPDATE OR REPLACE paymentItem SET id = id + 1 WHERE id = (SELECT MIN(id) FROM paymentItem)", "a row of paymentItem keeps its id"),
            ("UPDATE OR REPLACE noticeObjection SET id = id + 1 WHERE id = (SELECT MIN(id) FROM noticeObjection)", "a row of noticeObjection keeps its id"),
            ("UPDATE rewardNotice SET endsOn = '2026-03-03'", "a notice keeps its run and its period"),
            ("""
             INSERT INTO rewardNotice (rewardRunId, startsOn, endsOn, workingDays, publishedAt, publishedBy, closedAt, closedBy)
             VALUES (2, '2026-03-10', '2026-03-10', 0, 'x', 'x', 'x', 'x')
             """, "a notice is published once a run, open, for at least one working day after its first"),
            ("""
             INSERT INTO noticeObjection (rewardNoticeId, rewardLineId, objector, grounds, recordedAt, recordedBy, resolution, reason)
             SELECT n.id, l.id, 'x', 'y', 'x', 'x', 'dismissed', 'z' FROM rewardLine l JOIN rewardNotice n ON n.rewardRunId = l.rewardRunId
             WHERE l.id = \(line["TALENT"]!.line)
             """, "an objection is raised open, while its line's notice runs"),
        ] {
            let refused = try sql(daemon, statement)
            #expect(refused.status != 0 && refused.stderr.contains(refusal), "\(statement): \(refused.stderr)")
        }
        let approved = try daemon.parkctl(["payment", "batch", "approve", "1"], uid: admin2, gid: staff)
        #expect(approved.status == 0, "\(approved.stderr)")
        // An account dated on or before the day whose account the batch took would rewrite which
        // account it paid into: refused, naming the batch.
        let backdated = try daemon.parkctl(["bank-account", "add", "1", "--name", Self.name, "--bank", "工行青岛市南支行", "--number", "380302160920077777", "--from", "2026-03-10"])
        #expect(backdated.status == 65 && backdated.stderr == "parkctl: invalid --from (effectiveFrom): payment batch 1 pays the tenant into the account in force on 2026-03-10; a new account takes effect on a later day (2026-03-11 or after)\n", "\(backdated.stderr)")

        // The bank file: every amount, the account in force on the batch's day, sums to the total.
        let exported = try daemon.parkctl(["payment", "batch", "export", "1"])
        let rows = exported.stdout.split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows.first == ["batch", "line", "accountName", "bank", "accountNumber", "amount", "purpose"])
        #expect(rows.count == 4 && rows.dropFirst().allSatisfy { $0[0] == "1" && $0[2] == Self.name && $0[4] == "3803021609200654321" }, "\(exported.stdout)")
        struct ShownBatch: Decodable {
            struct Batch: Decodable { let total: String }
            let batch: Batch
        }
        let total = try JSONDecoder().decode(ShownBatch.self, from: Data(try daemon.parkctl(["--json", "payment", "batch", "show", "1"]).stdout.utf8)).batch.total
        #expect(fen(rows.dropFirst().map { $0[5] }) == fen([total]) && total == "48900.00", "the bank file sums to the batch's total")
        #expect(rows.dropFirst().contains { $0[6] == "P2021 RENT 2021-06 reward (run 1 line \(line["RENT"]!.line))" }, "\(exported.stdout)")

        // The bank's result, with a failure, imported twice: the second import changes nothing.
        let result = daemon.directory + "/result.csv"
        try """
            batch,line,amount,result,reason
            1,\(line["RENT"]!.line),40000.00,paid,
            1,\(line["PLACEMENT"]!.line),7400.00,paid,
            1,\(line["TRAINING"]!.line),1500.00,failed,account frozen by court order

            """.write(toFile: result, atomically: true, encoding: .utf8)
        #expect(try daemon.parkctl(["payment", "batch", "import-result", result]).stdout == "batch 1: 2 paid, 1 failed recorded; 0 rows already recorded\n")
        // The failed line is payable again, at its amount and no more, whatever writes to the file.
        let overpaid = try sql(daemon, """
            BEGIN;
            INSERT INTO paymentBatch (status, runs, createdOn, totalFen, itemCount, createdAt, createdBy, createdByUid)
            VALUES ('created', '1', '2026-03-10', 0, 0, 'x', 'root', 0);
            INSERT INTO paymentItem (paymentBatchId, rewardLineId, tenantId, bankAccountId, accountName, bank, accountNumber, grossFen, amountFen, purpose, status)
            SELECT last_insert_rowid(), l.id, l.tenantId, a.id, a.accountName, a.bank, a.accountNumber, l.amountFen, l.amountFen + 100, 'p', 'pending'
            FROM rewardLine l JOIN bankAccount a ON a.tenantId = l.tenantId WHERE l.id = \(line["TRAINING"]!.line) LIMIT 1;
            ROLLBACK;
            """)
        #expect(overpaid.status != 0 && overpaid.stderr.contains("a payment pays a line its notice released (closed, no objection open or upheld), at most its amount"),
                "\(overpaid.stderr)")
        #expect(try daemon.parkctl(["payment", "batch", "import-result", result]).stdout == "batch 1: 0 paid, 0 failed recorded; 3 rows already recorded\n")
        // The failed line is FAILED in the ledger until a batch takes it again (and 0.00 once paid, below).
        let failedLedger = try daemon.parkctl(["payment", "ledger", "--tenant", "1", "--year", "2021"]).stdout
        let columns = failedLedger.split(separator: "\n").last?.split(separator: " ").map(String.init) ?? []
        #expect(columns.count == 13 && columns[10] == "1,500.00" && columns[7] == "0.00", "FAILED, and nothing in a batch: \(failedLedger)")
        for (text, message) in [
            ("1,999,1.00,paid,", "row 2: line 999 is not a line of any reward run"),
            ("1,\(line["TALENT"]!.line),30000.00,paid,", "row 2: line \(line["TALENT"]!.line) is not in batch 1"),
            ("1,\(line["RENT"]!.line),40000.01,paid,", "row 2: line \(line["RENT"]!.line) is 40000.01 in the file and 40000.00 in batch 1"),
            ("1,\(line["RENT"]!.line),40000.00,failed,no such account", "row 2: line \(line["RENT"]!.line) was recorded as paid; a bank result is recorded once"),
            ("1,\(line["TRAINING"]!.line),1500.00,failed,account closed",
             "row 2: line \(line["TRAINING"]!.line) was recorded as failed (account frozen by court order); a bank result is recorded once, its reason with it"),
        ] {
            try "batch,line,amount,result,reason\n\(text)\n".write(toFile: result, atomically: true, encoding: .utf8)
            let refused = try daemon.parkctl(["payment", "batch", "import-result", result])
            #expect(refused.status == 65)
            #expect(refused.stderr == "parkctl: bank result refused, nothing recorded: \(message)\n", "\(refused.stderr)")
        }

        // A batch names at most 1,000 runs, each once: a longer list is refused before anything is read.
        let tooMany = try daemon.parkctl(["payment", "batch", "create"] + (1...1001).flatMap { ["--run", String($0)] })
        #expect(tooMany.status == 65 && tooMany.stderr == "parkctl: invalid --run (runs): 1001 runs; a batch names at most 1000, or none for every approved run\n", "\(tooMany.stderr)")
        // The failed line is payable again, and a second batch pays it: made by one admin, approved by root
        // (run 1 named twice is named once).
        let second = try daemon.parkctl(["payment", "batch", "create", "--run", "1", "--run", "1"], uid: admin1, gid: staff)
        #expect(second.stdout.hasPrefix("batch 2 created: 1 line, total 1,500.00"), "\(second.stdout)\(second.stderr)")
        // The database refuses a second payment of a paid line, and a line in two open batches
        // (a batch being made, as only such a batch takes payments; in a transaction left open,
        // so rolled back).
        let paidTwice = try sql(daemon, """
            INSERT INTO paymentItem (paymentBatchId, rewardLineId, tenantId, bankAccountId, accountName, bank, accountNumber, grossFen,
              amountFen, purpose, status) SELECT 2, rewardLineId, tenantId, bankAccountId, accountName, bank, accountNumber,
              grossFen, amountFen, purpose, 'pending' FROM paymentItem WHERE rewardLineId = \(line["RENT"]!.line)
            """)
        #expect(paidTwice.status != 0 && paidTwice.stderr.contains("this reward line was already paid"), "\(paidTwice.stderr)")
        let twoOpen = try sql(daemon, """
            BEGIN;
            INSERT INTO paymentBatch (status, runs, createdOn, totalFen, itemCount, createdAt, createdBy, createdByUid)
            VALUES ('created', '1', '2026-03-10', 0, 0, 'x', 'root', 0);
            INSERT INTO paymentItem (paymentBatchId, rewardLineId, tenantId, bankAccountId, accountName, bank, accountNumber, grossFen,
              amountFen, purpose, status) SELECT last_insert_rowid(), rewardLineId, tenantId, bankAccountId, accountName, bank, accountNumber,
              grossFen, amountFen, purpose, 'pending' FROM paymentItem WHERE paymentBatchId = 2;
            """)
        #expect(twoOpen.status != 0 && twoOpen.stderr.contains("a payment is kept, and a line is in at most one open batch"), "\(twoOpen.stderr)")
        #expect(try daemon.parkctl(["payment", "batch", "approve", "2"], uid: admin1, gid: staff).status == 77)
        #expect(try daemon.parkctl(["payment", "batch", "approve", "2"]).status == 0)
        try "batch,line,amount,result,reason\n2,\(line["TRAINING"]!.line),1500.00,paid,\n".write(toFile: result, atomically: true, encoding: .utf8)
        #expect(try daemon.parkctl(["payment", "batch", "import-result", result]).stdout == "batch 2: 1 paid, 0 failed recorded; 0 rows already recorded\n")
        // A failed payment is final; without that trigger, the unique index still refuses a second paid row.
        let final = try sql(daemon, "UPDATE paymentItem SET status = 'paid' WHERE paymentBatchId = 1 AND rewardLineId = \(line["TRAINING"]!.line)")
        #expect(final.status != 0 && final.stderr.contains("a paid or failed payment is final"), "\(final.stderr)")
        let paidAgain = try sql(daemon, """
            DROP TRIGGER paymentItem_final;
            UPDATE paymentItem SET status = 'paid' WHERE paymentBatchId = 1 AND rewardLineId = \(line["TRAINING"]!.line)
            """)
        #expect(paidAgain.status != 0 && paidAgain.stderr.contains("UNIQUE constraint failed: paymentItem.rewardLineId"), "\(paidAgain.stderr)")

        // The ledger and its identity; then a payment changed behind parkd's back.
        let ledger = try daemon.parkctl(["payment", "ledger", "--tenant", "1", "--year", "2021"])
        let entry = ledger.stdout.split(separator: "\n").last.map { $0.split(separator: " ").map(String.init) } ?? []
        #expect(entry == ["1", Self.name, "138,900.00", "78,900.00", "30,000.00", "0.00", "0.00", "0.00", "48,900.00", "0.00", "0.00", "0.00", "0.00"], "\(ledger.stdout)")
        let verified = try daemon.parkctl(["payment", "verify"])
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
        #expect(verified.stdout == "payments reconcile: 4 approved lines, 2 batches; approved = paid + held + payable + withdrawn for every tenant\n")
        #expect(try sql(daemon, "DROP TRIGGER paymentItem_sameLine; UPDATE paymentItem SET amountFen = amountFen + 100 WHERE paymentBatchId = 2").status == 0)
        let broken = try daemon.parkctl(["payment", "verify"])
        #expect(broken.status == 1)
        #expect(broken.stdout == "payments do NOT reconcile: line \(line["TRAINING"]!.line) of tenant 1: approved 1500.00, recorded as paid 1501.00\n", "\(broken.stdout)")

        // Published after payment, under the name the bank paid although the firm is renamed
        // since; and counted in the statistics.
        let renamed = try daemon.parkctl(["tenant", "set", "1", "--name", "青岛英才人力资源集团有限公司"])
        #expect(renamed.status == 0, "\(renamed.stderr)")
        let publication = try daemon.parkctl(["payment", "published", "--year", "2026", "--csv"])
        #expect(publication.stdout == "year,name,rule,lines,amount\r\n2026,\(Self.name),PLACEMENT,1,7400.00\r\n2026,\(Self.name),RENT,1,40000.00\r\n2026,\(Self.name),TRAINING,1,1501.00\r\n", "\(publication.stdout)")
        let page = try daemon.parkctl(["payment", "published", "--year", "2026", "--html"])
        #expect(page.stdout.contains("<td>RENT</td>") && !page.stdout.contains("<script"))
        #expect(page.stdout.contains("<tfoot><tr><td>Total 合计</td><td></td><td class=\"amount\">3</td><td class=\"amount\">48,901.00</td></tr></tfoot>"), "\(page.stdout)")
        let publishedTable = try daemon.parkctl(["payment", "published", "--year", "2026"])
        #expect(publishedTable.stdout.split(separator: "\n").last?.split(separator: " ") == ["total", "3", "48,901.00"], "\(publishedTable.stdout)")
        struct PublishedTotal: Decodable { let lines: Int; let total: String }
        let publishedJSON = try JSONDecoder().decode(PublishedTotal.self, from: Data(try daemon.parkctl(["--json", "payment", "published", "--year", "2026"]).stdout.utf8))
        #expect(publishedJSON.lines == 3 && publishedJSON.total == "48901.00")
        let stats = try daemon.parkctl(["stats", "--year", "2026"])
        #expect(stats.stdout.contains("2026     RENT           1  40,000.00"), "\(stats.stdout)")

        // Each batch is checked against the state the audit trail's last call on it recorded:
        // an item redirected to another account, and a paid batch deleted whole (its line
        // payable again, to be paid twice), are named although every total still adds up.
        #expect(try sql(daemon, "UPDATE paymentItem SET amountFen = amountFen - 100 WHERE paymentBatchId = 2").status == 0)
        #expect(try daemon.parkctl(["payment", "verify"]).status == 0)
        #expect(try sql(daemon, """
            DROP TRIGGER paymentItem_accountKept;
            UPDATE paymentItem SET accountName = '某某', accountNumber = '6222020000000000666' WHERE paymentBatchId = 1 AND rewardLineId = \(line["RENT"]!.line)
            """).status == 0)
        let moved = try daemon.parkctl(["payment", "verify"])
        #expect(moved.status == 1)
        #expect(moved.stdout == "payments do NOT reconcile: batch 1: the audit trail last recorded it approved, 3 items, total 48900.00; "
            + "the database holds an item (line, account, amount or result) changed\n", "\(moved.stdout)")
        // Nor does a call on such a batch record the change as its own: it is refused.
        try "batch,line,amount,result,reason\n1,\(line["RENT"]!.line),40000.00,paid,\n".write(toFile: result, atomically: true, encoding: .utf8)
        let importing = try daemon.parkctl(["payment", "batch", "import-result", result])
        #expect(importing.status == 70)
        #expect(importing.stderr == "parkctl: payments are not as the audit trail recorded them (batch 1: the audit trail last recorded it approved, 3 items, "
            + "total 48900.00; the database holds an item (line, account, amount or result) changed): the database file was changed behind parkd's back, "
            + "and nothing is paid or recorded until it is set right, so that no call records the change as its own "
            + "(`parkctl payment verify` names it; restore a backup from before the change with parkd --restore)\n", "\(importing.stderr)")
        let deleted = try sql(daemon, """
            DROP TRIGGER paymentItem_kept; DROP TRIGGER paymentItem_leavesOnlyABatchBeingMade; DROP TRIGGER paymentBatch_approvedKept;
            DELETE FROM paymentItem WHERE paymentBatchId = 2; DELETE FROM paymentBatch WHERE id = 2;
            UPDATE paymentItem SET accountName = (SELECT accountName FROM bankAccount WHERE id = paymentItem.bankAccountId),
              accountNumber = (SELECT accountNumber FROM bankAccount WHERE id = paymentItem.bankAccountId) WHERE paymentBatchId = 1
            """)
        #expect(deleted.status == 0, "\(deleted.stderr)")
        let gone = try daemon.parkctl(["payment", "verify"])
        #expect(gone.status == 1)
        #expect(gone.stdout == "payments do NOT reconcile: batch 2: the audit trail records it (approved, 1 item, total 1500.00), the database holds no such batch\n",
                "\(gone.stdout)")
        // Its line is payable again, as far as the database says; no batch is made to pay it twice.
        let payAgain = try daemon.parkctl(["payment", "batch", "create"])
        #expect(payAgain.status == 70 && payAgain.stderr.hasPrefix("parkctl: payments are not as the audit trail recorded them (batch 2: the audit trail records it"),
                "\(payAgain.stdout)\(payAgain.stderr)")
    }

    @Test("an adjustment run verifies against the lines it was decided against: an objection upheld after it does not make it disagree")
    func verifyAfterLaterObjection() throws {
        let daemon = try park()
        // Run 2 adjusts run 1 for more placements, and is approved.
        for arguments in [
            ["report", "add", "--tenant", "1", "--month", "2021-06", "--placements", "40", "--reason", "three placements missed"],
            ["reward", "run", "--period", "2021-06"], ["reward", "approve", "2"], ["reward", "notice", "publish", "1"],
        ] {
            let result = try daemon.parkctl(arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
        }
        #expect(try daemon.parkctl(["reward", "verify", "2"]).status == 0)
        // Then an objection to run 1's training line is upheld: the line is withdrawn from then on.
        let training = try #require(try lines(daemon, run: 1)["TRAINING"]).line
        #expect(try daemon.parkctl(["reward", "object", String(training), "--by", "王先生", "--grounds", "no training in June"]).status == 0)
        #expect(try daemon.parkctl(["reward", "resolve", "1", "--uphold", "--reason", "the sign-in sheet is May's"]).status == 0)
        let verified = try daemon.parkctl(["reward", "verify", "2"])
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
        // A run computed now gives the whole amount the data gives for the withdrawn line.
        let next = try daemon.parkctl(["--json", "reward", "show", try daemon.parkctl(["reward", "run", "--period", "2021-06"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)])
        #expect(next.stdout.contains("\"rule\" : \"TRAINING\""), "\(next.stdout)\(next.stderr)")
    }

    @Test("a rent clawback is offset against every line the tenant is paid from then on, never below zero, and the rest stays owed")
    func clawbackOffset() throws {
        let daemon = try park(confirmation: "not-required")
        #expect(try daemon.parkctl(["bank-account", "add", "1", "--name", Self.name, "--bank", "工行", "--number", "380302160920065432", "--from", "2021-01-01"]).status == 0)
        // The firm leaves in July 2021, seven months after moving in: its rent subsidy is owed back.
        for arguments in [
            ["tenant", "transition", "1", "exiting", "--on", "2021-07-01", "--reason", "moving out"],
            ["tenant", "transition", "1", "exited", "--on", "2021-07-31", "--reason", "moved out"],
            ["reward", "run", "--period", "2021-07"], ["reward", "approve", "2"],
            ["report", "add", "--tenant", "1", "--month", "2021-06", "--revenue", "3000000", "--tax", "90000", "--placements", "40",
             "--training-sessions", "2", "--training-attendees", "30", "--phd-hires", "1", "--headcount", "60", "--reason", "three placements were missed"],
            ["reward", "run", "--period", "2021-06"], ["reward", "approve", "3"],
            ["reward", "notice", "publish", "1", "--days", "1"], ["reward", "notice", "publish", "2", "--days", "1"], ["reward", "notice", "publish", "3", "--days", "1"],
        ] {
            let result = try daemon.parkctl(arguments)
            #expect(result.status == 0, "\(arguments): \(result.stdout)\(result.stderr)")
        }
        try daemon.setClock("2026-03-04T09:00:00+08:00")
        for run in ["1", "2", "3"] { #expect(try daemon.parkctl(["reward", "notice", "close", run]).status == 0) }
        let shown = try daemon.parkctl(["--json", "reward", "notice", "show", "2"])
        let clawback = try JSONDecoder().decode(NoticeLines.self, from: Data(shown.stdout.utf8)).lines.first { $0.rule == "RENT_CLAWBACK" }
        let owed = fen([String(clawback?.amount.dropFirst() ?? "0.00")])
        #expect(owed > 4_000_000, "\(shown.stdout)")

        // A batch cancelled before approval releases its lines (and the offsets it took).
        #expect(try daemon.parkctl(["payment", "batch", "create"]).status == 0)
        #expect(try daemon.parkctl(["payment", "batch", "cancel", "1"]).stdout == "batch 1 cancelled; its lines are released for the next batch\n")
        #expect(try daemon.parkctl(["payment", "batch", "cancel", "1"]).stderr == "parkctl: batch 1 is already cancelled\n")
        #expect(try daemon.parkctl(["payment", "batch", "export", "1"]).stderr == "parkctl: batch 1 is cancelled: only an approved batch goes to the bank\n")
        // What it held is kept, for the record, each item cancelled, and it reconciles with its total.
        struct Cancelled: Decodable {
            struct Batch: Decodable { let total: String; let items: Int }
            struct Item: Decodable { let line: Int64; let status: String; let offset: String; let amount: String }
            let batch: Batch
            let items: [Item]
        }
        let kept = try JSONDecoder().decode(Cancelled.self, from: Data(try daemon.parkctl(["--json", "payment", "batch", "show", "1"]).stdout.utf8))
        #expect(!kept.items.isEmpty && kept.items.count == kept.batch.items && kept.items.allSatisfy { $0.status == "cancelled" }, "\(kept)")
        #expect(fen(kept.items.map(\.amount)) == fen([kept.batch.total]), "\(kept)")
        #expect(try daemon.parkctl(["payment", "verify"]).status == 0)
        let erased = try sql(daemon, "DELETE FROM cancelledPaymentItem WHERE paymentBatchId = 1")
        #expect(erased.status != 0 && erased.stderr.contains("a cancelled batch's items are never deleted"), "\(erased.stderr)")

        // Batch 2: every line is offset, run 1's too although it was approved before the
        // clawback's run: the firm owes more than all of them.
        let created = try daemon.parkctl(["--json", "payment", "batch", "create"])
        #expect(created.status == 0, "\(created.stderr)")
        // Items kept as cancelled are a cancelled batch's alone: one slipped in is never approved.
        let slipped = try sql(daemon, """
            BEGIN;
            INSERT INTO cancelledPaymentItem (paymentBatchId, rewardLineId, tenantId, bankAccountId, accountName, bank, accountNumber,
              grossFen, offsetFen, amountFen, purpose)
            SELECT paymentBatchId, rewardLineId, tenantId, bankAccountId, accountName, bank, accountNumber, grossFen, 0, amountFen, purpose
            FROM paymentItem WHERE paymentBatchId = 2;
            UPDATE paymentBatch SET status = 'approved', approvedAt = 'x', approvedBy = 'x', approvedByUid = 61002 WHERE id = 2;
            COMMIT;
            """)
        #expect(slipped.status != 0 && slipped.stderr.contains("a batch that keeps items as cancelled is cancelled"), "\(slipped.stderr)")
        // A receivable is recovered at most once in all, whatever writes to the file: batch 2
        // already takes part of the clawback, and the whole of it again is refused.
        let recoveredTwice = try sql(daemon, """
            INSERT INTO paymentOffset (paymentItemId, receivableLineId, amountFen)
            SELECT i.id, l.id, -l.amountFen FROM paymentItem i, rewardLine l WHERE i.paymentBatchId = 2 AND l.rule = 'RENT_CLAWBACK' LIMIT 1
            """)
        #expect(recoveredTwice.status != 0 && recoveredTwice.stderr.contains("an offset recovers a receivable its notice released, at most what is still owed of it"),
                "\(recoveredTwice.stderr)")
        let batch = try daemon.parkctl(["--json", "payment", "batch", "show", "2"])
        struct Shown: Decodable {
            struct Item: Decodable { let run: Int64; let gross: String; let offset: String; let amount: String }
            let items: [Item]
        }
        let items = try JSONDecoder().decode(Shown.self, from: Data(batch.stdout.utf8)).items
        #expect(items.contains { $0.run == 1 } && items.contains { $0.run > 1 }, "\(batch.stdout)")
        #expect(fen(items.map(\.gross)) < owed, "\(batch.stdout)")
        #expect(items.allSatisfy { $0.amount == "0.00" && $0.offset == $0.gross }, "\(batch.stdout)")
        #expect(try daemon.parkctl(["payment", "batch", "approve", "2"], uid: 61002, gid: 50).status == 0)
        #expect(try daemon.parkctl(["payment", "batch", "cancel", "2"]).stderr == "parkctl: batch 2 is already approved: it went to the bank and stands; "
                + "import the bank's result (`parkctl payment batch import-result`), and a failed line is paid by a next batch\n")
        let exported = try daemon.parkctl(["payment", "batch", "export", "2"])
        let transfers = exported.stdout.split(separator: "\r\n").dropFirst().map { String($0.split(separator: ",")[5]) }
        #expect(transfers.isEmpty, "lines offset whole transfer nothing: \(exported.stdout)")
        let ledger = try daemon.parkctl(["--json", "payment", "ledger", "--tenant", "1"])
        struct Ledger: Decodable {
            struct Entry: Decodable { let approved: String; let paid: String; let offset: String; let owed: String; let payable: String }
            let entries: [Entry]
        }
        let entry = try JSONDecoder().decode(Ledger.self, from: Data(ledger.stdout.utf8)).entries[0]
        let offset = fen([entry.offset])
        #expect(offset == fen(items.map(\.gross)))
        #expect(fen([entry.owed]) == owed - offset, "the rest stays owed: \(ledger.stdout)")
        // Published: each rule's lines at their amount, and the clawback, negative, by what the
        // offsets recovered of it: this year the firm was paid nothing, net.
        let published = try daemon.parkctl(["--json", "payment", "published", "--year", "2026"])
        struct Published: Decodable {
            struct Paid: Decodable { let rule: String; let amount: String }
            let paid: [Paid]
            let total: String
        }
        let publication = try JSONDecoder().decode(Published.self, from: Data(published.stdout.utf8))
        let paid = publication.paid
        #expect(paid.first { $0.rule == "RENT_CLAWBACK" }?.amount == "-" + entry.offset, "\(published.stdout)")
        #expect(fen(paid.filter { $0.rule != "RENT_CLAWBACK" }.map(\.amount)) == offset, "\(published.stdout)")
        // Its total nets the clawback against what it recovered: the firm was paid nothing.
        #expect(publication.total == "0.00", "\(published.stdout)")
        let notAYear = try daemon.parkctl(["payment", "ledger", "--year", "0"])
        #expect(notAYear.status == 65 && notAYear.stderr.contains("0 is not a year"), "\(notAYear.stderr)")
        #expect(try daemon.parkctl(["payment", "verify"]).status == 0)
    }
}

@Suite("The printable notice page in a browser")
struct NoticePageTests {
    /// Chromium as Debian ships it (`make deps` installs it).
    static let chromium = "/usr/bin/chromium"

    @Test("the HTML notice opens in headless Chromium: the lines are in its DOM, it screenshots and prints, and it runs no script")
    func noticeInChromium() throws {
        let daemon = try PaymentCommandTests().park()
        #expect(try daemon.parkctl(["reward", "notice", "publish", "1"]).status == 0)
        let html = try daemon.parkctl(["reward", "notice", "show", "1", "--html"])
        #expect(html.status == 0, "\(html.stderr)")
        let page = daemon.directory + "/notice.html"
        try html.stdout.write(toFile: page, atomically: true, encoding: .utf8)
        #expect(FileManager.default.isExecutableFile(atPath: Self.chromium), "chromium is installed by make deps (APT_PACKAGES)")
        let profile = daemon.directory + "/chromium-profile"
        let common = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--user-data-dir=\(profile)"]

        let dom = try runCommand(Self.chromium, common + ["--dump-dom", "file://\(page)"])
        #expect(dom.status == 0, "\(dom.stderr)")
        for expected in ["<td>\(PaymentCommandTests.name)</td>", "Rent subsidy (RENT)", "40,000.00", "78,900.00", "2026-03-09"] {
            #expect(dom.stdout.contains(expected), "missing \(expected) in the DOM Chromium built")
        }
        #expect(!dom.stdout.contains("<script"))

        let screenshot = daemon.directory + "/notice.png"
        let shot = try runCommand(Self.chromium, common + ["--window-size=1100,700", "--hide-scrollbars", "--screenshot=\(screenshot)", "file://\(page)"])
        #expect(shot.status == 0, "\(shot.stderr)")
        let png = try Data(contentsOf: URL(fileURLWithPath: screenshot))
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]) && png.count > 10_000, "a PNG of the rendered page")

        let pdf = daemon.directory + "/notice.pdf"
        let printed = try runCommand(Self.chromium, common + ["--no-pdf-header-footer", "--print-to-pdf=\(pdf)", "file://\(page)"])
        #expect(printed.status == 0, "\(printed.stderr)")
        let document = try Data(contentsOf: URL(fileURLWithPath: pdf))
        #expect(document.starts(with: Array("%PDF".utf8)) && document.count > 5_000, "the page prints")
    }
}
