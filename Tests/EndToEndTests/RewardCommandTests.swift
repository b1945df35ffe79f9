import Foundation
import Testing

@Suite("parkctl policy and reward against a real parkd")
struct RewardCommandTests {
    /// parkd reading a copy of the reference policies (so a test may edit them), with one HR
    /// firm leasing 1,200 m² of offices at 45 yuan from 2021-01-01 and a June 2021 report.
    func park() throws -> (RunningDaemon, policyDirectory: String) {
        let policies = FileManager.default.temporaryDirectory.appendingPathComponent("policies-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: policies, withIntermediateDirectories: true)
        for name in ["P2019.yaml", "P2021.yaml"] {
            try FileManager.default.copyItem(atPath: "\(Binaries.repository)/Config/policies/\(name)", toPath: "\(policies)/\(name)")
        }
        let daemon = try RunningDaemon(config: "policies:\n  directory: \(policies)\n")
        for arguments in [
            ["tenant", "add", "--name", "青岛英才人力资源有限公司", "--credit-code", "91370200163562681G", "--business-line", "recruitment", "--on", "2020-12-01"],
            ["tenant", "transition", "1", "reviewing", "--on", "2020-12-05", "--reason", "application complete"],
            ["tenant", "transition", "1", "approved", "--on", "2020-12-10", "--reason", "entry review meeting"],
            ["unit", "add", "--building", "A", "--number", "1201", "--area", "1200", "--kind", "office", "--rent", "45"],
            ["lease", "add", "--tenant", "1", "--unit", "1", "--start", "2021-01-01", "--end", "2023-12-31", "--rent", "45"],
            ["report", "add", "--tenant", "1", "--month", "2021-06", "--revenue", "3000000", "--tax", "90000", "--placements", "37",
             "--training-sessions", "2", "--training-attendees", "30", "--phd-hires", "1", "--headcount", "60"],
        ] {
            let result = try daemon.parkctl(arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
        }
        return (daemon, policies)
    }

    struct ShownRun: Decodable {
        struct Line: Decodable {
            let tenant: Int64
            let creditCode: String
            let rule: String
            let period: String
            let amount: String
        }
        let lines: [Line]
    }

    @Test("EVENT_HOSTING pays each fair of a series on its own: its employers, in the month it ended, at most two a year")
    func seriesOfJobFairs() throws {
        let (daemon, _) = try park()
        func series(_ title: String, start: String, end: String, every: Int, until: String, employers: [String: Int]) throws {
            let added = try daemon.parkctl([
                "event", "add", "--kind", "job-fair", "--title", title, "--start", start, "--end", end, "--capacity", "10",
                "--organiser", "1", "--repeat", "weekly", "--every", String(every), "--until", until,
            ])
            #expect(added.status == 0, "\(added.stderr)")
            let id = added.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            for (day, count) in employers {
                let outcome = try daemon.parkctl(["event", "outcome", id, "--occurrence", day, "--employers", String(count)])
                #expect(outcome.status == 0, "\(outcome.stderr)")
            }
        }
        func hosting(_ period: String) throws -> String? {
            let run = try daemon.parkctl(["reward", "run", "--period", period, "--rule", "EVENT_HOSTING"])
            #expect(run.status == 0, "\(run.stderr)")
            let shown = try daemon.parkctl(["--json", "reward", "show", run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)])
            return try JSONDecoder().decode(ShownRun.self, from: Data(shown.stdout.utf8)).lines.first { $0.rule == "EVENT_HOSTING" }?.amount
        }
        // Four weekly fairs of 15 employers: none reaches 20, whatever they add up to.
        try series("周招聘会", start: "2021-05-05T09:00", end: "2021-05-05T16:00", every: 1, until: "2021-05-26",
                   employers: ["2021-05-05": 15, "2021-05-12": 15, "2021-05-19": 15, "2021-05-26": 15])
        #expect(try hosting("2021-05") == nil)
        // A fortnightly series: 60 employers on 06-23, none recorded yet for 07-07: paid in June.
        try series("双周招聘会", start: "2021-06-23T09:00", end: "2021-06-23T16:00", every: 2, until: "2021-07-07", employers: ["2021-06-23": 60])
        #expect(try hosting("2021-06") == "20000.00")
        #expect(try hosting("2021-07") == nil)
        // Fairs of 50, 20 and 60 employers in August: June's took one of the year's two places,
        // the earliest of August the other.
        try series("八月招聘会", start: "2021-08-04T09:00", end: "2021-08-04T16:00", every: 1, until: "2021-08-18",
                   employers: ["2021-08-04": 50, "2021-08-11": 20, "2021-08-18": 60])
        #expect(try hosting("2021-08") == "20000.00")
    }

    @Test("a month is computed, explained, approved, exported and verified")
    func monthlyRun() throws {
        let (daemon, _) = try park()
        let created = try daemon.parkctl(["reward", "run", "--period", "2021-06"])
        #expect(created.stdout == "1\n", "\(created.stderr)")

        let json = try daemon.parkctl(["--json", "reward", "show", "1"])
        let shown = try JSONDecoder().decode(ShownRun.self, from: Data(json.stdout.utf8))
        let amounts = Dictionary(uniqueKeysWithValues: shown.lines.map { ($0.rule, $0.amount) })
        // 1,000 m² at 40 yuan in lease year 1; 37 × 200; 30 × 50; 1 × 30,000.
        #expect(amounts == ["RENT": "40000.00", "PLACEMENT": "7400.00", "TRAINING": "1500.00", "TALENT": "30000.00"])
        #expect(shown.lines.allSatisfy { $0.tenant == 1 && $0.creditCode == "91370200163562681G" && $0.period == "2021-06" })

        let explained = try daemon.parkctl(["reward", "show", "1", "--tenant", "91370200163562681G", "--explain"])
        for expected in [
            "RENT — Rent subsidy; P2021 rent subsidy (summed per day)",
            "parameter rent_cap = 40 yuan/m²·month  (P2021, in force from 2021-04-16)",
            "parameter rent_area_cap = 1000 m²  (P2021, in force from 2021-04-16)",
            "input office lease 1 = 1000 m² counted at 40 yuan/m²·month",
            "input lease_year = 1",
            "[2021-06-01…2021-06-30] result days = 30 × 4000/3 (≈1333.333333) yuan = 40000.00 yuan  (P2021)",
            "result cap per year = 300000.00 yuan, 121250.00 already computed: not reached",
            "result amount = 40000.00 yuan  (rounded half-up to the fen, once)",
            "input placements = 37  (report 2021-06, version 1)",
        ] {
            #expect(explained.stdout.contains(expected), "missing: \(expected)\n\(explained.stdout)")
        }

        let approved = try daemon.parkctl(["reward", "approve", "1"])
        #expect(approved.stdout == "run 1 approved: 2021-06, 4 lines, total 78,900.00\n", "\(approved.stderr)")
        let again = try daemon.parkctl(["reward", "approve", "1"])
        #expect(again.status == 65)
        #expect(again.stderr == "parkctl: run 1 is approved, not a draft; approved runs never change\n")

        // Approved runs are immutable in the file itself, whatever writes to it.
        let tampering = try runCommand("/usr/bin/sqlite3", [daemon.databasePath, "UPDATE rewardLine SET amountFen = 1 WHERE rewardRunId = 1"])
        #expect(tampering.status != 0)
        #expect(tampering.stderr.contains("a line of an approved reward run cannot be changed"))

        let exported = try daemon.parkctl(["reward", "export", "1", "--csv"])
        #expect(exported.stdout.split(separator: "\r\n").first == "run,period,tenant,creditCode,name,rule,amount")
        #expect(exported.stdout.contains("1,2021-06,1,91370200163562681G,青岛英才人力资源有限公司,RENT,40000.00\r\n"))

        let verified = try daemon.parkctl(["reward", "verify", "1"])
        #expect(verified.status == 0)
        #expect(verified.stdout == "run 1 verified: 4 tenant-rule amounts recomputed, all agree to the fen\n")
    }

    @Test("a run rewritten in the database file with its inputs, their hash and the park's data alike is not the run the audit trail recorded")
    func rewrittenRun() throws {
        let (daemon, _) = try park()
        #expect(try daemon.parkctl(["reward", "run", "--period", "2021-06"]).stdout == "1\n")
        // A draft changed in the file is not approved as it stands (nor recorded as approved so).
        func sql(_ statement: String) throws { #expect(try runCommand("/usr/bin/sqlite3", [daemon.databasePath, statement]).status == 0) }
        try sql("UPDATE rewardLine SET amountFen = amountFen + 100 WHERE rewardRunId = 1 AND rule = 'PLACEMENT'; UPDATE rewardRun SET totalFen = totalFen + 100 WHERE id = 1")
        let refused = try daemon.parkctl(["reward", "approve", "1"])
        #expect(refused.status == 70)
        #expect(refused.stderr == "parkctl: run 1 is not the run the audit trail recorded when it was computed (the audit trail recorded 4 lines, total 78900.00; "
            + "the database holds 4 lines, total 78901.00): it was changed in the database file, and it is not approved (`parkctl reward verify 1`; compute the period again)\n",
            "\(refused.stderr)")
        try sql("UPDATE rewardLine SET amountFen = amountFen - 100 WHERE rewardRunId = 1 AND rule = 'PLACEMENT'; UPDATE rewardRun SET totalFen = totalFen - 100 WHERE id = 1")
        #expect(try daemon.parkctl(["reward", "approve", "1"]).status == 0)
        // The trail records what the approval approved: the table cuts the digests short, --json not.
        let shown = try daemon.parkctl(["audit", "list", "--method", "Reward.Approve", "--limit", "1"]).stdout
        #expect(shown.contains(/ok: run 1 2021-06 approved: 4 lines, total 78900\.00, inputs sha256 [0-9a-f]{12}…, lines sha256 [0-9a-f]{12}…\n/), "\(shown)")
        let whole = try daemon.parkctl(["--json", "audit", "list", "--method", "Reward.Approve", "--limit", "1"]).stdout
        #expect(whole.contains(/"outcome" : "ok: run 1 2021-06 approved: 4 lines, total 78900\.00, inputs sha256 [0-9a-f]{64}, lines sha256 [0-9a-f]{64}"/), "\(whole)")
        // 37 placements become 87 everywhere (200 yuan each: 10,000 more), the triggers dropped.
        let rewritten = try runCommand("/usr/bin/python3", ["-c", """
            import hashlib, sqlite3, sys
            db = sqlite3.connect(sys.argv[1])
            for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
                db.execute('DROP TRIGGER "%s"' % name)
            inputs = bytes(db.execute('SELECT inputs FROM rewardRun WHERE id = 1').fetchone()[0])
            assert inputs.count(b',0,37,2,30,1,60]') == 1
            inputs = inputs.replace(b',0,37,2,30,1,60]', b',0,87,2,30,1,60]')
            db.execute('UPDATE rewardRun SET inputs = ?, inputsHash = ?, totalFen = totalFen + 1000000 WHERE id = 1', (inputs, hashlib.sha256(inputs).hexdigest()))
            db.execute("UPDATE rewardLine SET amountFen = amountFen + 1000000 WHERE rewardRunId = 1 AND rule = 'PLACEMENT'")
            db.execute("UPDATE operatingReport SET placements = 87 WHERE placements = 37")
            db.commit()
            """, daemon.databasePath])
        #expect(rewritten.status == 0, "\(rewritten.stderr)")
        let verified = try daemon.parkctl(["reward", "verify", "1"])
        #expect(verified.status == 1)
        #expect(verified.stdout == "run 1 does NOT agree: it is not the run the audit trail recorded: the audit trail recorded 4 lines, total 78900.00; "
            + "the database holds 4 lines, total 88900.00\n", "\(verified.stdout)\(verified.stderr)")
    }

