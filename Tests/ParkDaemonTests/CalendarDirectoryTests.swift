import Foundation
import Logging
import ParkCore
@testable import ParkDaemon
import Testing

@Suite("Calendar directory")
struct CalendarDirectoryTests {
    /// A fresh directory holding `files` (name → text).
    func directory(_ files: [String: String]) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("parkd-calendar-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        for (name, text) in files { try text.write(toFile: path + "/" + name, atomically: true, encoding: .utf8) }
        return path
    }

    func problems(_ directory: String) -> [String] {
        do {
            _ = try CalendarRegistry.read(directory: directory)
            return []
        } catch {
            return error.problems.map { $0.description.replacingOccurrences(of: directory + "/", with: "") }
        }
    }

    static let year2021 = """
        year: 2021
        holidays:
          - name: National Day
            chinese: 国庆节
            from: 2021-10-01
            to: 2021-10-07
        working_days:
          - day: 2021-10-09
            for: National Day
        """

    @Test("a schedule file is read into the year's holidays and swapped working days")
    func reads() throws {
        let path = try directory(["2021.yaml": Self.year2021])
        defer { try? FileManager.default.removeItem(atPath: path) }
        let calendar = try CalendarRegistry.read(directory: path)
        let schedule = try calendar.schedule(of: 2021)
        #expect(schedule.holidays.map(\.span) == ["2021-10-01 to 2021-10-07"])
        #expect(schedule.holidays.map(\.chineseName) == ["国庆节"])
        #expect(schedule.swappedWorkingDays == [SwappedWorkingDay(day: try CivilDate.parse("2021-10-09", field: "day"), makesUpFor: "National Day")])
    }

    @Test("every problem of every file is reported with its file, line, column and key")
    func everyProblemLocated() throws {
        let path = try directory([
            "2021.yaml": """
                year: 2021
                holidays:
                  - name: National Day
                    chinese: 国庆节
                    from: 2021-10-01
                    to: 2021-09-30
                  - name: Mid-Autumn Festival
                    chinese: 中秋节
                    from: 2021-09-19
                    to: 2021-09-31
                working_days:
                  - day: 2021-09-27
                    for: National Day
                  - day: 2021-10-09
                colour: red
                """,
            "2022.yaml": "year: 2023\nholidays: []\nworking_days: []\n",
            "2024.yml": "year: 2024\nholidays: {}\n",
        ])
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(problems(path) == [
            "2021.yaml:10:9: holidays.to: '2021-09-31' is not a day of the calendar",
            "2021.yaml:14:5: working_days.for: is missing",
            "2021.yaml:15:1: colour: unknown key",
            "2022.yaml:1:7: year: 2023 is not the year of 2022.yaml; name each file after its year (2023.yaml)",
            "2024.yml:2:11: holidays: must be a list",
            "2024.yml:1:1: working_days: is missing",
        ])
    }

    @Test("the schedule's own checks are located at the entry's key")
    func scheduleChecksLocated() throws {
        let path = try directory([
            "2021.yaml": Self.year2021.replacingOccurrences(of: "to: 2021-10-07", with: "to: 2021-10-10")
                .replacingOccurrences(of: "day: 2021-10-09", with: "day: 2021-10-08"),
        ])
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(problems(path) == [
            "2021.yaml:8:10: working_days.day: 2021-10-08 is a Friday, a working day anyway; a swapped working day is a Saturday or a Sunday",
            "2021.yaml:8:10: working_days.day: 2021-10-08 falls in National Day (2021-10-01 to 2021-10-10); a day is either off or worked",
        ])
    }

    @Test("a year given by two files is refused in both")
    func yearTwice() throws {
        let path = try directory(["2021.yaml": Self.year2021, "2021.yml": Self.year2021])
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(problems(path) == [
            "2021.yaml:1:7: year: 2021 is given by more than one schedule",
            "2021.yml:1:7: year: 2021 is given by more than one schedule",
        ])
    }

    @Test("a missing directory covers no year; a file where the directory should be is refused")
    func missingDirectory() throws {
        #expect(try CalendarRegistry.read(directory: "/nonexistent/calendar") == .empty)
        #expect(problems("/etc/hostname") == ["/etc/hostname: is not a directory"])
    }

    @Test("a refused directory leaves the calendar in force; a good one replaces it")
    func reload() throws {
        let path = try directory(["2021.yaml": Self.year2021])
        defer { try? FileManager.default.removeItem(atPath: path) }
        let registry = CalendarRegistry()
        let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
        #expect(registry.load(directory: path, logger: logger) == nil)
        #expect(registry.calendar.years == [2021])

        try "year: 2022\nholidays: [\n".write(toFile: path + "/2022.yaml", atomically: true, encoding: .utf8)
        let refused = try #require(registry.load(directory: path, logger: logger))
        #expect(refused.hasPrefix(path + "/2022.yaml:"), "\(refused)")
        #expect(registry.calendar.years == [2021])

        try "year: 2022\nholidays: []\nworking_days: []\n".write(toFile: path + "/2022.yaml", atomically: true, encoding: .utf8)
        #expect(registry.load(directory: path, logger: logger) == nil)
        #expect(registry.calendar.years == [2021, 2022])
        #expect(CalendarRegistry.describe([2018, 2019, 2020, 2022, 2024, 2025]) == "2018–2020, 2022, 2024–2025")
    }
}
