import Foundation
import Testing

@Suite("parkctl and parkd: the smaller things a user hit")
struct SmallFixesTests {
    /// A tenant approved on 2021-03-12, office A-1203 (id 1) and incubator seats B-101, B-102 (ids 2, 3).
    func park() throws -> RunningDaemon {
        let daemon = try RunningDaemon()
        try succeed(daemon, [
            ["tenant", "add", "--name", "青岛英才人力资源有限公司", "--credit-code", "91370200163562681G", "--on", "2021-03-01"],
            ["tenant", "transition", "1", "reviewing", "--on", "2021-03-05", "--reason", "材料齐全"],
            ["tenant", "transition", "1", "approved", "--on", "2021-03-12", "--reason", "评审通过"],
            ["unit", "add", "--building", "A", "--floor", "12", "--number", "1203", "--area", "120.50", "--kind", "office", "--rent", "45"],
            ["unit", "add", "--building", "B", "--number", "101", "--area", "6", "--kind", "incubator", "--rent", "0"],
            ["unit", "add", "--building", "B", "--number", "102", "--area", "6", "--kind", "incubator", "--rent", "0"],
        ])
        return daemon
    }

    /// `park()` with lease 1 of A-1203 (2021-03-15 to 2022-03-14, deposit 24,100) and lease 2
    /// from the next day for the 20 years a lease runs at most, and project 1 on both seats.
    func leasedPark() throws -> RunningDaemon {
        let daemon = try park()
        try succeed(daemon, [
            ["lease", "add", "--tenant", "1", "--unit", "1", "--start", "2021-03-15", "--end", "2022-03-14", "--rent", "40", "--deposit", "24100"],
            ["lease", "add", "--tenant", "1", "--unit", "1", "--start", "2022-03-15", "--end", "2042-03-14", "--rent", "42"],
            ["incubator", "add", "--name", "智聘云", "--founder", "李明", "--seat", "2", "--seat", "3", "--on", "2021-03-01"],
        ])
        return daemon
    }

