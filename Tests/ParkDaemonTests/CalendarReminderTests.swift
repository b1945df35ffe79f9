@testable import ParkDaemon
import ParkCore
import Testing

@Suite("The journal's reminder that the working-day calendar ends soon")
struct CalendarReminderTests {
    func calendar(_ years: [Int]) throws -> WorkingDayCalendar {
        try WorkingDayCalendar(years.map { try HolidaySchedule(year: $0, holidays: [], swappedWorkingDays: []) })
    }

    func day(_ text: String) throws -> CivilDate { try CivilDate.parse(text, field: "day") }

    @Test("once a day while the warning stands, again at once when a reload changes the years, never while it counts far enough")
    func onceADay() throws {
        var reminder = CalendarReminder()
        let held = try calendar([2026])
        #expect(reminder.warning(calendar: held, today: try day("2026-12-05"))?.contains("(in 26 days)") == true)
        #expect(reminder.warning(calendar: held, today: try day("2026-12-05")) == nil, "said once a day")
        #expect(reminder.warning(calendar: held, today: try day("2026-12-06"))?.contains("(in 25 days)") == true)
        // A reload that leaves the years as they were says nothing new that day.
        #expect(reminder.warning(calendar: try calendar([2026]), today: try day("2026-12-06")) == nil)
        // A reload that adds the next year: nothing to say.
        #expect(reminder.warning(calendar: try calendar([2026, 2027]), today: try day("2026-12-06")) == nil)
        #expect(reminder.warning(calendar: try calendar([2026, 2027]), today: try day("2026-12-07")) == nil)
        // A reload that drops it again says so at once, the same day.
        #expect(reminder.warning(calendar: held, today: try day("2026-12-07"))?.contains("(in 24 days)") == true)
    }
}
