import Foundation
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
        _ = try daemon.parkctl(["report", "add", "--tenant", "1", "--month", "2021-03", "--revenue", "1300000", "--tax", "45000", "--reason", "revenue misreported"])
        let history = try daemon.parkctl(["report", "history", "--tenant", "91370200163562681G", "--month", "2021-03"])
        let lines = history.stdout.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[1].contains("1250000.50") && lines[1].contains("  1  root"))
        #expect(lines[2].contains("1300000.00") && lines[2].hasSuffix("revenue misreported"))
        let json = try daemon.parkctl(["--json", "report", "show", "--tenant", "1", "--month", "2021-03"])
        #expect(json.stdout.contains("\"revenue\" : \"1300000.00\""))
        #expect(json.stdout.contains("\"version\" : 2"))
        #expect(try daemon.parkctl(["report", "show", "--tenant", "1", "--month", "2021-04"]).status == 66)
    }

    @Test("bad reports are refused per field and change nothing", arguments: [
        (["--month", "2021-02"], "invalid --month (month): tenant 1 was not in the park in 2021-02; it was in the park from 2021-03-15 to now"),
        (["--month", "2021-04", "--tax", "2000"], "invalid --tax (tax): 2000.00 is more than the revenue, 1000.00"),
        (["--month", "2021-04", "--headcount=-3"], "invalid --headcount (headcount): -3 must not be negative"),
        (["--month", "2021-04", "--revenue", "12.345"], "invalid --revenue (revenue): '12.345' is not an amount"),
        (["--month", "2099-01"], "invalid --month (month): 2099-01 has not begun"),
    ])
    func refused(_ options: [String], _ message: String) throws {
        let daemon = try park()
        var arguments = ["report", "add", "--tenant", "1", "--revenue", "1000", "--tax", "10"]
        arguments += options
        let result = try daemon.parkctl(arguments)
        #expect(result.status == 65)
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(try daemon.parkctl(["report", "list"]).stdout.split(separator: "\n").count == 1)
    }
}