    /// Runs parkctl commands that must succeed.
    func succeed(_ daemon: RunningDaemon, _ commands: [[String]]) throws {
        for arguments in commands {
            let result = try daemon.parkctl(arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
        }
    }

    @Test("a list with nothing in it says so, rather than printing a header alone", arguments: [
        (["tenant", "list"], "no tenants"), (["unit", "list"], "no units"), (["lease", "list"], "no leases"), (["report", "list"], "no reports"),
        (["incubator", "list"], "no projects"), (["event", "list"], "no events"), (["application", "list"], "no applications"),
        (["blocklist", "list"], "no one on the blocklist"), (["review", "session", "list"], "no review sessions"), (["reward", "list"], "no reward runs"),
        (["reward", "notice", "list"], "no notices"), (["payment", "batch", "list"], "no payment batches"), (["bank-account", "list"], "no bank accounts"),
        (["tenant", "key", "list"], "no tenant keys"), (["submission", "list"], "no submissions"), (["audit", "list", "--since", "2030-01-01"], "no audit entries"),
        (["payment", "ledger", "--year", "2019"], "no ledger entries"), (["payment", "published", "--year", "2019"], "nothing was paid in 2019"),
    ])
    func emptyLists(_ arguments: [String], _ message: String) throws {
        let daemon = try RunningDaemon()
        let listed = try daemon.parkctl(arguments)
        #expect(listed.status == 0 && listed.stdout.hasPrefix(message + "\n"), "\(arguments): \(listed.stdout)\(listed.stderr)")
        // Scripts still get the empty list.
        let json = try daemon.parkctl(["--json"] + arguments)
        let reply = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8))
        let lists = (reply as? [Any]).map { [$0] } ?? ((reply as? [String: Any])?.values.compactMap { $0 as? [Any] } ?? [])
        #expect(!lists.isEmpty && lists.allSatisfy(\.isEmpty), "\(arguments): \(json.stdout)")
    }

    @Test("a command missing what it needs shows its own usage, with what it needs as needed", arguments: [
        (["lease", "add", "--tenant", "1", "--start", "2021-01-01", "--end", "2021-12-31", "--rent", "40"], "Missing expected argument '--unit <unit> ...'",
         "Usage: parkctl lease add --tenant <tenant> --unit <unit> ... --start"),
        (["incubator", "add", "--name", "智聘云", "--founder", "李明", "--on", "2021-03-01"], "Missing expected argument '--seat <seat> ...'",
         "Usage: parkctl incubator add"),
        (["tenant", "set", "1"], "Give at least one field to change", "Usage: parkctl tenant set <tenant>"),
        (["unit", "set", "1"], "Give at least one of --floor, --area, --kind, --rent, --from.", "Usage: parkctl unit set <unit>"),
        (["event", "set", "1"], "Give at least one field to change.", "Usage: parkctl event set [<options>] <event>"),
    ])
    func ownUsage(_ arguments: [String], _ error: String, _ usage: String) throws {
        let daemon = try RunningDaemon()
        let refused = try daemon.parkctl(arguments)
        #expect(refused.status == 64 && refused.stderr.contains(error) && refused.stderr.contains(usage), "\(refused.stderr)")
    }

    @Test("a negative number given where a command takes a value is said to have been read as an option, with where it goes; an option's negative value is not", arguments: [
        (["calendar", "add-days", "2021-10-08", "-1"], "Note: '-1' was read as an option: a value that starts with '-' goes after --, as in: parkctl calendar add-days 2021-10-08 -- -1\n"),
        (["tenant", "show", "-1"], "Note: '-1' was read as an option: a value that starts with '-' goes after --, as in: parkctl tenant show -- -1\n"),
        (["unit", "add", "--floor", "-1", "--bogus"], nil),
        (["tenant", "transition", "1", "exiting", "--reason", "moving out", "-5"], nil),
        (["calendar", "add-days", "--json", "2021-10-08", "-1"],
         #""note":"'-1' was read as an option: a value that starts with '-' goes after --, as in: parkctl calendar add-days --json 2021-10-08 -- -1""#),
        (["tenant", "show", "it's", "-1"], nil),
        (["event", "add", "--title", "a b", "-1"], nil),
    ])
    func negativeValues(_ arguments: [String], _ note: String?) throws {
        let daemon = try RunningDaemon()
        let refused = try daemon.parkctl(arguments)
        #expect(refused.status == 64, "\(refused.stderr)")
        if let note, arguments.contains("--json") {
            #expect(refused.stderr.contains(#""message":"Missing expected argument"#) && refused.stderr.contains(note), "\(refused.stderr)")
        } else if let note {
            #expect(refused.stderr.hasPrefix("Error: Missing expected argument") && refused.stderr.hasSuffix(note), "\(refused.stderr)")
        } else {
            #expect(!refused.stderr.contains("Note:"), "\(refused.stderr)")
        }
        // After --, the value reaches parkd, which names what is wrong with it.
        if arguments[0] == "calendar" {
            let given = try daemon.parkctl(["calendar", "add-days", "2021-10-08", "--", "-1"])
            #expect(given.status == 65 && given.stderr == "parkctl: invalid N (days): -1 is not a number of working days; give 0 or more\n", "\(given.stderr)")
        }
    }

    @Test("with --json, before or after the command, a usage error is one JSON object on stderr too; without, plain text", arguments: [
        ["--json", "tenant", "show"], ["tenant", "show", "--json"], ["--json", "tenant", "list", "--no-such-option"],
    ])
    func usageAsJSON(arguments: [String]) throws {
        let result = try runCommand(Binaries.parkctl, ["--socket", "/nonexistent/parkd.sock"] + arguments)
        #expect(result.status == 64, "\(result.stderr)")
        #expect(result.stderr.hasSuffix("}\n") && result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(result.stderr.utf8)) as? [String: Any]
        #expect(object?["error"] as? String == "parkctl.Usage" && object?["exitStatus"] as? Int == 64, "\(result.stderr)")
        let message = try #require(object?["message"] as? String)
        #expect(message.contains("Missing expected argument '<tenant>'") || message.contains("Unknown option '--no-such-option'"), "\(message)")
        let usage = (object?["parameters"] as? [String: Any])?["usage"] as? String
        #expect(usage?.contains("Usage: parkctl tenant") == true, "\(result.stderr)")
        let plain = try runCommand(Binaries.parkctl, ["--socket", "/nonexistent/parkd.sock"] + arguments.filter { $0 != "--json" })
        #expect(plain.status == 64 && plain.stderr.hasPrefix("Error: ") && plain.stderr.contains("Usage: parkctl tenant"), "\(plain.stderr)")
    }

    @Test("review objection resolve and reward resolve take an objection's resolution alike: exactly one of --uphold and --dismiss", arguments: [
        (["review", "objection", "resolve", "1", "--reason", "x"], "Give --uphold or --dismiss."),
        (["reward", "resolve", "1", "--reason", "x"], "Give --uphold or --dismiss."),
        (["review", "objection", "resolve", "1", "--upheld", "--dismiss", "--reason", "x"], "Give one of --uphold and --dismiss, not both."),
        (["reward", "resolve", "1", "--uphold", "--dismissed", "--reason", "x"], "Give one of --uphold and --dismiss, not both."),
    ])
    func resolutionFlags(arguments: [String], message: String) throws {
        let result = try runCommand(Binaries.parkctl, ["--socket", "/nonexistent/parkd.sock"] + arguments)
        #expect(result.status == 64 && result.stderr.hasPrefix("Error: \(message)"), "\(result.stderr)")
    }

    @Test("a list filtered by an id nothing has is 66, naming it, as lease list --tenant is", arguments: [
        (["reward", "objections", "--run", "999"], "no reward run has id 999"),
        (["review", "decision", "list", "--application", "999"], "no application has id 999"),
        (["review", "appeal", "list", "--application", "999"], "no application has id 999"),
    ])
    func unknownFilter(_ arguments: [String], _ message: String) throws {
        let daemon = try RunningDaemon()
        let refused = try daemon.parkctl(arguments)
        #expect(refused.status == 66 && refused.stderr == "parkctl: \(message)\n", "\(refused.status) \(refused.stderr)")
    }

    @Test("a page too large or a cursor no page returned is refused by the one rule of every list, naming the option", arguments: [
        (["tenant", "list", "--after", "x"], "invalid --after (after): 'x' is not a cursor returned by a previous page"),
        (["tenant", "list", "--limit", "1001"], "invalid --limit (limit): 1001 is out of range; give 1 to 1000"),
        (["audit", "list", "--limit", "10001"], "invalid --limit (limit): 10001 is out of range; give 1 to 10000"),
        (["audit", "list", "--before", "0"], "invalid --before (before): 0 is not a cursor returned by a previous page"),
    ])
    func pages(_ arguments: [String], _ message: String) throws {
        let daemon = try RunningDaemon()
        let refused = try daemon.parkctl(arguments)
        #expect(refused.status == 65 && refused.stderr == "parkctl: \(message)\n", "\(refused.status) \(refused.stderr)")
    }

    @Test("a long value a refusal names is cut, in the message, the reply's parameters and the audit trail; a value after an option is taken whatever it starts with")
    func longValuesAndDashes() throws {
        let daemon = try park()
        let long = String(repeating: "x", count: 10_000)
        let cut = String(repeating: "x", count: 40) + "…" + String(repeating: "x", count: 10) + " (10000 characters)"
        let tenant = try daemon.parkctl(["tenant", "show", long])
        #expect(tenant.status == 66 && tenant.stderr == "parkctl: no tenant has id or credit code '\(cut)'\n", "\(tenant.status) \(tenant.stderr.prefix(300))")
        let json = try daemon.parkctl(["--json", "report", "add", "--tenant", long, "--month", "2021-04", "--revenue", "1", "--tax", "0"])
        #expect(json.status == 66 && json.stderr.contains("\"parameters\":{\"tenant\":\"\(cut)\"}") && json.stderr.utf8.count < 1_000, "\(json.stderr.prefix(600))")
        // A value the message quotes is cut the same way, its length inside the quotes.
        let status = try daemon.parkctl(["tenant", "list", "--status", long])
        #expect(status.status == 65 && status.stderr.hasPrefix("parkctl: invalid --status (status): '\(cut)' is not a status"), "\(status.stderr.prefix(300))")
        let timer = try daemon.parkctl(["timer", "show", long])
        #expect(timer.status == 66 && timer.stderr.hasPrefix("parkctl: no timer is named '\(cut)'"), "\(timer.stderr.prefix(300))")
        let trail = try daemon.parkctl(["--json", "audit", "list", "--limit", "1"]).stdout
        // The outcome names the value cut; the parameters as sent are kept as a bounded prefix, as for every refused call.
        #expect(trail.contains("\"outcome\" : \"io.parkd.Tenant.NoSuchTenant (tenant=\(cut))\""), "\(trail.prefix(600))")
        // An option's value is the next word, as getopt takes it: a basement floor, a tenant named -1.
        #expect(try daemon.parkctl(["unit", "add", "--building", "C", "--floor", "-1", "--number", "B1", "--area", "50", "--kind", "office", "--rent", "20"]).status == 0)
        let dashed = try daemon.parkctl(["report", "add", "--tenant", "-1", "--month", "2021-04", "--revenue", "1", "--tax", "0"])
        #expect(dashed.status == 66 && dashed.stderr == "parkctl: no tenant has id or credit code '-1'\n", "\(dashed.status) \(dashed.stderr)")
    }

    @Test("a unit is named by its label wherever by its id: lease add and list, unit set, incubator add")
    func unitLabels() throws {
        let daemon = try park()
        try succeed(daemon, [
            ["lease", "add", "--tenant", "1", "--unit", "A-1203", "--start", "2021-03-15", "--end", "2022-03-14", "--rent", "40"],
            ["incubator", "add", "--name", "智聘云", "--founder", "李明", "--seat", "B-101", "--seat", "3", "--on", "2021-03-01"],
            ["unit", "set", "B-102", "--floor", "1"],
        ])
        #expect(try daemon.parkctl(["lease", "list", "--unit", "A-1203"]).stdout == (try daemon.parkctl(["lease", "list", "--unit", "1"]).stdout))
        #expect(try daemon.parkctl(["lease", "show", "1"]).stdout.contains("A-1203"))
        #expect(try daemon.parkctl(["incubator", "list"]).stdout.contains("B-101,B-102"))
        let unknown = try daemon.parkctl(["lease", "list", "--unit", "Z-9"])
        #expect(unknown.status == 66 && unknown.stderr == "parkctl: no unit has label 'Z-9'\n", "\(unknown.stderr)")
    }

    @Test("unit list orders numbers as people read them: floor 2 before floor 10")
    func unitOrder() throws {
        let daemon = try RunningDaemon()
        for number in ["1008", "260", "16104", "316"] {
            #expect(try daemon.parkctl(["unit", "add", "--building", "A", "--number", number, "--area", "50", "--kind", "office", "--rent", "40"]).status == 0)
        }
        let labels = try daemon.parkctl(["unit", "list"]).stdout.split(separator: "\n").dropFirst().map { $0.split(separator: " ")[1] }
        #expect(labels == ["A-260", "A-316", "A-1008", "A-16104"])
    }

    @Test("output read only in part (| head) ends parkctl by SIGPIPE, as any command-line tool, not by a crash")
    func readerGone() throws {
        let daemon = try RunningDaemon()
        #expect(try daemon.parkctl(["demo", "load"]).status == 0)
        // Both far larger than a pipe holds (64 KiB), so the reader is gone before parkctl is done.
        for arguments in ["--json report list", "report list"] {
            let piped = try runCommand("/bin/bash", ["-c", "\(Binaries.parkctl) \(arguments) | head -c 10 >/dev/null; echo \"${PIPESTATUS[0]}\""],
                                       environment: ["PARKD_SOCKET": daemon.socketPath])
            #expect(piped.stdout == "141\n", "\(arguments): \(piped.stdout) \(piped.stderr.prefix(500))")
            #expect(piped.stderr.isEmpty, "\(arguments): \(piped.stderr.prefix(500))")
        }
        // A full disk under a redirection is said, and exits 74.
        let full = try runCommand("/bin/bash", ["-c", "\(Binaries.parkctl) --json report list > /dev/full"], environment: ["PARKD_SOCKET": daemon.socketPath])
        #expect(full.status == 74 && full.stderr == "parkctl: cannot write the output: No space left on device\n", "\(full.status) \(full.stderr)")
    }

    @Test("a missing file exits 66 (not 1, which means a check failed) naming the file and the reason")
    func missingFile() throws {
        let daemon = try RunningDaemon()
        let missing = daemon.directory + "/nope.csv"
        for arguments in [["report", "import", missing], ["policy", "check", missing], ["policy", "test", missing],
                          ["policy", "simulate", "--draft", missing, "--period", "2021"], ["audit", "verify", "--anchors", missing],
                          ["submit", missing], ["payment", "batch", "import-result", missing]] {
            let result = try daemon.parkctl(arguments)
            #expect(result.status == 66, "\(arguments): \(result.stderr)")
            #expect(result.stderr == "parkctl: cannot read \(missing): No such file or directory\n", "\(arguments)")
        }
        // A file too large for one message is refused by parkctl, naming the call and its size, before it is sent.
        let huge = daemon.directory + "/huge.yaml"
        try String(repeating: "# a comment line of the policy file, repeated\n", count: 30_000).write(toFile: huge, atomically: true, encoding: .utf8)
        let tooLarge = try daemon.parkctl(["policy", "check", huge])
        #expect(tooLarge.status == 65, "\(tooLarge.stderr)")
        #expect(tooLarge.stderr.hasPrefix("parkctl: the call of io.parkd.Policy.Check would be a message of ")
                && tooLarge.stderr.hasSuffix(" bytes, more than the 1048576 parkd reads in one: is a file given too large?\n"), "\(tooLarge.stderr)")
        // A small policy of thousands of mistakes gets a small reply: its first hundred problems and a count of the rest.
        let mistakes = daemon.directory + "/mistakes.yaml"
        try (0..<2_000).map { "k\($0): 1\n" }.joined().write(toFile: mistakes, atomically: true, encoding: .utf8)
        let checked = try daemon.parkctl(["--json", "policy", "check", mistakes])
        #expect(checked.status == 65 && checked.stdout.utf8.count < 64 * 1024, "\(checked.stdout.utf8.count) bytes")
        #expect(checked.stdout.contains(" more problems, not listed: fix these first"), "\(checked.stdout.suffix(400))")
        // A text file holding a NUL byte is refused by parkctl, saying where, before parkd sees it.
        let withNUL = daemon.directory + "/result.csv"
        try Data("batch,line,amount,result,reason\n1,2,3.00,failed,ab\u{0}c\n".utf8).write(to: URL(fileURLWithPath: withNUL))
        for arguments in [["payment", "batch", "import-result", withNUL], ["report", "import", withNUL]] {
            let result = try daemon.parkctl(arguments)
            #expect(result.status == 65 && result.stderr == "parkctl: cannot read \(withNUL): it holds a NUL byte (at byte 51); text files have none\n", "\(arguments): \(result.stderr)")
        }
    }

    @Test("audit list --since takes a day or an RFC 3339 instant, and refuses an offset no clock shows")
    func auditSince() throws {
        let daemon = try park()
        let all = try daemon.parkctl(["audit", "list", "--limit", "1000"]).stdout.split(separator: "\n").count
        #expect(try daemon.parkctl(["audit", "list", "--limit", "1000", "--since", "2000-01-01"]).stdout.split(separator: "\n").count == all)
        #expect(try daemon.parkctl(["audit", "list", "--limit", "1000", "--since", "2000-01-01T00:00:00+08:00"]).stdout.split(separator: "\n").count == all)
        #expect(try daemon.parkctl(["audit", "list", "--since", "2999-01-01T00:00:00.5Z"]).stdout.split(separator: "\n").count <= 1)
        for bad in ["2026-12-04T16:51:38.811+99:99", "2026-12-04T16:51:38+25:00", "2026-12-04T25:51:38Z", "2026-12-04 16:51:38Z"] {
            let refused = try daemon.parkctl(["audit", "list", "--since", bad])
            #expect(refused.status == 65 && refused.stderr.contains("'\(bad)' is neither a date (YYYY-MM-DD) nor an RFC 3339 instant"), "\(bad): \(refused.stderr)")
        }
    }

    @Test("audit list says where older entries go on, with its filters, and --before goes there: every entry is reached, each once")
    func auditPages() throws {
        let daemon = try park()
        let all = try daemon.parkctl(["--json", "audit", "list", "--limit", "1000"]).stdout
        let total = all.components(separatedBy: "\"method\" :").count - 1
        #expect(total >= 3 && !all.contains("\"next\""), "\(all)")
        var seen: [String] = []
        var command = ["audit", "list", "--limit", "2"]
        for _ in 0..<total {
            let page = try daemon.parkctl(command).stdout.split(separator: "\n").map(String.init)
            seen += page.dropFirst().filter { !$0.hasPrefix("more: ") }.map { String($0.split(separator: " ")[0]) }
            guard let more = page.last, more.hasPrefix("more: parkctl ") else { break }
            #expect(more.hasPrefix("more: parkctl audit list --limit 2 --before "), "\(more)")
            command = more.dropFirst("more: parkctl ".count).split(separator: " ").map(String.init)
        }
        #expect(seen.count == total && Set(seen).count == total, "\(seen)")
    }

    @Test("a negative amount reaches the daemon's validation instead of being read as an option")
    func negativeAmounts() throws {
        let daemon = try RunningDaemon()
        let unit = try daemon.parkctl(["unit", "add", "--building", "A", "--number", "101", "--area", "10", "--kind", "office", "--rent", "-5"])
        #expect(unit.status == 65, "\(unit.stderr)")
        #expect(unit.stderr.contains("--rent"), "\(unit.stderr)")
        #expect(!unit.stderr.contains("Unknown option"), "\(unit.stderr)")
    }

    @Test("stats refuses a year or day not written with four digits, naming the option", arguments: [
        ["stats", "--year", "21"], ["stats", "--from", "21-01-01", "--to", "2021-12-31"], ["stats", "--to", "0021-12-31"],
    ])
    func shortYears(arguments: [String]) throws {
        let daemon = try RunningDaemon()
        let result = try daemon.parkctl(arguments)
        #expect(result.status == 65, "a bad value, as parkd refuses one: \(result.stderr)")
        #expect(result.stderr.contains("invalid \(arguments[1])"), "\(result.stderr)")
        #expect(result.stderr.contains("four-digit") || result.stderr.contains("four digits"), "\(result.stderr)")
    }

    @Test("options that would be passed over are refused: --since-opening with --from, --json with another format, in every command", arguments: [
        (["stats", "--since-opening", "--from", "2021-06-01", "--to", "2021-12-31"], "Give --since-opening or --from, not both"),
        (["--json", "stats", "--csv"], "Give --json or --csv, not both"),
        (["--json", "payment", "published", "--year", "2021", "--html"], "Give --json or --html, not both"),
        (["--json", "reward", "notice", "show", "1", "--csv"], "Give --json or --csv, not both"),
        (["--json", "review", "notice", "show", "1", "--csv"], "Give --json or --csv, not both"),
        (["--json", "reward", "export", "1", "--csv"], "Give --json or --csv, not both"),
        (["event", "export", "--ics", "--json"], "Give --json or --ics, not both"),
    ])
    func statsConflicts(arguments: [String], message: String) throws {
        let result = try runCommand(Binaries.parkctl, ["--socket", "/nonexistent/parkd.sock"] + arguments)
        #expect(result.status == 64, "\(result.stderr)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }

    @Test("an invalid field is named by the option or argument of the command that sent it, and nothing changes", arguments: [
        (["lease", "add", "--tenant", "1", "--unit", "1", "--start", "2021-03-01", "--end", "2022-03-14", "--rent", "40"],
         "invalid --start (start): 2021-03-01 is before 2021-03-12, when the tenant became approved"),
        (["tenant", "transition", "1", "nonsense", "--reason", "x"],
         "invalid STATUS (to): 'nonsense' is not a status; use one of applicant, reviewing, approved, rejected, active, exiting, exited"),
        (["tenant", "set", "1", "--add-tag", "BAD"],
         "invalid --add-tag (addTags): 'BAD' is not a tag: use 1 to 40 lower-case letters, digits and hyphens, not starting with a hyphen"),
        (["tenant", "set", "1", "--remove-tag", "headquater"],
         "invalid --remove-tag (removeTags): the firm has no tag 'headquater'; its tags are none"),
        (["tenant", "set", "1", "--name", "\u{200B}"], "invalid --name (name): must not be empty: its characters show nothing (U+200B first)"),
        (["tenant", "set", "1", "--name", "青岛\u{200F}英才"],
         "invalid --name (name): contains a bidirectional control character, U+200F, which would show the text otherwise than it is stored"),
        (["submission", "list", "--type", "bogus"],
         "invalid --type (type): 'bogus' is not a submission type; use one of monthly-report, report-correction, objection, event-registration, event-cancellation, application"),
    ])
    func optionOfTheCommand(arguments: [String], message: String) throws {
        let daemon = try park()
        let result = try daemon.parkctl(arguments)
        #expect(result.status == 65)
        #expect(result.stderr == "parkctl: \(message)\n")
        #expect(try daemon.parkctl(["lease", "list"]).stdout.split(separator: "\n").count <= 1, "no lease signed")
        let tenant = try daemon.parkctl(["tenant", "show", "1"]).stdout
        #expect(tenant.contains("Status:             approved since 2021-03-12"), "\(tenant)")
        #expect(tenant.contains("Tags:               -"), "\(tenant)")
    }

    @Test("a day recorded with a digit of its year missing is refused, naming the option, and nothing changes", arguments: [
        (["lease", "add", "--tenant", "1", "--unit", "1", "--start", "0021-03-15", "--end", "2022-03-14", "--rent", "40"], "--start (start): '0021-03-15'"),
        (["tenant", "add", "--name", "青岛博远人力资源有限公司", "--credit-code", "91370200MA3C1234XQ", "--on", "0202-01-04"], "--on (appliedOn): '0202-01-04'"),
        (["tenant", "transition", "1", "active", "--on", "0021-04-01", "--reason", "x"], "--on (on): '0021-04-01'"),
        (["report", "add", "--tenant", "1", "--month", "0021-03", "--revenue", "100", "--tax", "0"], "--month (month): '0021-03'"),
        (["incubator", "add", "--name", "智聘云", "--founder", "李明", "--seat", "2", "--on", "0021-03-01"], "--on (enteredOn): '0021-03-01'"),
        (["event", "add", "--kind", "forum", "--title", "论坛", "--start", "0021-03-01T10:00", "--end", "0021-03-01T12:00", "--capacity", "10"], "--start (start): '0021-03-01T10:00'"),
    ])
    func yearsBefore1900(arguments: [String], named: String) throws {
        let daemon = try park()
        let before = try daemon.parkctl(["audit", "list", "--json"]).stdout
        let result = try daemon.parkctl(arguments)
        #expect(result.status == 65)
        #expect(result.stderr == "parkctl: invalid \(named) is before 1900, and parkd records no earlier day (is a digit of the year missing?)\n")
        let tenants = try daemon.parkctl(["tenant", "list"]).stdout
        #expect(tenants.split(separator: "\n").count == 2, "\(tenants)")
        #expect(try daemon.parkctl(["tenant", "show", "1"]).stdout.contains("Status:             approved since 2021-03-12"))
        #expect(try daemon.parkctl(["lease", "list"]).stdout.hasPrefix("no leases\n"))
        #expect(try daemon.parkctl(["incubator", "list"]).stdout.hasPrefix("no projects\n"))
        #expect(try daemon.parkctl(["report", "list"]).stdout.hasPrefix("no reports\n"))
        #expect(try daemon.parkctl(["event", "list"]).stdout.hasPrefix("no events\n"))
        let after = try daemon.parkctl(["audit", "list", "--json"]).stdout
        #expect(after != before && after.contains("InvalidField"), "refused, and audited as such")
    }

    @Test("an amount beyond its field's bound is refused as too large, naming the bound, however many digits it has", arguments: [
        (["report", "add", "--tenant", "1", "--month", "2021-03", "--revenue", "99999999999999999999", "--tax", "0"],
         "invalid --revenue (revenue): 99999999999999999999 is too large: at most 100000000000.00 yuan a month"),
        (["report", "add", "--tenant", "1", "--month", "2021-03", "--revenue", "100", "--tax", "99999999999999999999"],
         "invalid --tax (tax): 99999999999999999999 is too large: at most 100000000000.00 yuan a month"),
        (["report", "add", "--tenant", "1", "--month", "2021-03", "--revenue", "100000000000.01", "--tax", "0"],
         "invalid --revenue (revenue): 100000000000.01 is too large: at most 100000000000.00 yuan a month"),
        (["lease", "add", "--tenant", "1", "--unit", "1", "--start", "2021-03-15", "--end", "2022-03-14", "--rent", "99999999999999999999"],
         "invalid --rent (rent): 99999999999999999999 is too large: at most 100000.00 yuan per m² per month"),
        (["lease", "add", "--tenant", "1", "--unit", "1", "--start", "2021-03-15", "--end", "2022-03-14", "--rent", "40", "--deposit", "99999999999999999999"],
         "invalid --deposit (deposit): 99999999999999999999 is too large: at most 9999999999999.99 yuan"),
        (["unit", "add", "--building", "C", "--number", "1", "--area", "10", "--kind", "office", "--rent", "99999999999999999999"],
         "invalid --rent (listRent): 99999999999999999999 is too large: at most 100000.00 yuan per m² per month"),
    ])
    func oversizedAmounts(arguments: [String], message: String) throws {
        let daemon = try park()
        let result = try daemon.parkctl(arguments)
        #expect(result.status == 65)
        #expect(result.stderr == "parkctl: \(message)\n")
        #expect(try daemon.parkctl(["audit", "list", "--limit", "1"]).stdout.contains("InvalidField"), "refused, and audited as such")
    }

    @Test("a report file with an oversized amount names the line, the column and the bound")
    func oversizedAmountInFile() throws {
        let daemon = try leasedPark()
        let file = daemon.directory + "/reports.csv"
        try "tenant,month,revenue,tax,employersServed,workersDispatched,workersOutsourced,jobSeekersServed,placements,trainingSessions,trainingAttendees,phdHires,headcount\n1,2021-04,99999999999999999999,0,0,0,0,0,0,0,0,0,1\n"
            .write(toFile: file, atomically: true, encoding: .utf8)
        let result = try daemon.parkctl(["report", "import", file])
        #expect(result.status == 65)
        #expect(result.stderr.contains("line 2, revenue: 99999999999999999999 is too large: at most 100000000000.00 yuan a month"), "\(result.stderr)")
    }

    @Test("unit show takes the id or the label, and says who holds the unit today and who held it last")
    func unitShow() throws {
        let daemon = try leasedPark()
        let byLabel = try daemon.parkctl(["unit", "show", "A-1203"])
        #expect(byLabel.status == 0, "\(byLabel.stderr)")
        #expect(byLabel.stdout == """
            ID  UNIT    FLOOR  AREA M²  KIND    LIST RENT
             1  A-1203  12      120.50  office      45.00

            In the park:  from 2021-03-15
            Held by:      lease 2 of tenant 1 青岛英才人力资源有限公司 from 2022-03-15 to 2042-03-14
            Last held by: lease 1 of tenant 1 青岛英才人力资源有限公司 from 2021-03-15 to 2022-03-14

            """)
        #expect(try daemon.parkctl(["unit", "show", "1"]).stdout == byLabel.stdout)
        let seat = try daemon.parkctl(["unit", "show", "B-101"]).stdout
        #expect(seat.hasSuffix("Held by:      project 1 (智聘云) from 2021-03-01\nLast held by: -\n"), "\(seat)")
        _ = try daemon.parkctl(["unit", "add", "--building", "C", "--number", "1", "--area", "10", "--kind", "office", "--rent", "40"])
        #expect(try daemon.parkctl(["unit", "show", "C-1"]).stdout.hasSuffix("Held by:      -\nLast held by: -\n"))
        let missing = try daemon.parkctl(["unit", "show", "Z-9"])
        #expect(missing.status == 66)
        #expect(missing.stderr == "parkctl: no unit has label 'Z-9'\n")
        // Leased from 2021-03-15, it is in the park from that day at the latest; earlier is taken.
        let later = try daemon.parkctl(["unit", "set", "A-1203", "--from", "2022-01-01"])
        #expect(later.status == 65 && later.stderr == "parkctl: invalid --from (availableFrom): unit A-1203 is held by lease 1 of tenant 1 "
            + "from 2021-03-15 to 2022-03-14; it is in the park from 2021-03-15 at the latest\n", "\(later.stderr)")
        #expect(try daemon.parkctl(["unit", "set", "A-1203", "--from", "2020-06-01"]).status == 0)
        #expect(try daemon.parkctl(["unit", "show", "A-1203"]).stdout.contains("In the park:  from 2020-06-01\n"))

        let json = try daemon.parkctl(["--json", "unit", "show", "A-1203"])
        let unit = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let holders = try #require(unit["heldBy"] as? [[String: Any]])
        #expect(holders.count == 1)
        #expect(holders.first?["kind"] as? String == "lease" && holders.first?["id"] as? Int == 2 && holders.first?["tenant"] as? Int == 1)
        #expect((unit["lastHolder"] as? [String: Any])?["to"] as? String == "2022-03-14")
        // Lists carry no holders: only Get says who holds a unit.
        #expect(!(try daemon.parkctl(["--json", "unit", "list"]).stdout.contains("heldBy")))
    }

    @Test("incubator list names the seats by label")
    func seatLabels() throws {
        let daemon = try leasedPark()
        let list = try daemon.parkctl(["incubator", "list"])
        #expect(list.stdout.hasPrefix("""
            ID  PROJECT  FOUNDER  UNIVERSITY  PHD  SEATS        ENTERED     GRADUATED
             1  智聘云   李明     -             0  B-101,B-102  2021-03-01  -

            """), "\(list.stdout)")
        let json = try daemon.parkctl(["--json", "incubator", "list"]).stdout
        #expect(json.contains("\"seatLabels\" : [\n        \"B-101\",\n        \"B-102\"\n      ]"), "\(json)")
        // The occupancy line the table ends with is in the JSON too.
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let occupancy = try #require(object["occupancy"] as? [String: Any], "\(json)")
        #expect(occupancy["occupied"] as? Int == 2 && (object["projects"] as? [Any])?.count == 1, "\(json)")
    }

    @Test("with --json a failure is one JSON object on stderr, keys sorted, the exit status unchanged")
    func jsonErrors() throws {
        let daemon = try leasedPark()
        func object(_ result: CommandResult) throws -> [String: Any] {
            #expect(result.stdout.isEmpty)
            #expect(result.stderr.hasSuffix("}\n") && result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
            return try #require(try JSONSerialization.jsonObject(with: Data(result.stderr.utf8)) as? [String: Any])
        }
        let conflict = try daemon.parkctl(["--json", "lease", "add", "--tenant", "1", "--unit", "1", "--start", "2022-01-01", "--end", "2022-06-30", "--rent", "40"])
        #expect(conflict.status == 65)
        #expect(conflict.stderr.hasPrefix(#"{"error":"io.parkd.Lease.LeaseConflict","exitStatus":65,"message":"unit A-1203 is held by lease 1 from 2021-03-15 to 2022-03-14","parameters":{"#), "\(conflict.stderr)")
        let parameters = try #require(try object(conflict)["parameters"] as? [String: Any])
        #expect(parameters["lease"] as? Int == 1 && parameters["unit"] as? String == "A-1203")

        let field = try object(try daemon.parkctl(["tenant", "transition", "1", "nonsense", "--reason", "x", "--json"]))
        #expect(field["error"] as? String == "io.parkd.Service.InvalidField")
        #expect((field["message"] as? String)?.hasPrefix("invalid STATUS (to): 'nonsense' is not a status") == true)
        #expect((field["parameters"] as? [String: Any])?["field"] as? String == "to")
        #expect(field["exitStatus"] as? Int == 65)

        let missing = daemon.directory + "/nope.csv"
        let file = try daemon.parkctl(["--json", "report", "import", missing])
        #expect(file.status == 66)
        #expect(file.stderr == #"{"error":"parkctl.CannotRead","exitStatus":66,"message":"cannot read \#(missing): No such file or directory","parameters":{"file":"\#(missing)","reason":"No such file or directory"}}"# + "\n")

        let unreachable = try runCommand(Binaries.parkctl, ["--json", "--socket", daemon.directory + "/none.sock", "status"])
        #expect(unreachable.status == 69)
        #expect(try object(unreachable)["error"] as? String == "parkctl.Unreachable")

        // Without --json: the sentence, as before.
        let plain = try daemon.parkctl(["report", "import", missing])
        #expect(plain.stderr == "parkctl: cannot read \(missing): No such file or directory\n")
    }

    @Test("audit list refuses a method the trail never records, and takes a known one with or without io.parkd.")
    func auditMethod() throws {
        let daemon = try park()
        let unknown = try daemon.parkctl(["audit", "list", "--method", "Nope.Thing"])
        #expect(unknown.status == 65)
        #expect(unknown.stdout.isEmpty)
        #expect(unknown.stderr == "parkctl: invalid --method (method): 'Nope.Thing' is not a method the audit trail records; it records the methods that change the park, such as Tenant.Create (or io.parkd.Tenant.Create)\n")
        for method in ["Tenant.Create", "io.parkd.Tenant.Create"] {
            let lines = try daemon.parkctl(["audit", "list", "--method", method]).stdout.split(separator: "\n")
            #expect(lines.count == 2 && lines[1].contains("Tenant.Create  ok"), "\(method): \(lines)")
        }
    }

    @Test("amounts in tables and fields for people are grouped by thousands; JSON and CSV are not")
    func grouping() throws {
        let daemon = try leasedPark()
        let report = try daemon.parkctl(["report", "add", "--tenant", "1", "--month", "2021-03", "--revenue", "1250000.5", "--tax", "45000", "--workers-outsourced", "12345"])
        #expect(report.status == 0, "\(report.stderr)")
        let list = try daemon.parkctl(["report", "list"]).stdout
        #expect(list.contains("  1,250,000.50  45,000.00  ") && list.contains("  12,345  "), "\(list)")
        #expect(try daemon.parkctl(["--json", "report", "list"]).stdout.contains("\"revenue\" : \"1250000.50\""))
        #expect(try daemon.parkctl(["lease", "show", "1"]).stdout.contains("\nDeposit:     24,100.00\n"))
        #expect(try daemon.parkctl(["lease", "rent", "1", "--month", "2021-04"]).stdout == "2021-04: 4,820.00 yuan (30 of 30 days)\n")
        let stats = try daemon.parkctl(["stats", "--year", "2021"]).stdout
        #expect(stats.contains("Revenue (yuan):        1,250,000.50\nTax (yuan):            45,000.00\n"), "\(stats)")
        #expect(stats.contains("Workers outsourced:    12,345\n"), "\(stats)")
        let csv = try daemon.parkctl(["stats", "--year", "2021", "--csv"]).stdout.components(separatedBy: "\r\n")
        #expect(csv.contains("revenue,1250000.50") && csv.contains("workersOutsourced,12345"), "\(csv)")
    }

    @Test("make install puts parkctl's page in man1 and parkd's in man8; uninstall removes both")
    func manPages() throws {
        let destination = FileManager.default.temporaryDirectory.appendingPathComponent("parkd-man-\(UUID().uuidString.prefix(8))").path
        let pages = destination + "-pages"
        defer {
            try? FileManager.default.removeItem(atPath: destination)
            try? FileManager.default.removeItem(atPath: pages)
        }
        try FileManager.default.createDirectory(atPath: pages, withIntermediateDirectories: true)
        try ".Dt PARKCTL 1\n".write(toFile: pages + "/parkctl.1", atomically: true, encoding: .utf8)
        try ".Dt PARKD 8\n".write(toFile: pages + "/parkd.8", atomically: true, encoding: .utf8)
        let install = InstallTests()
        let installed = try install.make("install-files", destination, ["PREFIX=/opt/park", "MANPAGES=\(pages)"])
        #expect(installed.status == 0, "\(installed.stderr)")
        let man = destination + "/opt/park/share/man"
        #expect(FileManager.default.fileExists(atPath: man + "/man1/parkctl.1"))
        #expect(FileManager.default.fileExists(atPath: man + "/man8/parkd.8"))
        #expect(!FileManager.default.fileExists(atPath: man + "/man1/parkd.1"))
        #expect(try install.make("uninstall", destination, ["PREFIX=/opt/park"]).status == 0)
        #expect(!FileManager.default.fileExists(atPath: man + "/man1/parkctl.1"))
        #expect(!FileManager.default.fileExists(atPath: man + "/man8/parkd.8"))
        // The recipe that makes the pages asks the plugin for section 8 and mends parkd's synopsis.
        let makefile = try String(contentsOfFile: InstallTests.repository + "/Makefile", encoding: .utf8)
        #expect(makefile.contains("generate-manual --section 8"))
    }

    @Test("groups that do not exist are reported once, saying what that means, with the groups as a field")
    func missingGroups() throws {
        let daemon = try RunningDaemon(
            config: "access:\n  admin_group: parkd-e2e-nope-admin\n  auditor_group: parkd-e2e-nope-auditor\n  reviewer_group: parkd-e2e-nope-reviewer\n")
        // (The uploader group, another setting's, has a warning of its own: SubmissionSpoolTests.)
        let warnings = daemon.log.split(separator: "\n").filter { $0.contains("group") && !$0.contains("intake.uploader_group") }
        #expect(warnings == [
            #"WARNING groups parkd-e2e-nope-admin, parkd-e2e-nope-auditor, parkd-e2e-nope-reviewer do not exist: only root (uid 0) may change or read the park, and no one may sit on a review panel; create them, or name existing groups in access.admin_group, access.auditor_group and access.reviewer_group group=parkd-e2e-nope-admin,parkd-e2e-nope-auditor,parkd-e2e-nope-reviewer"#,
        ], "\(daemon.log)")
    }

    @Test("in the journal, the missing groups are one entry with its MESSAGE_ID and a GROUP field per group")
    func missingGroupsInTheJournal() throws {
        let missing = try SystemdTests.journalEntries("config").filter {
            $0["MESSAGE_ID"] == "d82f254014714b7b9a4845ca751146af" && $0["GROUP"] != "parkd-intake"
        }
        // The harness runs parkd on the default groups; a machine may have created them.
        let absent = ["parkd-admin", "parkd-auditor", "parkd-reviewer"].filter { (name: String) in getgrnam(name) == nil }
        #expect(missing.count == (absent.isEmpty ? 0 : 1), "\(missing)")
        if let entry = missing.first {
            #expect(entry["GROUP"] == absent.joined(separator: "\n"))
            #expect(entry["PRIORITY"] == "4")
            #expect(entry["MESSAGE"]?.contains(absent.contains("parkd-admin") ? "only root (uid 0) may change" : "no one may sit on a review panel") == true, "\(entry)")
        }
    }
}