    @Test("verify tells inputs altered after the run from data changed since, each against what the run recorded")
    func alteredInputs() throws {
        let (daemon, _) = try park()
        #expect(try daemon.parkctl(["reward", "run", "--period", "2021-06"]).stdout == "1\n")
        // The draft's stored inputs edited in the file: the June report's version 1 becomes 2.
        let altered = try runCommand("/usr/bin/sqlite3", [daemon.databasePath, """
            UPDATE rewardRun SET inputs = CAST(replace(CAST(inputs AS TEXT), '"version":1}', '"version":2}') AS BLOB) WHERE id = 1
            """])
        #expect(altered.status == 0, "\(altered.stderr)")
        // The park's data itself is as it was: measured against the hash the run recorded, it has
        // not changed, though the altered inputs now differ from it.
        let verified = try daemon.parkctl(["reward", "verify", "1"])
        #expect(verified.status != 0)
        #expect(verified.stdout == "run 1 does NOT agree: its recorded inputs no longer match their hash\n", "\(verified.stderr)")

        // A second run, left intact, then a correction: its data has changed since.
        #expect(try daemon.parkctl(["reward", "run", "--period", "2021-06"]).stdout == "2\n")
        #expect(try daemon.parkctl(["reward", "verify", "2"]).stdout == "run 2 verified: 4 tenant-rule amounts recomputed, all agree to the fen\n")
        _ = try daemon.parkctl([
            "report", "add", "--tenant", "1", "--month", "2021-06", "--placements", "40", "--reason", "three placements were missed",
        ])
        #expect(try daemon.parkctl(["reward", "verify", "2"]).stdout == """
            run 2 verified: 4 tenant-rule amounts recomputed, all agree to the fen
            the park's data has changed since this run; `parkctl reward run --period 2021-06` computes the adjustment, if the change touches its amounts

            """)
    }

    @Test("a correction after approval gives an adjustment run with only the difference")
    func adjustment() throws {
        let (daemon, _) = try park()
        _ = try daemon.parkctl(["reward", "run", "--period", "2021-06"])
        _ = try daemon.parkctl(["reward", "approve", "1"])
        let unchanged = try daemon.parkctl(["reward", "run", "--period", "2021-06"])
        #expect(unchanged.status == 65)
        #expect(unchanged.stderr.contains("nothing to adjust"))

        let corrected = try daemon.parkctl([
            "report", "add", "--tenant", "1", "--month", "2021-06", "--revenue", "3000000", "--tax", "90000", "--placements", "40",
            "--training-sessions", "2", "--training-attendees", "30", "--phd-hires", "1", "--headcount", "60", "--reason", "three placements were missed",
        ])
        #expect(corrected.status == 0, "\(corrected.stderr)")
        #expect(try daemon.parkctl(["reward", "verify", "1"]).stdout.contains("the park's data has changed since this run"))

        #expect(try daemon.parkctl(["reward", "run", "--period", "2021-06"]).stdout == "2\n")
        let json = try daemon.parkctl(["--json", "reward", "show", "2"])
        let lines = try JSONDecoder().decode(ShownRun.self, from: Data(json.stdout.utf8)).lines
        #expect(lines.map(\.rule) == ["PLACEMENT"] && lines.map(\.amount) == ["600.00"])
        #expect(try daemon.parkctl(["reward", "show", "2"]).stdout.contains("Run:      2 (adjustment, draft)"))
        #expect(try daemon.parkctl(["reward", "verify", "2"]).status == 0)

        // A newer run of the same period supersedes the draft; the approved run stays as it was.
        #expect(try daemon.parkctl(["reward", "run", "--period", "2021-06"]).stdout == "3\n")
        let listed = try daemon.parkctl(["reward", "list", "--period", "2021-06"]).stdout
        #expect(listed.contains("1  2021-06  regular     approved"), "\(listed)")
        #expect(listed.contains("2  2021-06  adjustment  superseded"), "\(listed)")
        #expect(listed.contains("3  2021-06  adjustment  draft"), "\(listed)")
    }

    @Test("a policy file of nested aliases is refused at its first anchor, and parkd answers the next client at once")
    func aliasBomb() throws {
        let daemon = try RunningDaemon()
        let bomb = daemon.directory + "/bomb.yaml"
        var text = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
        for (level, previous) in zip(["b", "c", "d", "e", "f", "g", "h", "i"], ["a", "b", "c", "d", "e", "f", "g", "h"]) {
            text += "\(level): &\(level) {" + (1...9).map { "? [*\(previous), \($0)]: \($0)" }.joined(separator: ", ") + "}\n"
        }
        try text.write(toFile: bomb, atomically: true, encoding: .utf8)
        let refused = try daemon.parkctl(["policy", "check", bomb])
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("\(bomb):1:4: YAML anchors and aliases are not allowed in parkd's files: '&a' is an anchor"), "\(refused.stderr)")
        let next = try daemon.parkctl(["tenant", "list"])
        #expect(next.status == 0, "\(next.stderr)")
    }

    @Test("policy files are checked with positions, tested and simulated")
    func policyTooling() throws {
        let (daemon, directory) = try park()
        let valid = try daemon.parkctl(["policy", "check", "\(directory)/P2021.yaml"])
        #expect(valid.stdout == "\(directory)/P2021.yaml: policy P2021 is valid (9 rules, in force from 2021-04-16)\n", "\(valid.stderr)")

        let source = try String(contentsOfFile: "\(directory)/P2021.yaml", encoding: .utf8)
        let typo = daemon.directory + "/typo.yaml"
        try source.replacingOccurrences(of: "amount: placements * placement_subsidy", with: "amount: placements * placement_subsidyy")
            .write(toFile: typo, atomically: true, encoding: .utf8)
        let line = source.components(separatedBy: "\n").firstIndex { $0.contains("amount: placements * placement_subsidy") }! + 1
        let refused = try daemon.parkctl(["policy", "check", typo])
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("\(typo):\(line):26: unknown name 'placement_subsidyy'; did you mean 'placement_subsidy'?"), "\(refused.stderr)")
        // Formulas nested or long enough to run a thread off its stack are refused where they are; parkd serves on.
        let deep = daemon.directory + "/deep.yaml"
        for amount in [String(repeating: "(", count: 1000) + "placements * placement_subsidy" + String(repeating: ")", count: 1000),
                       "placements * placement_subsidy" + String(repeating: " + 0 yuan", count: 3000)] {
            try source.replacingOccurrences(of: "amount: placements * placement_subsidy", with: "amount: " + amount)
                .write(toFile: deep, atomically: true, encoding: .utf8)
            let tooDeep = try daemon.parkctl(["policy", "check", deep])
            #expect(tooDeep.status == 65 && tooDeep.stderr.contains("\(deep):\(line):"), "\(tooDeep.stderr)")
            #expect(tooDeep.stderr.contains("at most 1000 are allowed: split it into definitions"), "\(tooDeep.stderr)")
            #expect(try daemon.parkctl(["status"]).status == 0, "parkd serves on")
        }

        let tested = try daemon.parkctl(["policy", "test", "\(Binaries.repository)/Config/policies/tests/reference.yaml"])
        #expect(tested.status == 0, "\(tested.stdout)")
        #expect(tested.stdout.hasSuffix(" passed, 0 failed\n"))

        let draft = daemon.directory + "/draft.yaml"
        try source.replacingOccurrences(of: "      2021-04-16: 200\n", with: "      2021-04-16: 300\n").write(toFile: draft, atomically: true, encoding: .utf8)
        let simulated = try daemon.parkctl(["policy", "simulate", "--draft", draft, "--period", "2021-06", "--tenants"])
        #expect(simulated.status == 0, "\(simulated.stderr)")
        let placement = simulated.stdout.split(separator: "\n").first { $0.hasPrefix("PLACEMENT ") }?.split(separator: " ")
        #expect(placement == ["PLACEMENT", "7,400.00", "11,100.00", "3,700.00", "1"], "\(simulated.stdout)")
        #expect(simulated.stdout.contains("青岛英才人力资源有限公司"), "--tenants lists the tenant whose amount changes")
        let totals = simulated.stdout.split(separator: "\n").first { $0.hasPrefix("total ") }?.split(separator: " ")
        #expect(totals == ["total", "78,900.00", "82,600.00"], "\(simulated.stdout)")
        #expect(try daemon.parkctl(["reward", "list"]).stdout.split(separator: "\n").count == 1, "simulate writes nothing")

        // A draft whose formula moves a date past the year 9999 is an error at the formula, and
        // parkd goes on serving.
        let farOff = daemon.directory + "/far.yaml"
        try source.replacingOccurrences(of: "amount: placements * placement_subsidy", with: "amount: days_between(period_end, add_years(period_end, 999999)) * 1 yuan")
            .write(toFile: farOff, atomically: true, encoding: .utf8)
        let tooFar = try daemon.parkctl(["policy", "simulate", "--draft", draft, "--period", "5000"])
        #expect(tooFar.status == 65 && tooFar.stderr.contains("5000 is after "), "\(tooFar.stderr)")
        let failed = try daemon.parkctl(["policy", "simulate", "--draft", farOff, "--period", "2021-06"])
        #expect(failed.status == 65)
        #expect(failed.stderr.contains("\(farOff):\(line):"), "\(failed.stderr)")
        #expect(failed.stderr.contains("moving 2021-06-30 that far leaves the years 1–9999"), "\(failed.stderr)")
        #expect(try daemon.parkctl(["status"]).status == 0)
    }

    @Test("a policy with an error on reload is refused and the policies in force keep running")
    func badPolicyOnReload() throws {
        let (daemon, directory) = try park()
        let before = try daemon.parkctl(["policy", "list"]).stdout
        let source = try String(contentsOfFile: "\(directory)/P2021.yaml", encoding: .utf8)
        try source.replacingOccurrences(of: "amount: phd_hires * talent_award", with: "amount: phd_hires + talent_award")
            .write(toFile: "\(directory)/P2021.yaml", atomically: true, encoding: .utf8)

        let check = try runCommand(Binaries.parkd, ["--check-config", "--config", daemon.configPath])
        #expect(check.status == 1)
        #expect(check.stderr.contains("P2021.yaml:"), "\(check.stderr)")
        #expect(check.stderr.contains("cannot add a count and money"), "\(check.stderr)")

        daemon.signal(SIGHUP)
        #expect(daemon.notify.wait(for: "policies refused") != nil)
        let after = try daemon.parkctl(["policy", "list"]).stdout
        #expect(after.hasPrefix(before.trimmingCharacters(in: .newlines)), "\(after)")
        #expect(after.contains("last load refused (the policies above stay in force)"))
        #expect(after.contains("cannot add a count and money"))
        #expect(try daemon.parkctl(["reward", "run", "--period", "2021-06"]).stdout == "1\n")

        // Fixed, with a new value: the new version is in force after the next reload.
        try source.replacingOccurrences(of: "      2021-04-16: 30000\n", with: "      2021-04-16: 35000\n")
            .write(toFile: "\(directory)/P2021.yaml", atomically: true, encoding: .utf8)
        daemon.signal(SIGHUP)
        #expect(daemon.notify.wait(for: "configuration reloaded") != nil)
        let reloaded = try daemon.parkctl(["policy", "list"]).stdout
        #expect(!reloaded.contains("refused") && reloaded != before, "\(reloaded)")
        #expect(try daemon.parkctl(["policy", "show", "P2021"]).stdout.contains("35000.00 yuan"))
        let audit = try daemon.parkctl(["audit", "list", "--method", "Policy.Load"]).stdout
        #expect(audit.split(separator: "\n").count == 3, "a load at start and one after the fix: \(audit)")
    }

    @Test("a policy edit that would re-price approved money is refused, at reload and at start; a value dated later is taken; reprice_approved lets an amendment through")
    func approvedMoneyKeepsItsPolicy() throws {
        let (daemon, directory) = try park()
        #expect(try daemon.parkctl(["reward", "run", "--period", "2021-06"]).stdout == "1\n")
        #expect(try daemon.parkctl(["reward", "approve", "1"]).status == 0)
        let source = try String(contentsOfFile: "\(directory)/P2021.yaml", encoding: .utf8)
        let shipped = try daemon.parkctl(["policy", "show", "P2021"]).stdout
        let retroactive = source.replacingOccurrences(of: "      2021-04-16: 30000\n", with: "      2021-04-16: 35000\n")
        #expect(retroactive != source)
        try retroactive.write(toFile: "\(directory)/P2021.yaml", atomically: true, encoding: .utf8)
        daemon.signal(SIGHUP)
        #expect(daemon.notify.wait(for: "policies refused") != nil)
        let refused = try daemon.parkctl(["policy", "list"]).stdout
        #expect(refused.contains("last load refused (the policies above stay in force)"), "\(refused)")
        #expect(refused.contains("P2021 changed (") && refused.contains(
            "re-prices an approved period, 2021-06: tenant 1 (青岛英才人力资源有限公司) TALENT 30000.00 → 35000.00 (in force → files read, on today's data); "
                + "money approved is not changed by editing a policy"),
                "\(refused)")
        #expect(try daemon.parkctl(["policy", "show", "P2021"]).stdout == shipped)
        let unchanged = try daemon.parkctl(["reward", "run", "--period", "2021-06"])
        #expect(unchanged.status == 65 && unchanged.stderr.contains("nothing to adjust"), "\(unchanged.stdout)\(unchanged.stderr)")
        // An edit today's data does not reach is refused too: a correction of a report would
        // later be priced by it. How the file is written (a comment) is no change.
        try source.replacingOccurrences(of: "amount: phd_hires * talent_award", with: "amount: if headcount >= 10000 then 0 yuan else phd_hires * talent_award")
            .write(toFile: "\(directory)/P2021.yaml", atomically: true, encoding: .utf8)
        daemon.signal(SIGHUP)
        #expect(daemon.notify.waitForNext("policies refused") != nil)
        #expect(try daemon.parkctl(["policy", "list"]).stdout.contains(
            "P2021 says otherwise for days through 2021-06-30, which approved periods were computed under"))
        try ("# 说明：补充注释\n" + source).write(toFile: "\(directory)/P2021.yaml", atomically: true, encoding: .utf8)
        daemon.signal(SIGHUP)
        #expect(daemon.notify.waitForNext("configuration reloaded") != nil)
        #expect(!(try daemon.parkctl(["policy", "list"]).stdout.contains("refused")))
        let commented = try daemon.parkctl(["policy", "show", "P2021"]).stdout
        try retroactive.write(toFile: "\(directory)/P2021.yaml", atomically: true, encoding: .utf8)

        // Changed while parkd was stopped: refused at start, the set last recorded in force.
        let restarted = try daemon.restarted()
        #expect(restarted.log.contains("re-prices an approved period, 2021-06: "), "\(restarted.log)")
        let status = try restarted.parkctl(["status"]).stdout
        #expect(status.contains("Last reload:     rejected: policies refused at start (those last recorded stay in force): "), "\(status)")
        #expect(try restarted.parkctl(["policy", "show", "P2021"]).stdout == commented)

        // The new value from a day after the approved periods is taken.
        let dated = source.replacingOccurrences(of: "      2021-04-16: 30000\n", with: "      2021-04-16: 30000\n      2021-07-01: 35000\n")
        try dated.write(toFile: "\(directory)/P2021.yaml", atomically: true, encoding: .utf8)
        restarted.signal(SIGHUP)
        #expect(restarted.notify.wait(for: "configuration reloaded") != nil)
        #expect(try restarted.parkctl(["policy", "show", "P2021"]).stdout.contains("35000.00 yuan"))

        // An amendment the city made retroactive goes in with policies.reprice_approved, logged;
        // the next run of the period adjusts what was approved.
        try ("policies:\n  directory: \(directory)\n  reprice_approved: true\n").write(toFile: restarted.configPath, atomically: true, encoding: .utf8)
        try dated.replacingOccurrences(of: "      2021-04-16: 30000\n", with: "      2021-04-16: 32000\n")
            .write(toFile: "\(directory)/P2021.yaml", atomically: true, encoding: .utf8)
        restarted.signal(SIGHUP)
        #expect(restarted.notify.waitForNext("configuration reloaded") != nil)
        #expect(restarted.log.contains("the policies loaded re-price approved periods (policies.reprice_approved is true)"), "\(restarted.log)")
        #expect(try restarted.parkctl(["status"]).stdout.contains("Policies:        WARNING: policies.reprice_approved is true"), "left on, status says so")
        let adjustment = try restarted.parkctl(["reward", "run", "--period", "2021-06"])
        #expect(adjustment.status == 0, "\(adjustment.stderr)")
        #expect(try restarted.parkctl(["reward", "show", adjustment.stdout.trimmingCharacters(in: .whitespacesAndNewlines)]).stdout.contains("2,000.00"))
    }

    @Test("a draft with a rule the policies put in force since no longer compute is refused as changed, not as a bad parameter")
    func draftOfARuleGone() throws {
        let (daemon, directory) = try park()
        #expect(try daemon.parkctl(["reward", "run", "--period", "2021-06"]).stdout == "1\n")
        let source = try String(contentsOfFile: "\(directory)/P2021.yaml", encoding: .utf8)
        let training = try #require(source.range(of: "  - id: TRAINING\n"))
        let talent = try #require(source.range(of: "  - id: TALENT\n"))
        try (String(source[..<training.lowerBound]) + String(source[talent.lowerBound...]))
            .write(toFile: "\(directory)/P2021.yaml", atomically: true, encoding: .utf8)
        daemon.signal(SIGHUP)
        #expect(daemon.notify.wait(for: "configuration reloaded") != nil)
        let refused = try daemon.parkctl(["--json", "reward", "approve", "1"])
        #expect(refused.status == 65)
        #expect(refused.stderr.hasPrefix(#"{"error":"io.parkd.Reward.RunChanged""#), "\(refused.stderr)")
        #expect(refused.stderr.contains("tenant 1 TRAINING: 1500.00 in the draft, 0.00 now"), "\(refused.stderr)")
    }

    @Test("with no policy file a run is refused, saying where parkd looked; parkd warns at start")
    func noPolicies() throws {
        let daemon = try RunningDaemon()
        let result = try daemon.parkctl(["reward", "run", "--period", "2021-06"])
        #expect(result.status == 65)
        #expect(result.stderr.contains(
            "calculation failed: no policies are in force: the policy directory \(daemon.directory)/policies does not exist; "
                + "put the policy files in that directory (policies.directory, or parkd --policy-dir) and reload parkd"), "\(result.stderr)")
        #expect(daemon.log.contains("no policies in force: reward runs are refused until policy files are loaded"), "\(daemon.log)")
        #expect(try daemon.parkctl(["reward", "list"]).stdout.split(separator: "\n").count <= 1, "nothing was recorded")

        // An empty directory says so; files put there are in force after a reload.
        try FileManager.default.createDirectory(atPath: "\(daemon.directory)/policies", withIntermediateDirectories: true)
        daemon.signal(SIGHUP)
        #expect(daemon.notify.waitForNext("configuration reloaded") != nil)
        #expect(try daemon.parkctl(["reward", "run", "--period", "2021-06"]).stderr.contains(
            "the policy directory \(daemon.directory)/policies holds no *.yaml or *.yml file"))
        try FileManager.default.copyItem(atPath: "\(Binaries.repository)/Config/policies/P2021.yaml", toPath: "\(daemon.directory)/policies/P2021.yaml")
        daemon.signal(SIGHUP)
        #expect(daemon.notify.waitForNext("configuration reloaded") != nil)
        #expect(try daemon.parkctl(["reward", "run", "--period", "2021-06"]).stdout == "1\n")
    }

    @Test("policy files refused at start, with none in force before, make a run say so")
    func refusedAtStart() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("policies-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try "id: BROKEN\nrules: [".write(toFile: "\(directory)/broken.yaml", atomically: true, encoding: .utf8)
        let daemon = try RunningDaemon(arguments: ["--policy-dir", directory])
        let result = try daemon.parkctl(["reward", "run", "--period", "2021-06"])
        #expect(result.status == 65)
        #expect(result.stderr.hasPrefix("parkctl: calculation failed: no policies are in force: the policy files were refused (\(directory)/broken.yaml:"),
                "\(result.stderr)")
        #expect(result.stderr.hasSuffix("); fix them and reload parkd\n"), "\(result.stderr)")
    }

    @Test("parkd --policy-dir overrides policies.directory, at start, on reload and in --check-config")
    func policyDirectoryOption() throws {
        let shipped = "\(Binaries.repository)/Config/policies"
        let daemon = try RunningDaemon(config: "policies:\n  directory: /nonexistent/policies\n", arguments: ["--policy-dir", shipped])
        #expect(try daemon.parkctl(["policy", "list"]).stdout.contains("P2021"))
        daemon.signal(SIGHUP)
        #expect(daemon.notify.waitForNext("configuration reloaded") != nil)
        let list = try daemon.parkctl(["policy", "list"]).stdout
        #expect(list.contains("P2019") && list.contains("P2021") && !list.contains("refused"), "\(list)")
        #expect(!daemon.log.contains("no policies in force"), "\(daemon.log)")
        let check = try runCommand(Binaries.parkd, ["--check-config", "--config", daemon.configPath, "--policy-dir", shipped])
        #expect(check.status == 0)
        #expect(check.stdout.contains("\(shipped): policies P2019, P2021 are valid"), "\(check.stdout)")
    }

    @Test("bad periods and rules are refused by name", arguments: [
        (["--period", "2021-13"], "invalid --period (period): '2021-13' is neither a month (2021-06) nor a year (2021)"),
        (["--period", "2021", "--rule", "RENT"], "invalid --rule (rules): rule RENT is not computed in a run of 2021"),
        (["--period", "2021-06", "--rule", "RENTT"], "invalid --rule (rules): unknown rule 'RENTT'"),
        (["--period", "2030-01"], "invalid --period (period): 2030-01 has not ended (today is "),
        (["--period", "2099"], "invalid --period (period): 2099 has not ended (today is "),
    ])
    func refused(_ arguments: [String], _ message: String) throws {
        let (daemon, _) = try park()
        let result = try daemon.parkctl(["reward", "run"] + arguments)
        #expect(result.status == 65)
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }

    /// Every amount the approved runs of a period hold, tenant and rule, summed.
    func approvedAmounts(_ daemon: RunningDaemon, runs: [Int]) throws -> [String: String] {
        var rows: [String] = []
        for run in runs {
            let exported = try daemon.parkctl(["reward", "export", String(run), "--csv"])
            #expect(exported.status == 0, "\(exported.stderr)")
            rows += exported.stdout.split(separator: "\r\n").dropFirst().map(String.init)
        }
        var amounts: [String: String] = [:]
        for row in rows {
            let fields = row.split(separator: ",").map(String.init)
            let key = "\(fields[2]) \(fields[5]) \(fields[1])"
            #expect(amounts[key] == nil, "\(key) is exported twice: \(rows)")
            amounts[key] = fields[6]
        }
        return amounts
    }

    @Test("a run limited to one rule after the approved full run of its period pays nothing twice")
    func limitedAfterFull() throws {
        let (daemon, _) = try park()
        #expect(try daemon.parkctl(["reward", "run", "--period", "2021-06"]).stdout == "1\n")
        #expect(try daemon.parkctl(["reward", "approve", "1"]).status == 0)
        let limited = try daemon.parkctl(["reward", "run", "--period", "2021-06", "--rule", "TRAINING"])
        #expect(limited.status == 65)
        #expect(limited.stderr == "parkctl: nothing to adjust: the data still gives what was approved for 2021-06 (run 1)\n")
        #expect(try daemon.parkctl(["reward", "list"]).stdout.split(separator: "\n").count == 2)
        #expect(try approvedAmounts(daemon, runs: [1])["1 TRAINING 2021-06"] == "1500.00")
    }

    @Test("the full run after an approved one-rule run of its period holds the other rules only")
    func fullAfterLimited() throws {
        let (daemon, _) = try park()
        #expect(try daemon.parkctl(["reward", "run", "--period", "2021-06", "--rule", "PLACEMENT"]).stdout == "1\n")
        #expect(try daemon.parkctl(["reward", "approve", "1"]).stdout == "run 1 approved: 2021-06, 1 line, total 7,400.00\n")
        #expect(try daemon.parkctl(["reward", "run", "--period", "2021-06"]).stdout == "2\n")
        let shown = try daemon.parkctl(["reward", "show", "2"])
        #expect(shown.stdout.contains("Run:      2 (adjustment, draft)") && shown.stdout.contains("Adjusts:  run 1"), "\(shown.stdout)")
        let approved = try daemon.parkctl(["reward", "approve", "2"])
        #expect(approved.stdout == "run 2 approved: 2021-06, 3 lines, total 71,500.00\n", "\(approved.stderr)")
        #expect(try approvedAmounts(daemon, runs: [1, 2]) == [
            "1 PLACEMENT 2021-06": "7400.00", "1 RENT 2021-06": "40000.00", "1 TRAINING 2021-06": "1500.00", "1 TALENT 2021-06": "30000.00",
        ])
        let verified = try daemon.parkctl(["reward", "verify", "2"])
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
    }

    @Test("a run of a period supersedes its earlier drafts that share a rule with it, which cannot be approved, and only approved runs are exported")
    func outdatedDraft() throws {
        let (daemon, _) = try park()
        #expect(try daemon.parkctl(["reward", "run", "--period", "2021-06", "--rule", "TRAINING"]).stdout == "1\n")
        let draftExport = try daemon.parkctl(["reward", "export", "1", "--csv"])
        #expect(draftExport.status == 65)
        #expect(draftExport.stderr == "parkctl: run 1 is a draft; only an approved run is exported for payment\n")
        #expect(try daemon.parkctl(["reward", "run", "--period", "2021-06"]).stdout == "2\n")
        #expect(try daemon.parkctl(["reward", "list"]).stdout.contains("superseded"))
        #expect(try daemon.parkctl(["reward", "approve", "2"]).status == 0)
        let superseded = try daemon.parkctl(["reward", "approve", "1"])
        #expect(superseded.status == 65)
        #expect(superseded.stderr == "parkctl: run 1 is superseded, not a draft: a later run of its period computed its amounts again; approve that one\n")
        #expect(try approvedAmounts(daemon, runs: [2])["1 TRAINING 2021-06"] == "1500.00")
    }

    @Test("a draft the data has moved away from since it was computed cannot be approved; computed again, it can; a change that moves no amount does not stop it")
    func changedDraft() throws {
        let (daemon, _) = try park()
        #expect(try daemon.parkctl(["reward", "run", "--period", "2021-06"]).stdout == "1\n")
        // A figure no rule of June reads: the draft still holds what the data gives.
        _ = try daemon.parkctl(["report", "add", "--tenant", "1", "--month", "2021-06", "--headcount", "61", "--reason", "typo"])
        #expect(try daemon.parkctl(["reward", "run", "--period", "2021-06"]).stdout == "2\n")
        _ = try daemon.parkctl(["report", "add", "--tenant", "1", "--month", "2021-06", "--placements", "40", "--reason", "three more placed"])
        let refused = try daemon.parkctl(["reward", "approve", "2"])
        #expect(refused.status == 65)
        #expect(refused.stderr == "parkctl: run 2 no longer holds what the data gives for 2021-06: tenant 1 PLACEMENT: 7400.00 in the draft, 8000.00 now; compute it again with `parkctl reward run --period 2021-06`\n", "\(refused.stderr)")
        let json = try daemon.parkctl(["--json", "reward", "approve", "2"]).stderr
        #expect(json.contains(#""error":"io.parkd.Reward.RunChanged""#) && json.contains(#""changes":["tenant 1 PLACEMENT: 7400.00 in the draft, 8000.00 now"]"#), "\(json)")
        #expect(try daemon.parkctl(["reward", "show", "2"]).stdout.contains("draft"), "still a draft")
        #expect(try daemon.parkctl(["reward", "run", "--period", "2021-06"]).stdout == "3\n")
        _ = try daemon.parkctl(["report", "add", "--tenant", "1", "--month", "2021-06", "--headcount", "62", "--reason", "another typo"])
        #expect(try daemon.parkctl(["reward", "approve", "3"]).status == 0)
        #expect(try approvedAmounts(daemon, runs: [3])["1 PLACEMENT 2021-06"] == "8000.00")
    }
}
