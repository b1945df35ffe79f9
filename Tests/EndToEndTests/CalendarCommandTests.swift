import Foundation
import ParkControl
import Testing

@Suite("parkctl calendar against a real parkd")
struct CalendarCommandTests {
    /// A copy of the shipped calendar's files of `years`, which a test may change.
    func calendarDirectory(years: ClosedRange<Int>) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("calendar-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for year in years {
            try FileManager.default.copyItem(atPath: "\(Binaries.repository)/Config/calendar/\(year).yaml", toPath: "\(directory)/\(year).yaml")
        }
        return directory
    }

    @Test("calendar show prints the year's holidays, its swapped working days and its count of working days")
    func show() throws {
        let daemon = try RunningDaemon(config: Binaries.shippedCalendar)
        let shown = try daemon.parkctl(["calendar", "show", "2021"])
        #expect(shown.status == 0, "\(shown.stderr)")
        let lines = shown.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first == "HOLIDAY               CHINESE  FROM        TO          DAYS  WEEKDAYS OFF")
        #expect(lines.contains("National Day          国庆节   2021-10-01  2021-10-07     7             5"), "\(shown.stdout)")
        #expect(lines.contains("2021-10-09  Saturday  National Day"), "\(shown.stdout)")
        #expect(lines.suffix(2) == [
            "2021 has 250 working days: 261 Mondays to Fridays, less 18 off for holidays, plus 7 Saturdays and Sundays worked", "",
        ])

        let json = try daemon.parkctl(["--json", "calendar", "show", "2020"])
        let year = try JSONDecoder().decode(CalendarAPI.GetReply.self, from: Data(json.stdout.utf8))
        #expect(year.workingDays == 249)
        #expect(year.holidays.map(\.name).contains("Spring Festival extension"))
        #expect(!year.swappedWorkingDays.map(\.day).contains("2020-02-01"), "no longer worked after the extension")
    }

    @Test("calendar add-days counts across National Day 2021 and across the 2019 New Year", arguments: [
        (["2021-09-30", "5"], """
            2021-10-13 is 5 working days after 2021-09-30
            skipped the National Day holiday (国庆节), 2021-10-01 to 2021-10-07
            counted Saturday 2021-10-09, a swapped working day for National Day

            """),
        (["2018-12-28", "2"], """
            2019-01-02 is 2 working days after 2018-12-28
            skipped the New Year's Day holiday (元旦), 2018-12-30 to 2019-01-01
            counted Saturday 2018-12-29, a swapped working day for New Year's Day

            """),
        (["2021-10-01", "0"], """
            2021-10-08 is the first working day from 2021-10-01
            skipped the National Day holiday (国庆节), 2021-10-01 to 2021-10-07

            """),
        (["2021-06-01", "0"], "2021-06-01 is a working day\n"),
        (["2021-06-01", "1"], "2021-06-02 is 1 working day after 2021-06-01\n"),
    ])
    func addDays(_ arguments: [String], _ expected: String) throws {
        let daemon = try RunningDaemon(config: Binaries.shippedCalendar)
        let result = try daemon.parkctl(["calendar", "add-days"] + arguments)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == expected)
        let json = try daemon.parkctl(["--json", "calendar", "add-days"] + arguments)
        let count = try JSONDecoder().decode(CalendarAPI.AddWorkingDaysReply.self, from: Data(json.stdout.utf8))
        #expect(count.result == String(expected.prefix(10)))
    }

    @Test("a year the calendar does not cover, and a day that does not exist, are refused with exit 65", arguments: [
        (["show", "2027"], "parkctl: the working-day calendar does not cover 2027: parkd has no holiday schedule of 2027"),
        (["add-days", "2026-12-25", "10"], "parkctl: the working-day calendar does not cover 2027: "),
        (["add-days", "2017-12-29", "1"], "parkctl: the working-day calendar does not cover 2017: "),
        (["add-days", "2021-02-29", "1"], "parkctl: invalid DATE (date): '2021-02-29' is not a day of the calendar"),
        (["show", "0"], "parkctl: invalid YEAR (year): 0 is not a year in four digits, 1900 to 9999 (e.g. 2026)"),
        (["show", "21"], "parkctl: invalid YEAR (year): 21 is not a year in four digits, 1900 to 9999 (e.g. 2026)"),
    ])
    func refused(_ arguments: [String], _ message: String) throws {
        let daemon = try RunningDaemon(config: Binaries.shippedCalendar)
        let result = try daemon.parkctl(["calendar"] + arguments)
        #expect(result.status == 65)
        #expect(result.stderr.hasPrefix(message), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test("with no calendar directory parkd warns at start and refuses every count, naming the year")
    func noCalendar() throws {
        let daemon = try RunningDaemon()
        #expect(daemon.log.contains("no working-day calendar: every count of working days is refused until holiday schedules are loaded"), "\(daemon.log)")
        #expect(daemon.log.contains("the calendar directory \(daemon.directory)/calendar does not exist"), "\(daemon.log)")
        let result = try daemon.parkctl(["calendar", "add-days", "2021-09-30", "5"])
        #expect(result.status == 65)
        #expect(result.stderr.hasPrefix("parkctl: the working-day calendar does not cover 2021: "), "\(result.stderr)")
    }

    @Test("a reload adds a year; a bad file is refused whole on reload and the calendar in force stays")
    func reload() throws {
        let directory = try calendarDirectory(years: 2018...2025)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let daemon = try RunningDaemon(arguments: ["--calendar-dir", directory])
        let before = try daemon.parkctl(["calendar", "add-days", "2025-12-24", "10"])
        #expect(before.status == 65)
        #expect(before.stderr.contains("does not cover 2026"), "\(before.stderr)")

        try FileManager.default.copyItem(atPath: "\(Binaries.repository)/Config/calendar/2026.yaml", toPath: "\(directory)/2026.yaml")
        daemon.signal(SIGHUP)
        #expect(daemon.notify.waitForNext("configuration reloaded") != nil)
        let added = try daemon.parkctl(["calendar", "add-days", "2025-12-24", "10"])
        #expect(added.stdout == """
            2026-01-08 is 10 working days after 2025-12-24
            skipped the New Year's Day holiday (元旦), 2026-01-01 to 2026-01-03
            counted Sunday 2026-01-04, a swapped working day for New Year's Day

            """, "\(added.stderr)")

        // A 2027 file with a Monday as a swapped working day and a holiday in 2026.
        try """
            year: 2027
            holidays:
              - name: New Year's Day
                chinese: 元旦
                from: 2026-12-31
                to: 2027-01-03
            working_days:
              - day: 2027-01-04
                for: New Year's Day
            """.write(toFile: "\(directory)/2027.yaml", atomically: true, encoding: .utf8)
        let check = try runCommand(Binaries.parkd, ["--check-config", "--config", daemon.configPath, "--calendar-dir", directory])
        #expect(check.status == 1)
        #expect(check.stderr.contains("\(directory)/2027.yaml:5:11: holidays.from: 2026-12-31 is not in 2027"), "\(check.stderr)")
        #expect(check.stderr.contains("\(directory)/2027.yaml:8:10: working_days.day: 2027-01-04 is a Monday"), "\(check.stderr)")

        // With it, a good change of the configuration: refused too, as the reload is applied whole or not at all.
        let configuration = try String(contentsOfFile: daemon.configPath, encoding: .utf8)
        try (configuration + "log:\n  level: debug\n").write(toFile: daemon.configPath, atomically: true, encoding: .utf8)
        daemon.signal(SIGHUP)
        #expect(daemon.notify.waitForNext("calendar refused, the one in force stays; the configuration in force stays") != nil)
        let status = try daemon.parkctl(["status"]).stdout
        #expect(status.contains("Log level:       info"), "\(status)")
        #expect(status.contains("rejected: calendar refused: \(directory)/2027.yaml:5:11: holidays.from:"), "\(status)")
        #expect(daemon.log.contains("calendar files refused; the calendar in force stays"), "\(daemon.log)")
        #expect(daemon.log.contains("reload rejected: the configuration, the policies and the calendar in force stay"), "\(daemon.log)")
        #expect(try daemon.parkctl(["calendar", "add-days", "2025-12-24", "10"]).stdout == added.stdout)
        #expect(try daemon.parkctl(["calendar", "show", "2027"]).status == 65)

        try FileManager.default.removeItem(atPath: "\(directory)/2027.yaml")
        let valid = try runCommand(Binaries.parkd, ["--check-config", "--config", daemon.configPath, "--calendar-dir", directory])
        #expect(valid.status == 0)
        #expect(valid.stdout.contains("\(directory): the calendar of 2018–2026 is valid"), "\(valid.stdout)")
        daemon.signal(SIGHUP)
        #expect(daemon.notify.waitForNext("configuration reloaded") != nil)
        #expect(try daemon.parkctl(["status"]).stdout.contains("Log level:       debug"))
    }

    @Test("45 days before the calendar's last day, status, the journal and STATUS= say which year's schedule to add; a reload that adds it ends the warning")
    func calendarEndsSoon() throws {
        let directory = try calendarDirectory(years: 2025...2026)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let daemon = try RunningDaemon(arguments: ["--calendar-dir", directory], clock: "2026-12-05T09:00:00+08:00")
        let warning = "the working-day calendar ends on 2026-12-31 (in 26 days): a deadline in working days past it is refused; "
            + "add 2027's holiday schedule (国务院办公厅关于2027年部分节假日安排的通知) to the calendar directory as soon as it is published, then reload"
        let status = try daemon.parkctl(["status"])
        #expect(status.stdout.contains("\nWorking days:    2025–2026; WARNING: \(warning)\n"), "\(status.stdout)")
        let json = try JSONDecoder().decode(ServiceAPI.StatusReply.self, from: Data(try daemon.parkctl(["--json", "status"]).stdout.utf8))
        #expect(json.workingDays == ServiceAPI.WorkingDays(years: "2025–2026", through: "2026-12-31", warning: warning))
        // The STATUS= line follows within a supervision tick (15 s without a watchdog).
        #expect(daemon.notify.wait(for: "; working days counted only to 2026-12-31", timeout: 20) != nil)
        // The journal is told at start (and once a day after).
        let deadline = Date().addingTimeInterval(10)
        while !daemon.log.contains(warning), Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        #expect(daemon.log.contains(warning), "\(daemon.log)")
        let refused = try daemon.parkctl(["calendar", "add-days", "2026-12-28", "5"])
        #expect(refused.status == 65 && refused.stderr.contains("does not cover 2027"), "\(refused.stderr)")

        // Test data, not 2027's real schedule: a year with no holiday.
        try "year: 2027\nholidays: []\nworking_days: []\n".write(toFile: "\(directory)/2027.yaml", atomically: true, encoding: .utf8)
        daemon.signal(SIGHUP)
        #expect(daemon.notify.waitForNext("configuration reloaded") != nil)
        #expect(try daemon.parkctl(["status"]).stdout.contains("\nWorking days:    2025–2027 (through 2027-12-31)\n"))
        #expect(try daemon.parkctl(["calendar", "add-days", "2026-12-28", "5"]).stdout.hasPrefix("2027-01-04 is 5 working days after 2026-12-28"))

        // A year not held at all: every deadline is refused, and status says which year to add.
        try daemon.setClock("2028-02-01T09:00:00+08:00")
        #expect(try daemon.parkctl(["status"]).stdout.contains(
            "\nWorking days:    2025–2027; WARNING: the working-day calendar holds no schedule for 2028, this year: every deadline in working days is refused; "))
    }
}

@Suite("calendar next and timer list in the caller's TZ")
struct DisplayZoneTests {
    @Test("a TZ that is a POSIX rule, as glibc reads it, shows the times systemd-analyze shows; a rule no one can read is refused, naming TZ", arguments: [
        "UTC0", "CST-8", "CET-1CEST,M3.5.0,M10.5.0/3", "<+0530>-5:30",
    ])
    func posixRules(zone: String) throws {
        let daemon = try RunningDaemon()
        for expression in ["*-*-* 02:30 Europe/Berlin", "Mon..Fri 09:00 Asia/Shanghai"] {
            let systemd = try runCommand(
                "/usr/bin/systemd-analyze", ["calendar", "--iterations=4", "--base-time=@1774740600", expression], environment: ["TZ": zone])
            let parkctl = try daemon.parkctl(["calendar", "next", "--base-time", "@1774740600", "--iterations", "4", expression], environment: ["TZ": zone])
            #expect(parkctl.status == 0, "\(parkctl.stderr)")
            #expect(parkctl.stdout == systemd.stdout.split(separator: "\n").filter { !$0.contains("From now") }.joined(separator: "\n") + "\n", "\(zone): \(parkctl.stdout)")
        }
        let timers = try daemon.parkctl(["timer", "list"], environment: ["TZ": zone])
        #expect(timers.status == 0, "\(timers.stderr)")
    }

    @Test("a TZ that names a zone's file, as administrators set TZ=:/etc/localtime, is the zone that file is")
    func zoneFile() throws {
        let daemon = try RunningDaemon()
        let expression = "Mon..Fri 09:00 Asia/Shanghai"
        let systemd = try runCommand(
            "/usr/bin/systemd-analyze", ["calendar", "--iterations=2", "--base-time=@1774740600", expression], environment: ["TZ": "Europe/Berlin"])
        // A link (Europe/Busingen is one, to Europe/Zurich: the same rules as Berlin's this year),
        // and a copy outside zoneinfo, read by the rule that ends it.
        let copy = daemon.directory + "/localtime"
        try FileManager.default.copyItem(atPath: "/usr/share/zoneinfo/Europe/Berlin", toPath: copy)
        for zone in [":/usr/share/zoneinfo/Europe/Berlin", "/usr/share/zoneinfo/Europe/Berlin", ":/usr/share/zoneinfo/Europe/Busingen", ":" + copy] {
            let parkctl = try daemon.parkctl(["calendar", "next", "--base-time", "@1774740600", "--iterations", "2", expression], environment: ["TZ": zone])
            #expect(parkctl.status == 0, "\(parkctl.stderr)")
            #expect(parkctl.stdout == systemd.stdout.split(separator: "\n").filter { !$0.contains("From now") }.joined(separator: "\n") + "\n", "\(zone): \(parkctl.stdout)")
            #expect(try daemon.parkctl(["timer", "list"], environment: ["TZ": zone]).status == 0)
        }
        #expect(try daemon.parkctl(["timer", "list"], environment: ["TZ": ":/etc/localtime"]).status == 0)
    }

    @Test("a TZ that is neither a zone nor a POSIX rule is refused, naming TZ: an offset past 24 hours or a name under three characters too", arguments: [
        "CET-1CEST,M3.5.0", "UTC999999", "UTC-25", "<>0", "<+8>-8",
    ])
    func unreadableZone(zone: String) throws {
        let daemon = try RunningDaemon()
        let refused = try daemon.parkctl(["timer", "list"], environment: ["TZ": zone])
        #expect(refused.status == 65)
        #expect(refused.stderr == "parkctl: invalid TZ (displayTimeZone): '\(zone)' is neither a time zone of /usr/share/zoneinfo (such as UTC or Asia/Shanghai) nor a POSIX TZ rule (such as CST-8)\n")
    }
}

@Suite("parkd's clock under a test's control")
struct TestClockTests {
    @Test("a parkd started with a clock file computes from that clock, and runs on from where the file is moved")
    func clockFileSetsAndMovesNow() throws {
        let daemon = try RunningDaemon(clock: "2027-01-20T09:00:00+08:00")
        func nextMidnightUTC() throws -> String {
            let next = try daemon.parkctl(["calendar", "next", "*-*-* 00:00:00 UTC", "--iterations", "1"], environment: ["TZ": "UTC"])
            #expect(next.status == 0, "\(next.stderr)")
            return next.stdout.split(separator: "\n").first { $0.contains("Next elapse") }.map(String.init) ?? next.stdout
        }
        #expect(try nextMidnightUTC() == "    Next elapse: Thu 2027-01-21 00:00:00 UTC")
        try daemon.setClock("2026-12-31T23:59:30Z")
        #expect(try nextMidnightUTC() == "    Next elapse: Fri 2027-01-01 00:00:00 UTC")
        #expect(daemon.log.contains("the clock is read from \(daemon.clockPath)"), "\(daemon.log)")
        // Past nine iterations too, the text is systemd-analyze's, less its "From now" lines.
        let systemd = try runCommand("/usr/bin/systemd-analyze", ["calendar", "--iterations=12", "--base-time=@1767225600", "daily UTC"], environment: ["TZ": "UTC"])
        let parkctl = try daemon.parkctl(["calendar", "next", "--base-time", "@1767225600", "--iterations", "12", "daily UTC"], environment: ["TZ": "UTC"])
        #expect(parkctl.stdout == systemd.stdout.split(separator: "\n").filter { !$0.contains("From now") }.joined(separator: "\n") + "\n", "\(parkctl.stdout)")
    }
}
