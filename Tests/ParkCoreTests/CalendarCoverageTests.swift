import ParkCore
import Testing

@Suite("How far ahead the working-day calendar counts")
struct CalendarCoverageTests {
    func day(_ text: String) throws -> CivilDate { try CalendarFixtures.day(text) }

    func calendar(_ years: [Int]) throws -> WorkingDayCalendar {
        try WorkingDayCalendar(years.map { try CalendarFixtures.schedule($0, holidays: [], worked: []) })
    }

    @Test("more than 45 days ahead: covered, no warning")
    func covered() throws {
        let coverage = CalendarCoverage(try calendar([2025, 2026]), today: try day("2026-11-15"))
        #expect(coverage.standing == .covered(through: try day("2026-12-31")))
        #expect(coverage.warning == nil)
    }

    @Test("45 days or fewer before its last day: the administrator is told which year to add")
    func endsSoon() throws {
        let coverage = CalendarCoverage(try calendar([2026]), today: try day("2026-12-05"))
        #expect(coverage.standing == .endsSoon(through: try day("2026-12-31"), daysLeft: 26))
        #expect(coverage.warning == "the working-day calendar ends on 2026-12-31 (in 26 days): a deadline in working days past it is refused; "
            + "add 2027's holiday schedule (国务院办公厅关于2027年部分节假日安排的通知) to the calendar directory as soon as it is published, then reload")
        #expect(CalendarCoverage(try calendar([2026]), today: try day("2026-11-16")).standing
            == .endsSoon(through: try day("2026-12-31"), daysLeft: 45))
        #expect(CalendarCoverage(try calendar([2026]), today: try day("2026-11-15")).warning == nil)
        #expect(CalendarCoverage(try calendar([2026]), today: try day("2026-12-31")).warning?.contains("(today)") == true)
        #expect(CalendarCoverage(try calendar([2026]), today: try day("2026-12-30")).warning?.contains("(tomorrow)") == true)
    }

    @Test("it counts through following years held without a gap, and no further")
    func unbrokenYears() throws {
        let held = try calendar([2025, 2026, 2027, 2029])
        #expect(CalendarCoverage(held, today: try day("2025-03-01")).through == (try day("2027-12-31")))
        #expect(CalendarCoverage(held, today: try day("2027-12-01")).standing == .endsSoon(through: try day("2027-12-31"), daysLeft: 30))
        #expect(CalendarCoverage(held, today: try day("2029-01-01")).through == (try day("2029-12-31")))
    }

    @Test("a year it does not hold, or no calendar at all: every deadline is refused, and the warning says which year to add")
    func yearNotCovered() throws {
        let coverage = CalendarCoverage(try calendar([2025, 2026]), today: try day("2027-01-04"))
        #expect(coverage.standing == .yearNotCovered(2027))
        #expect(coverage.through == nil)
        #expect(coverage.warning == "the working-day calendar holds no schedule for 2027, this year: every deadline in working days is refused; "
            + "add 2027's holiday schedule (国务院办公厅关于2027年部分节假日安排的通知) to the calendar directory, then reload")
        #expect(CalendarCoverage(.empty, today: try day("2026-06-01")).standing == .yearNotCovered(2026))
    }
}
