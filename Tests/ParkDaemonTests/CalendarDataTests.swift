import Foundation
import ParkCore
@testable import ParkDaemon
import Testing

/// The shipped calendar, `Config/calendar`, against the chinesecalendar package (PyPI,
/// installed by `make deps`), day by day.
///
/// The State Council's notices are the authority: should the package ever disagree with them
/// for a day, the file keeps the notice's day and this test lists the exception with its
/// reason. chinesecalendar 1.11.0 agrees with the notices on every day of 2018 to 2026,
/// including the 2020 extension of the Spring Festival to 2 February (Saturday 1 February no
/// longer worked), so there is no exception.
@Suite("The shipped working-day calendar")
struct CalendarDataTests {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    /// What the package says of every day of `years`: (day, worked, holiday name).
    static func package(years: [Int]) throws -> (version: String, days: [(String, Bool, String)]) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", repository + "/Tests/EndToEndTests/Scripts/chinese_calendar_days.py"] + years.map(String.init)
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let problem = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "the chinesecalendar package is needed (make deps installs it): \(problem)")
        var lines = text.split(separator: "\n").map(String.init)
        let version = lines.isEmpty ? "" : lines.removeFirst()
        return (version, lines.map { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return (fields[0], fields.count > 1 && fields[1] == "working", fields.count > 2 ? fields[2] : "")
        })
    }

    @Test("every day of 2018 to 2026 is worked or off as the chinesecalendar package says, for the same holiday")
    func agreesWithThePackage() throws {
        let calendar = try CalendarRegistry.read(directory: Self.repository + "/Config/calendar")
        #expect(calendar.years == Array(2018...2026))
        let (version, days) = try Self.package(years: calendar.years)
        var compared = 0
        for (text, worked, name) in days {
            let date = try CivilDate.parse(text, field: "day")
            let schedule = try calendar.schedule(of: date.year)
            let file = "Config/calendar/\(date.year).yaml"
            guard schedule.isWorkingDay(date) == worked else {
                Issue.record("\(date), a \(date.weekday): \(version) says \(worked ? "worked" : "off") (\(name)), \(file) the opposite")
                return
            }
            // A Monday to Friday off, or a Saturday or Sunday worked: for the same holiday.
            if date.weekday.isWeekend == worked {
                let ours = schedule.holiday(on: date)?.name ?? schedule.swappedWorkingDay(on: date)?.makesUpFor ?? ""
                guard !name.isEmpty, ours.lowercased().contains(name.lowercased()) else {
                    Issue.record("\(date): \(version) names the holiday '\(name)', \(file) '\(ours)'")
                    return
                }
            }
            compared += 1
        }
        #expect(compared == 3287, "9 years of days, 2020 and 2024 leap years")
    }
}
