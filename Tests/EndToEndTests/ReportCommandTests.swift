import Foundation
import ParkCore
import Testing

@Suite("parkctl report against a real parkd")
struct ReportCommandTests {
    /// A tenant active from 2021-03-15 (its first lease).
    func park() throws -> RunningDaemon {
        let daemon = try RunningDaemon()
        _ = try daemon.parkctl(["tenant", "add", "--name", "青岛英才人力资源有限公司", "--credit-code", "91370200163562681G", "--on", "2021-01-04"])
        _ = try daemon.parkctl(["tenant", "transition", "1", "reviewing", "--on", "2021-01-10", "--reason", "a"])
        _ = try daemon.parkctl(["tenant", "transition", "1", "approved", "--on", "2021-01-20", "--reason", "b"])
        _ = try daemon.parkctl(["unit", "add", "--building", "A", "--number", "1", "--area", "100", "--kind", "office", "--rent", "40"])
        _ = try daemon.parkctl(["lease", "add", "--tenant", "1", "--unit", "1", "--start", "2021-03-15", "--end", "2022-03-14", "--rent", "40"])
        return daemon
    }

    @Test("a report is recorded, corrected with a reason, and both versions are shown")
    func corrections() throws {
        let daemon = try park()
        let first = try daemon.parkctl(["report", "add", "--tenant", "1", "--month", "2021-03", "--revenue", "1250000.50", "--tax", "45000",
                                        "--employers-served", "12", "--workers-dispatched", "340", "--placements", "25", "--headcount", "48"])
        #expect(first.stdout == "report 2021-03 of tenant 1 recorded (version 1)\n", "\(first.stderr)")
        let unexplained = try daemon.parkctl(["report", "add", "--tenant", "1", "--month", "2021-03", "--revenue", "1300000", "--tax", "45000"])
        #expect(unexplained.status == 65)
        #expect(unexplained.stderr == "parkctl: invalid --reason (reason): the report for 2021-03 exists; a correction needs a reason\n")
        let blank = try daemon.parkctl(["report", "add", "--tenant", "1", "--month", "2021-03", "--revenue", "1", "--reason", "  "])
        #expect(blank.stderr == "parkctl: invalid --reason (reason): the report for 2021-03 exists; a correction needs a reason, and a blank one is none\n", "\(blank.stderr)")
        // For a script, the whole reply: the report as corrected, and what the correction changed.
        let corrected = try daemon.parkctl(["--json", "report", "add", "--tenant", "1", "--month", "2021-03", "--revenue", "1300000", "--tax", "45000",
                                            "--reason", "revenue misreported"])
        let reply = try #require(try JSONSerialization.jsonObject(with: Data(corrected.stdout.utf8)) as? [String: Any], "\(corrected.stdout)")
        #expect((reply["report"] as? [String: Any])?["version"] as? Int == 2 && (reply["changes"] as? [String])?.first?.hasPrefix("revenue ") == true,
                "\(corrected.stdout)")
        let history = try daemon.parkctl(["report", "history", "--tenant", "91370200163562681G", "--month", "2021-03"])
        let lines = history.stdout.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[0].contains("PLACED  SESSIONS  TRAINED  PHD  STAFF"), "every figure has its column: \(lines[0])")
        #expect(lines[1].contains("1,250,000.50") && lines[1].contains("  1  root"))
        #expect(lines[2].contains("1,300,000.00") && lines[2].hasSuffix("revenue misreported"))
        let json = try daemon.parkctl(["--json", "report", "show", "--tenant", "1", "--month", "2021-03"])
        #expect(json.stdout.contains("\"revenue\" : \"1300000.00\""))
        #expect(json.stdout.contains("\"version\" : 2"))
        #expect(try daemon.parkctl(["report", "show", "--tenant", "1", "--month", "2021-04"]).status == 66)
        // The same refusal as history and withdraw give, for scripts: parkd's error, the tenant's id.
        let scripted = try daemon.parkctl(["--json", "report", "show", "--tenant", "91370200163562681G", "--month", "2021-04"])
        #expect(scripted.status == 66 && scripted.stderr.contains(#""error":"io.parkd.Report.NoSuchReport""#)
            && scripted.stderr.contains(#""parameters":{"month":"2021-04","tenant":1}"#), "\(scripted.stderr)")
        // A month never reported is not found, for its history as for its report in force.
        let none = try daemon.parkctl(["report", "history", "--tenant", "1", "--month", "2021-04"])
        #expect(none.status == 66 && none.stdout.isEmpty && none.stderr == "parkctl: tenant 1 has no report for 2021-04\n", "\(none)")
    }

    @Test("a correction changes only the figures given, says what changed, and is refused when it changes nothing")
    func correctionsWithoutRetyping() throws {
        let daemon = try park()
        _ = try daemon.parkctl(["report", "add", "--tenant", "1", "--month", "2021-03", "--revenue", "1250000.50", "--tax", "45000",
                                "--workers-dispatched", "340", "--placements", "26", "--headcount", "48"])
        let corrected = try daemon.parkctl(["report", "add", "--tenant", "1", "--month", "2021-03", "--placements", "29",
                                            "--headcount", "48", "--reason", "three placements were reported late"])
        #expect(corrected.stdout == "report 2021-03 of tenant 1 recorded (version 2): placements 26 → 29\n", "\(corrected.stderr)")
        let json = try daemon.parkctl(["--json", "report", "show", "--tenant", "1", "--month", "2021-03"]).stdout
        for kept in ["\"revenue\" : \"1250000.50\"", "\"workersDispatched\" : 340", "\"placements\" : 29", "\"headcount\" : 48"] {
            #expect(json.contains(kept), "\(kept) in \(json)")
        }
        let unchanged = try daemon.parkctl(["report", "add", "--tenant", "1", "--month", "2021-03", "--placements", "29", "--reason", "again"])
        #expect(unchanged.status == 65)
        #expect(unchanged.stderr == "parkctl: invalid figures: the correction changes nothing: every figure given is already in force\n")
        let belowTax = try daemon.parkctl(["report", "add", "--tenant", "1", "--month", "2021-03", "--revenue", "100", "--reason", "typo"])
        #expect(belowTax.stderr == "parkctl: invalid --revenue (revenue): 100.00 is less than the tax in force, 45000.00\n", "named by the option given")
        let empty = try daemon.parkctl(["report", "add", "--tenant", "1", "--month", "2021-03", "--reason", "nothing"])
        #expect(empty.status == 65)
        #expect(empty.stderr.contains("a correction gives at least one figure"))
        let first = try daemon.parkctl(["report", "add", "--tenant", "1", "--month", "2021-04", "--placements", "3"])
        #expect(first.status == 65)
        #expect(first.stderr == "parkctl: invalid --revenue (revenue): a first report of a month needs the revenue; also tax: a first report of a month needs the tax paid\n")
    }

    @Test("bad reports are refused per field and change nothing", arguments: [
        (["--month", "2021-02"], "invalid --month (month): tenant 1 was not in the park in 2021-02; it was in the park from 2021-03-15 to now"),
        (["--month", "2021-04", "--tax", "2000"], "invalid --tax (tax): 2000.00 is more than the revenue, 1000.00"),
        (["--month", "2021-04", "--tax", "5", "--tax", "50"], "--tax is given twice; it takes one value: give it once"),
        (["--month", "2021-04", "--headcount=-3"], "invalid --headcount (headcount): -3 must not be negative"),
        // A negative count typed as people type it reaches parkd and is refused for what it is.
        (["--month", "2021-04", "--placements", "-1"], "invalid --placements (placements): -1 must not be negative"),
        (["--month", "2021-04", "--revenue", "12.345"], "invalid --revenue (revenue): '12.345' is not an amount"),
        (["--month", "2099-01"], "invalid --month (month): 2099-01 has not ended (today is "),
    ])
    func refused(_ options: [String], _ message: String) throws {
        let daemon = try park()
        // The revenue and tax of a first report, unless the case gives its own (an option is given once).
        var arguments = ["report", "add", "--tenant", "1"]
        for (option, value) in [("--revenue", "1000"), ("--tax", "10")] where !options.contains(option) { arguments += [option, value] }
        arguments += options
        let result = try daemon.parkctl(arguments)
        #expect(result.status == (message.hasPrefix("invalid") ? 65 : 64))
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(try daemon.parkctl(["report", "list"]).stdout.split(separator: "\n").count == 1)
    }

    static let header = "month,tenant,revenue,tax,employersServed,workersDispatched,workersOutsourced,jobSeekersServed,placements,trainingSessions,trainingAttendees,phdHires,headcount\n"

    func write(_ text: String, in daemon: RunningDaemon) throws -> String {
        let path = daemon.directory + "/reports-\(UUID().uuidString.prefix(6)).csv"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("a CSV import is all or nothing and names every bad row and column")
    func csvImport() throws {
        let daemon = try park()
        let bad = try write(Self.header
            + "2021-05,1,100,200,1,1,1,1,1,1,1,0,1\n"
            + "2021-02,1,100,1,1,1,1,1,1,1,1,0,1\n"
            + "2021-06,1,100,1,x,1,1,1,1,1,1,0,1\n"
            + "2021-07,7,100,1,1,1,1,1,1,1,1,0,1\n", in: daemon)
        let refused = try daemon.parkctl(["report", "import", bad])
        #expect(refused.status == 65)
        #expect(refused.stderr == """
            parkctl: the file was refused, nothing was imported (4 problems):
              line 2, tax: 200.00 is more than the revenue, 100.00
              line 3, month: tenant 1 was not in the park in 2021-02
              line 4, employersServed: 'x' is not a whole number
              line 5, tenant: no tenant has id or credit code '7'

            """)
        #expect(try daemon.parkctl(["report", "list"]).stdout.split(separator: "\n").count == 1)

        // A large file travels in parts (each message is at most 1 MiB) and lands in one go.
        var text = Self.header
        for month in 3...12 {
            text += "2021-\(month < 10 ? "0" : "")\(month),91370200163562681G,\"1250000.50\",45000,12,340,0,80,25,2,60,0,48\n"
        }
        text += String(repeating: "\n", count: 1_200_000)  // blank lines are skipped, and push the file past 1 MiB
        let good = try write(text, in: daemon)
        let imported = try daemon.parkctl(["report", "import", good])
        #expect(imported.stdout == "imported 10 reports (0 corrections)\n", "\(imported.stderr)")
        // Sent again (say its reply was lost), every row is a correction that changes nothing.
        let again = try daemon.parkctl(["report", "import", good, "--reason", "re-sent"])
        #expect(again.status == 65)
        #expect(again.stderr.hasPrefix("parkctl: the file was refused, nothing was imported (10 problems):\n"
            + "  line 2, figures: the correction changes nothing: every figure given is already in force\n"), "\(again.stderr)")
        let history = try daemon.parkctl(["report", "history", "--tenant", "1", "--month", "2021-07"])
        #expect(history.stdout.split(separator: "\n").count == 2)
        let trail = try daemon.parkctl(["audit", "list", "--method", "Report.FinishImport"])
        #expect(trail.stdout.split(separator: "\n").count == 4)
        // The import's entry names the file it read and what it recorded.
        let digest = ContentHash.sha256(Array(text.utf8))
        let recorded = try daemon.parkctl(["--json", "audit", "list", "--method", "Report.FinishImport"]).stdout
        #expect(recorded.contains("ok: file sha256 \(digest) (\(text.utf8.count) bytes): 10 first reports, 0 corrections"), "\(recorded.prefix(2_000))")

        // A file with 20,000 bad rows: the first 1,000 listed and the count of the rest, in a
        // reply parkctl reads (the whole list outgrew a message); the trail keeps a bounded text.
        let manyBad = try write(Self.header + String(repeating: "2021-13,91370200163562681G,1,1,0,0,0,0,0,0,0,0,1\n", count: 20_000), in: daemon)
        let tooMany = try daemon.parkctl(["report", "import", manyBad])
        #expect(tooMany.status == 65, "\(tooMany.stderr.prefix(300))")
        #expect(tooMany.stderr.hasPrefix("parkctl: the file was refused, nothing was imported (20000 problems):\n"), "\(tooMany.stderr.prefix(300))")
        #expect(tooMany.stderr.hasSuffix("\n  … and 19000 more\n"), "\(tooMany.stderr.suffix(300))")
        let json = try daemon.parkctl(["--json", "audit", "list", "--method", "Report.FinishImport", "--limit", "1"])
        let entry = try #require((try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])?["entries"] as? [[String: Any]])
        let outcome = try #require(entry.first?["outcome"] as? String)
        #expect(outcome.hasPrefix("io.parkd.Report.ImportRefused") && outcome.utf8.count < 1_200, "\(outcome.prefix(300))")
    }

    /// `park()` with 2021-03 reported by hand: revenue 1250000.50, tax 45000, 340 workers
    /// dispatched, 26 placements, a headcount of 48.
    func reported() throws -> RunningDaemon {
        let daemon = try park()
        let added = try daemon.parkctl(["report", "add", "--tenant", "1", "--month", "2021-03", "--revenue", "1250000.50", "--tax", "45000",
                                        "--workers-dispatched", "340", "--placements", "26", "--headcount", "48"])
        #expect(added.status == 0, "\(added.stderr)")
        return daemon
    }

    func show(_ month: String, in daemon: RunningDaemon) throws -> String {
        try daemon.parkctl(["--json", "report", "show", "--tenant", "1", "--month", month]).stdout
    }

    @Test("a CSV of tenant, month and placements corrects that one figure and keeps revenue, tax and the others")
    func csvCorrectsOneFigure() throws {
        let daemon = try reported()
        let file = try write("tenant,month,placements\n1,2021-03,29\n", in: daemon)
        let imported = try daemon.parkctl(["report", "import", file, "--reason", "three placements were reported late"])
        #expect(imported.stdout == """
            imported 1 report (1 correction)
              line 2: report 2021-03 of tenant 1 (version 2): placements 26 → 29

            """, "\(imported.stderr)")
        let json = try show("2021-03", in: daemon)
        for kept in ["\"revenue\" : \"1250000.50\"", "\"tax\" : \"45000.00\"", "\"workersDispatched\" : 340", "\"headcount\" : 48",
                     "\"placements\" : 29", "\"version\" : 2", "\"reason\" : \"three placements were reported late\""] {
            #expect(json.contains(kept), "\(kept) in \(json)")
        }
        let machine = try daemon.parkctl(["--json", "report", "import", try write("tenant,month,headcount\n1,2021-03,50\n", in: daemon)])
        #expect(machine.stdout.contains("\"headcount 48 → 50\""), "\(machine.stdout)")
        #expect(machine.stdout.contains("\"version\" : 3") && machine.stdout.contains("\"line\" : 2"))
    }

    @Test("an empty cell keeps the figure in force; a row for a month not yet reported is a first report in the same file")
    func csvEmptyCellKeeps() throws {
        let daemon = try reported()
        let file = try write("""
            tenant,month,revenue,tax,placements,headcount
            1,2021-03,1300000,,,
            91370200163562681G,2021-04,90000,3000,,12

            """, in: daemon)
        let imported = try daemon.parkctl(["report", "import", file])
        #expect(imported.stdout == """
            imported 2 reports (1 correction)
              line 2: report 2021-03 of tenant 1 (version 2): revenue 1250000.50 → 1300000.00

            """, "\(imported.stderr)")
        let march = try show("2021-03", in: daemon)
        for kept in ["\"revenue\" : \"1300000.00\"", "\"tax\" : \"45000.00\"", "\"placements\" : 26", "\"headcount\" : 48",
                     "\"reason\" : \"corrected by CSV import\""] {
            #expect(march.contains(kept), "\(kept) in \(march)")
        }
        let april = try show("2021-04", in: daemon)
        for figure in ["\"revenue\" : \"90000.00\"", "\"placements\" : 0", "\"headcount\" : 12", "\"version\" : 1"] {
            #expect(april.contains(figure), "\(figure) in \(april)")
        }
    }

    @Test("a bad row is refused naming its line and column, and changes nothing", arguments: [
        ("tenant,month,revenue,placements\n1,2021-04,1000,3\n",
         "  line 2, tax: a first report of a month needs the tax paid\n"),
        ("tenant,month,placements,headcount\n1,2021-03,26,48\n",
         "  line 2, figures: the correction changes nothing: every figure given is already in force\n"),
    ])
    func csvRowRefused(_ text: String, _ problem: String) throws {
        let daemon = try reported()
        let refused = try daemon.parkctl(["report", "import", try write(text, in: daemon)])
        #expect(refused.status == 65)
        #expect(refused.stderr == "parkctl: the file was refused, nothing was imported (1 problem):\n" + problem)
        #expect(try daemon.parkctl(["report", "history", "--tenant", "1", "--month", "2021-03"]).stdout.split(separator: "\n").count == 2)
        #expect(try daemon.parkctl(["report", "list"]).stdout.split(separator: "\n").count == 2)
    }

    @Test("a file mixing good corrections and first reports with bad rows is refused whole and leaves every report as it was")
    func csvMixedFileRefusedWhole() throws {
        let daemon = try reported()
        let before = try show("2021-03", in: daemon)
        let file = try write("""
            tenant,month,revenue,tax,placements
            1,2021-03,,,29
            1,2021-04,1000,10,3
            1,2021-05,,,4
            1,2021-06,1000,1001,

            """, in: daemon)
        let refused = try daemon.parkctl(["report", "import", file])
        #expect(refused.status == 65)
        #expect(refused.stderr == """
            parkctl: the file was refused, nothing was imported (3 problems):
              line 4, revenue: a first report of a month needs the revenue
              line 4, tax: a first report of a month needs the tax paid
              line 5, tax: 1001.00 is more than the revenue, 1000.00

            """)
        #expect(try show("2021-03", in: daemon) == before)
        #expect(try daemon.parkctl(["report", "list"]).stdout.split(separator: "\n").count == 2)
        #expect(try daemon.parkctl(["report", "history", "--tenant", "1", "--month", "2021-03"]).stdout.split(separator: "\n").count == 2)
    }
}

@Suite("parkctl stats against a real parkd")
struct StatsCommandTests {
    @Test("the year's figures as a table, JSON and CSV")
    func yearFigures() throws {
        let daemon = try ReportCommandTests().park()
        _ = try daemon.parkctl(["unit", "add", "--building", "A", "--number", "2", "--area", "300", "--kind", "office", "--rent", "40", "--from", "2021-01-01"])
        for (month, revenue) in [("2021-03", "1250000.50"), ("2021-04", "1300000")] {
            _ = try daemon.parkctl(["report", "add", "--tenant", "1", "--month", month, "--revenue", revenue, "--tax", "45000", "--placements", "25"])
        }
        let text = try daemon.parkctl(["stats", "--year", "2021"])
        #expect(text.stdout.contains("Office area leased:    100.00 of 400.00 m² (25.00%)"), "\(text.stdout)")
        #expect(text.stdout.contains("Revenue (yuan):        2,550,000.50"))
        #expect(text.stdout.contains("People placed:         50"))
        let json = try daemon.parkctl(["--json", "stats", "--year", "2021", "--monthly"])
        #expect(json.stdout.contains("\"revenue\" : \"2550000.50\""))
        #expect(json.stdout.contains("\"month\" : \"2021-04\""))
        let csv = try daemon.parkctl(["stats", "--year", "2021", "--csv", "--monthly"])
        // Lines end in CRLF (RFC 4180), as every CSV parkctl writes.
        let lines = csv.stdout.components(separatedBy: "\r\n")
        #expect(lines.count > 30 && lines.last == "" && !lines.contains { $0.contains("\n") }, "\(csv.stdout.debugDescription)")
        #expect(lines.contains("revenue,2550000.50"))
        #expect(try daemon.parkctl(["--bom", "stats", "--year", "2021", "--csv", "--monthly"]).stdout == "\u{FEFF}" + csv.stdout)
        #expect(lines.contains { $0.hasPrefix("2021-03,1250000.50,45000.00,") })
        #expect(lines.contains { $0.hasPrefix("month,revenue,tax,") && $0.hasSuffix(",phdHires,reports") }, "\(csv.stdout)")
        #expect(lines.contains { $0.hasPrefix("2021-04,1300000.00,") && $0.hasSuffix(",1") }, "\(csv.stdout)")
        // Since opening: from the first day a firm applied, said in every form.
        let opening = try daemon.parkctl(["stats", "--since-opening", "--to", "2021-12-31"]).stdout
        #expect(opening.hasPrefix("Period:                2021-01-04 to 2021-12-31 (since opening)\n"), "\(opening)")
        #expect(try daemon.parkctl(["stats", "--since-opening", "--to", "2021-12-31", "--csv"]).stdout.hasPrefix("figure,value\r\nfrom,2021-01-04\r\n"))
        #expect(try daemon.parkctl(["--json", "stats", "--since-opening"]).stdout.contains("\"from\" : \"2021-01-04\""))
        let both = try RawConnection(path: daemon.socketPath)
        both.send("{\"method\":\"io.parkd.Stats.Park\",\"parameters\":{\"from\":\"2021-01-01\",\"sinceOpening\":true}}\0")
        let refused = both.receive() ?? ""
        #expect(refused.contains("io.parkd.Service.InvalidField") && refused.contains("give from or sinceOpening, not both"), "\(refused)")
        let beforeOpening = try daemon.parkctl(["stats", "--since-opening", "--to", "2020-12-31"])
        #expect(beforeOpening.status == 65)
        #expect(beforeOpening.stderr == "parkctl: invalid --to (to): 2020-12-31 is before the park's first day, 2021-01-04: nothing to count since opening\n", "\(beforeOpening.stderr)")
        let before = try daemon.parkctl(["stats", "--year", "2020"])
        #expect(before.stdout.contains("Reports:               0"))
        #expect(try daemon.parkctl(["stats", "--year", "2021", "--from", "2021-01-01"]).status == 64)
        // A year's end is the period's end: --to beside it, since opening too, would override it without a word.
        #expect(try daemon.parkctl(["stats", "--year", "2019", "--since-opening", "--to", "2021-12-31"]).status == 64)
    }

    @Test("a report filed in error is withdrawn: gone from lists and totals, kept in the history, no longer blocking the exit; the month is reported again as a first report")
    func withdrawal() throws {
        let daemon = try ReportCommandTests().park()
        for (month, revenue) in [("2021-04", "1300000"), ("2021-05", "900000"), ("2021-06", "1000")] {
            let added = try daemon.parkctl(["report", "add", "--tenant", "1", "--month", month, "--revenue", revenue, "--tax", "0", "--placements", "5"])
            #expect(added.status == 0, "\(added.stderr)")
        }
        _ = try daemon.parkctl(["tenant", "transition", "1", "exiting", "--on", "2021-05-20", "--reason", "搬迁"])
        let blocked = try daemon.parkctl(["tenant", "transition", "1", "exited", "--on", "2021-06-01", "--reason", "搬迁"])
        #expect(blocked.status == 65)
        #expect(blocked.stderr.contains("the firm reported 2021-06, after its last day in the park (2021-05-31); change the exit day, or withdraw a report filed in error (report withdraw), first"), "\(blocked.stderr)")

        let unexplained = try daemon.parkctl(["report", "withdraw", "--tenant", "1", "--month", "2021-06", "--reason", " "])
        #expect(unexplained.status == 65)
        #expect(unexplained.stderr == "parkctl: invalid --reason (reason): must not be empty\n", "\(unexplained.stderr)")
        let withdrawn = try daemon.parkctl(["report", "withdraw", "--tenant", "91370200163562681G", "--month", "2021-06", "--reason", "filed under the wrong month"])
        #expect(withdrawn.stdout == "report 2021-06 of tenant 1 withdrawn (version 2); 2021-06 has no report in force\n", "\(withdrawn.stderr)")
        let again = try daemon.parkctl(["report", "withdraw", "--tenant", "1", "--month", "2021-06", "--reason", "again"])
        #expect(again.status == 65)
        #expect(again.stderr == "parkctl: invalid --month (month): the report of tenant 1 for 2021-06 is already withdrawn (version 2)\n", "\(again.stderr)")
        let never = try daemon.parkctl(["report", "withdraw", "--tenant", "1", "--month", "2021-07", "--reason", "x"])
        // A month never reported is not found (66), as `report show` says it.
        #expect(never.status == 66 && never.stderr == "parkctl: tenant 1 has no report for 2021-07\n", "\(never.stderr)")

        let listed = try daemon.parkctl(["report", "list", "--tenant", "1"]).stdout
        #expect(listed.contains("2021-05") && !listed.contains("2021-06"), "\(listed)")
        #expect(try daemon.parkctl(["report", "show", "--tenant", "1", "--month", "2021-06"]).status == 66)
        let history = try daemon.parkctl(["report", "history", "--tenant", "1", "--month", "2021-06"]).stdout.split(separator: "\n")
        #expect(history.count == 3)
        #expect(history[2].contains("1,000.00") && history[2].contains("  2  root") && history[2].hasSuffix("withdrawn: filed under the wrong month"), "\(history)")
        let json = try daemon.parkctl(["--json", "report", "history", "--tenant", "1", "--month", "2021-06"]).stdout
        #expect(json.contains("\"withdrawn\" : true") && json.components(separatedBy: "\"withdrawn\"").count == 2, "\(json)")
        let stats = try daemon.parkctl(["stats", "--year", "2021"]).stdout
        #expect(stats.contains("Revenue (yuan):        2,200,000.00"), "\(stats)")
        let trail = try daemon.parkctl(["--json", "audit", "list", "--method", "Report.Withdraw"]).stdout
        #expect(trail.contains("filed under the wrong month") && trail.contains("\"outcome\" : \"ok\""), "\(trail)")

        // The month the report belonged to: withdrawn too, then reported again from scratch.
        _ = try daemon.parkctl(["report", "withdraw", "--tenant", "1", "--month", "2021-05", "--reason", "June's figures belong here"])
        let partial = try daemon.parkctl(["report", "add", "--tenant", "1", "--month", "2021-05", "--placements", "7"])
        #expect(partial.status == 65)
        #expect(partial.stderr == "parkctl: invalid --revenue (revenue): its report was withdrawn (version 2), so this is a first report of the month, which needs the revenue; also tax: a first report of a month needs the tax paid\n", "\(partial.stderr)")
        let reported = try daemon.parkctl(["report", "add", "--tenant", "1", "--month", "2021-05", "--revenue", "1000", "--tax", "0"])
        #expect(reported.stdout == "report 2021-05 of tenant 1 recorded (version 3)\n", "\(reported.stderr)")
        #expect(try daemon.parkctl(["tenant", "transition", "1", "exited", "--on", "2021-06-01", "--reason", "搬迁"]).status == 0)
    }
}
