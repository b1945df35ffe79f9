import ParkCore
import Testing

@Suite("Working-day calendar")
struct WorkingDayCalendarTests {
    let calendar: WorkingDayCalendar

    init() throws { calendar = try CalendarFixtures.calendar() }

    func day(_ text: String) throws -> CivilDate { try CalendarFixtures.day(text) }

    @Test("Monday to Friday are worked and Saturday and Sunday are not, outside the holidays", arguments: [
        ("2021-03-01", true), ("2021-03-05", true), ("2021-03-06", false), ("2021-03-07", false),
    ])
    func ordinaryWeek(_ date: String, _ worked: Bool) throws {
        #expect(try calendar.isWorkingDay(day(date)) == worked)
    }

    @Test("the 2021 Spring Festival: 11 to 17 February off, Sunday 7 and Saturday 20 February worked", arguments: [
        ("2021-02-06", false), ("2021-02-07", true), ("2021-02-10", true), ("2021-02-11", false), ("2021-02-15", false),
        ("2021-02-17", false), ("2021-02-18", true), ("2021-02-20", true), ("2021-02-21", false),
    ])
    func springFestival2021(_ date: String, _ worked: Bool) throws {
        #expect(try calendar.isWorkingDay(day(date)) == worked)
    }

    @Test("the 2020 Spring Festival extended to 2 February: Friday 31 January off, Saturday 1 February no longer worked", arguments: [
        ("2020-01-19", true), ("2020-01-24", false), ("2020-01-30", false), ("2020-01-31", false), ("2020-02-01", false),
        ("2020-02-02", false), ("2020-02-03", true),
    ])
    func extendedSpringFestival2020(_ date: String, _ worked: Bool) throws {
        #expect(try calendar.isWorkingDay(day(date)) == worked)
    }

    @Test("the 2019 New Year across two schedules: 2018-12-30 to 2019-01-01 off, Saturday 2018-12-29 worked", arguments: [
        ("2018-12-28", true), ("2018-12-29", true), ("2018-12-30", false), ("2018-12-31", false), ("2019-01-01", false),
        ("2019-01-02", true),
    ])
    func newYear2019(_ date: String, _ worked: Bool) throws {
        #expect(try calendar.isWorkingDay(day(date)) == worked)
    }

    @Test("working days per year, as the chinesecalendar package counts them")
    func workingDaysPerYear() throws {
        #expect(try [2018, 2019, 2020, 2021].map { try calendar.workingDays(in: $0).count } == [250, 250, 249, 250])
        let schedule = try calendar.schedule(of: 2021)
        #expect(schedule.weekdays == 261 && schedule.weekdaysOff == 18 && schedule.swappedWorkingDays.count == 7)
    }

    @Test("5 working days after 2021-09-30 cross National Day: the 8th, Saturday the 9th, then the 11th to the 13th")
    func acrossNationalDay2021() throws {
        let count = try calendar.counting(workingDays: 5, after: day("2021-09-30"))
        #expect(count.result == (try day("2021-10-13")))
        #expect(count.holidaysPassed == [Holiday(name: "National Day", chineseName: "国庆节", first: try day("2021-10-01"), last: try day("2021-10-07"))])
        #expect(count.swappedWorkingDays == [SwappedWorkingDay(day: try day("2021-10-09"), makesUpFor: "National Day")])
        #expect(try [1, 2, 3].map { try calendar.adding(workingDays: $0, to: day("2021-09-30")) } == [day("2021-10-08"), day("2021-10-09"), day("2021-10-11")])
    }

    @Test("a count across the year end meets the New Year holiday of both schedules as one")
    func acrossYearEnd() throws {
        #expect(try calendar.adding(workingDays: 1, to: day("2018-12-28")) == day("2018-12-29"))
        let count = try calendar.counting(workingDays: 2, after: day("2018-12-28"))
        #expect(count.result == (try day("2019-01-02")))
        #expect(count.holidaysPassed == [Holiday(name: "New Year's Day", chineseName: "元旦", first: try day("2018-12-30"), last: try day("2019-01-01"))])
        #expect(count.swappedWorkingDays.map(\.day) == [try day("2018-12-29")])
    }

    @Test("a count that starts inside a holiday passes over only the days after the date")
    func startInsideHoliday() throws {
        let count = try calendar.counting(workingDays: 1, after: day("2021-10-03"))
        #expect(count.result == (try day("2021-10-08")))
        #expect(count.holidaysPassed.map(\.span) == ["2021-10-04 to 2021-10-07"])
    }

    @Test("a holiday and its extension are two holidays passed over", arguments: [0, 1])
    func extensionPassed(_ days: Int) throws {
        let count = try calendar.counting(workingDays: days, after: day("2020-01-23"))
        #expect(count.result == (try day(days == 0 ? "2020-01-23" : "2020-02-03")))
        #expect(count.holidaysPassed.map(\.name) == (days == 0 ? [] : ["Spring Festival", "Spring Festival extension"]))
    }

    @Test("0 working days after a date is the date when it is worked, else the first working day after it", arguments: [
        ("2021-09-30", "2021-09-30"), ("2021-10-01", "2021-10-08"), ("2021-10-09", "2021-10-09"), ("2021-10-10", "2021-10-11"),
        ("2018-12-30", "2019-01-02"),
    ])
    func zeroDays(_ date: String, _ result: String) throws {
        #expect(try calendar.adding(workingDays: 0, to: day(date)) == day(result))
    }

    @Test("a count that needs a year with no schedule is refused naming that year")
    func uncoveredYear() throws {
        #expect(throws: DomainError.yearNotCovered(2022)) { try calendar.adding(workingDays: 10, to: day("2021-12-24")) }
        #expect(throws: DomainError.yearNotCovered(2017)) { try calendar.adding(workingDays: 1, to: day("2017-12-31")) }
        #expect(throws: DomainError.yearNotCovered(2017)) { try calendar.isWorkingDay(day("2017-06-01")) }
        #expect(throws: DomainError.yearNotCovered(2030)) { try calendar.workingDays(in: 2030) }
        #expect(throws: DomainError.yearNotCovered(2021)) { try WorkingDayCalendar.empty.isWorkingDay(day("2021-06-01")) }
        // The last working days the calendar holds are still counted.
        #expect(try calendar.adding(workingDays: 4, to: day("2021-12-24")) == day("2021-12-30"))
    }

    @Test("a negative count is refused, naming the field")
    func negativeCount() throws {
        #expect(throws: DomainError.invalid("days", "-1 is not a number of working days; give 0 or more")) {
            try calendar.adding(workingDays: -1, to: day("2021-06-01"))
        }
    }
}
