import Foundation
import Testing

@Suite("parkctl incubator against a real parkd")
struct IncubatorCommandTests {
    @Test("projects take free incubator seats, graduate, and occupancy follows")
    func projects() throws {
        let daemon = try RunningDaemon()
        for number in 1...4 {
            _ = try daemon.parkctl(["unit", "add", "--building", "I", "--number", "S\(number)", "--area", "6", "--kind", "incubator", "--rent", "0",
                                    "--from", "2021-01-01"])
        }
        _ = try daemon.parkctl(["unit", "add", "--building", "A", "--number", "1", "--area", "100", "--kind", "office", "--rent", "40"])
        #expect(try daemon.parkctl(["incubator", "add", "--name", "智聘云", "--founder", "李明", "--university", "中国海洋大学", "--phd-count", "1", "--seat", "1", "--seat", "2", "--on", "2021-03-01"]).stdout == "1\n")
        let taken = try daemon.parkctl(["incubator", "add", "--name", "灵工宝", "--founder", "王芳", "--seat", "2", "--on", "2021-04-01"])
        #expect(taken.status == 65)
        #expect(taken.stderr == "parkctl: invalid --seat (seats): seat I-S2 is occupied by project 1 (智聘云) from 2021-03-01\n")
        let office = try daemon.parkctl(["incubator", "add", "--name", "灵工宝", "--founder", "王芳", "--seat", "5", "--on", "2021-04-01"])
        #expect(office.stderr.contains("unit A-1 is office space, not an incubator seat"))
        _ = try daemon.parkctl(["incubator", "add", "--name", "灵工宝", "--founder", "王芳", "--seat", "3", "--on", "2021-04-01"])
        #expect(try daemon.parkctl(["incubator", "graduate", "1", "--on", "2022-06-01"]).stdout == "project 1 graduated on 2022-06-01\n")
        let list = try daemon.parkctl(["incubator", "list", "--on", "2021-12-31"])
        #expect(list.stdout.hasSuffix("occupancy on 2021-12-31: 3 of 4 seats (75.00%), 2 projects, 1 PhD-level talent\n"))
        #expect(try daemon.parkctl(["stats", "--year", "2021"]).stdout.contains("Incubator:             2 projects on 3 of 4 seats (75.00%), 1 PhD-level talent\n"))
        // The PhD-level talent left with the project that brought it.
        #expect(try daemon.parkctl(["stats", "--year", "2022"]).stdout.contains("Incubator:             1 project on 1 of 4 seats (25.00%), 0 PhD-level talents\n"))
        #expect(try daemon.parkctl(["incubator", "graduate", "9", "--on", "2022-06-01"]).status == 66)

        // A seat added now is in the park from today: 2021's figures stay as they were. Given
        // an earlier first day in the park, it counts from then.
        let added = try daemon.parkctl(["--json", "unit", "add", "--building", "I", "--number", "S5", "--area", "6", "--kind", "incubator", "--rent", "0"])
        #expect(added.status == 0 && !added.stdout.contains("\"availableFrom\" : \"2021"), "\(added.stdout)\(added.stderr)")
        #expect(try daemon.parkctl(["stats", "--year", "2021"]).stdout.contains("Incubator:             2 projects on 3 of 4 seats (75.00%)"))
        #expect(try daemon.parkctl(["unit", "set", "I-S5", "--from", "2021-06-01"]).status == 0)
        #expect(try daemon.parkctl(["unit", "show", "I-S5"]).stdout.contains("In the park:  from 2021-06-01"))
        #expect(try daemon.parkctl(["stats", "--year", "2021"]).stdout.contains("Incubator:             2 projects on 3 of 5 seats (60.00%)"))
        #expect(try daemon.parkctl(["incubator", "list", "--on", "2021-05-31"]).stdout.hasSuffix("occupancy on 2021-05-31: 3 of 4 seats (75.00%), 2 projects, 1 PhD-level talent\n"))
        let badDay = try daemon.parkctl(["unit", "set", "I-S5", "--from", "2021-02-30"])
        #expect(badDay.status == 65 && badDay.stderr.hasPrefix("parkctl: invalid --from (availableFrom): "), "\(badDay.stderr)")
    }

    @Test("a park typing in its past enters a project that graduated before its seat was leased, whatever the order of entry")
    func graduatedBeforeTheLease() throws {
        let daemon = try RunningDaemon(clock: "2026-12-02T09:00:00+08:00")
        for arguments in [
            ["unit", "add", "--building", "F", "--floor", "1", "--number", "01", "--area", "6", "--kind", "incubator", "--rent", "0", "--from", "2019-01-01"],
            ["tenant", "add", "--name", "青岛丁人力资源有限公司", "--credit-code", "91370200163562681G", "--on", "2020-11-01"],
            ["tenant", "transition", "1", "reviewing", "--on", "2020-12-01", "--reason", "材料齐全"],
            ["tenant", "transition", "1", "approved", "--on", "2020-12-20", "--reason", "评审通过"],
            ["lease", "add", "--tenant", "1", "--unit", "F-01", "--start", "2021-01-01", "--end", "2021-12-31", "--rent", "10"],
        ] {
            let result = try daemon.parkctl(arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
        }
        let project = ["incubator", "add", "--name", "丁项目", "--founder", "张三", "--seat", "F-01", "--on", "2020-03-01"]
        #expect(try daemon.parkctl(project + ["--graduated-on", "2020-12-01"]).stdout == "1\n")
        #expect(try daemon.parkctl(["incubator", "list", "--on", "2020-06-30"]).stdout.contains("丁项目"))
        let overlapping = try daemon.parkctl(project + ["--graduated-on", "2021-02-01"])
        #expect(overlapping.status == 65 && overlapping.stderr.hasPrefix("parkctl: invalid --seat (seats): seat F-01 is "), "\(overlapping.stderr)")
        let backwards = try daemon.parkctl(project + ["--graduated-on", "2020-03-01"])
        #expect(backwards.status == 65 && backwards.stderr == "parkctl: invalid --graduated-on (graduatedOn): 2020-03-01 is not after its entry, 2020-03-01\n",
                "\(backwards.stderr)")
        #expect(try daemon.parkctl(["incubator", "graduate", "1", "--on", "2021-06-01"]).stderr == "parkctl: invalid --on (on): the project graduated on 2020-12-01\n")
    }
}
