import ParkCore
import Testing

@Suite("Holiday schedules")
struct HolidayScheduleTests {
    func day(_ text: String) throws -> CivilDate { try CalendarFixtures.day(text) }

    func problems(_ build: () throws -> Any) -> [ScheduleProblem] {
        do {
            _ = try build()
            return []
        } catch let error as ScheduleProblems {
            return error.problems
        } catch {
            Issue.record("unexpected \(error)")
            return []
        }
    }

    @Test("the 2019 New Year's December days belong to the schedule of 2018, not 2019")
    func datesOutsideTheYear() throws {
        let found = problems {
            try CalendarFixtures.schedule(2019, holidays: [("New Year's Day", "元旦", "2018-12-30", "2019-01-01")], worked: [("2018-12-29", "New Year's Day")])
        }
        let reason = "2018-12-30 is not in 2019: a schedule holds only its own year's days "
            + "(the December days of a New Year holiday belong to that December's year)"
        #expect(found.first == ScheduleProblem(year: 2019, entry: .holiday(0), field: "from", reason: reason))
        #expect(found.map(\.entry) == [.holiday(0), .workingDay(0)])
        // Split as the calendar directory ships it, the same days are accepted.
        let split = try WorkingDayCalendar([
            CalendarFixtures.schedule(2018, holidays: [("New Year's Day", "元旦", "2018-12-30", "2018-12-31")], worked: [("2018-12-29", "New Year's Day")]),
            CalendarFixtures.schedule(2019, holidays: [("New Year's Day", "元旦", "2019-01-01", "2019-01-01")], worked: []),
        ])
        #expect(try ["2018-12-29", "2018-12-30", "2018-12-31", "2019-01-01", "2019-01-02"].map { try split.isWorkingDay(day($0)) }
            == [true, false, false, false, true])
    }

    @Test("a swapped working day must be a Saturday or Sunday outside every holiday, and given once")
    func swappedWorkingDays() {
        let found = problems {
            try CalendarFixtures.schedule(2021, holidays: [("National Day", "国庆节", "2021-10-01", "2021-10-07")], worked: [
                ("2021-09-27", "National Day"), ("2021-10-03", "National Day"), ("2021-10-09", "National Day"), ("2021-10-09", "National Day"),
            ])
        }
        #expect(found == [
            ScheduleProblem(year: 2021, entry: .workingDay(0), field: "day", reason: "2021-09-27 is a Monday, a working day anyway; a swapped working day is a Saturday or a Sunday"),
            ScheduleProblem(year: 2021, entry: .workingDay(1), field: "day", reason: "2021-10-03 falls in National Day (2021-10-01 to 2021-10-07); a day is either off or worked"),
            ScheduleProblem(year: 2021, entry: .workingDay(3), field: "day", reason: "2021-10-09 is given twice"),
        ])
    }

    @Test("every problem of a schedule is reported at once")
    func everyProblem() {
        let found = problems {
            try CalendarFixtures.schedule(2021, holidays: [
                ("", "春节", "2021-02-11", "2021-02-17"), ("Labour Day", "", "2021-05-05", "2021-05-01"),
                ("National Day", "国庆节", "2021-10-01", "2021-10-07"), ("Golden Week", "黄金周", "2021-10-05", "2021-10-10"),
            ], worked: [("2021-10-09", "")])
        }
        #expect(found.map(\.field) == ["name", "chinese", "to", "from", "for", "day"])
        #expect(found.map(\.reason).contains("2021-05-01 is before the first day off, 2021-05-05"))
        #expect(found.map(\.reason).contains("overlaps National Day (2021-10-01 to 2021-10-07); a day belongs to one holiday"))
    }

    @Test("two schedules of one year are refused, once for the year")
    func duplicateYears() throws {
        let schedule = try CalendarFixtures.schedule(2021, holidays: [], worked: [])
        let found = problems { try WorkingDayCalendar([schedule, schedule, schedule]) }
        #expect(found == [ScheduleProblem(year: 2021, entry: .year, field: "year", reason: "2021 is given by more than one schedule")])
    }

    @Test("holidays and swapped working days are kept in date order, whatever the order given")
    func order() throws {
        let schedule = try CalendarFixtures.schedule(2021, holidays: [
            ("National Day", "国庆节", "2021-10-01", "2021-10-07"), ("New Year's Day", "元旦", "2021-01-01", "2021-01-03"),
        ], worked: [("2021-10-09", "National Day"), ("2021-09-26", "National Day")])
        #expect(schedule.holidays.map(\.name) == ["New Year's Day", "National Day"])
        #expect(schedule.swappedWorkingDays.map(\.day.description) == ["2021-09-26", "2021-10-09"])
        #expect(schedule.holidays.map(\.weekdaysOff) == [1, 5])
    }
}
