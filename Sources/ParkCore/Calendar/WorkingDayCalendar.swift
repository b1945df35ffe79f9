/// The days the park works: the State Council's holiday schedules, one a year, over the Monday
/// to Friday week. Every deadline counted in working days (public notices, appeal windows,
/// timers) is counted with it. A day of a year it holds no schedule for is an error naming the
/// year, never a guess.
public struct WorkingDayCalendar: Equatable, Sendable {
    /// No schedule: every question about a day is refused, naming its year.
    public static let empty = WorkingDayCalendar(byYear: [:])

    private let byYear: [Int: HolidaySchedule]

    private init(byYear: [Int: HolidaySchedule]) { self.byYear = byYear }

    /// The calendar of these schedules; a year given by more than one is refused, a problem
    /// per such year.
    public init(_ schedules: [HolidaySchedule]) throws(ScheduleProblems) {
        let byYear = Dictionary(grouping: schedules, by: \.year)
        let repeated = byYear.filter { $0.value.count > 1 }.keys.sorted()
        guard repeated.isEmpty else {
            throw ScheduleProblems(repeated.map { year in
                ScheduleProblem(year: year, entry: .year, field: "year", reason: "\(year) is given by more than one schedule")
            })
        }
        self.init(byYear: byYear.compactMapValues(\.first))
    }

    /// The years covered, in order.
    public var years: [Int] { byYear.keys.sorted() }

    /// The schedule of `year`.
    public func schedule(of year: Int) throws(DomainError) -> HolidaySchedule {
        guard let schedule = byYear[year] else { throw .yearNotCovered(year) }
        return schedule
    }

    public func isWorkingDay(_ date: CivilDate) throws(DomainError) -> Bool {
        try schedule(of: date.year).isWorkingDay(date)
    }

    /// Every working day of `year`, in order.
    public func workingDays(in year: Int) throws(DomainError) -> [CivilDate] {
        try schedule(of: year).workingDays
    }

    /// "`n` working days after `date`": the nth working day after it. With `n` = 0, the date
    /// itself when it is a working day, else the first working day after it (a deadline that
    /// falls on a day off moves to the next working day).
    public func adding(workingDays n: Int, to date: CivilDate) throws(DomainError) -> CivilDate {
        try counting(workingDays: n, after: date).result
    }

    /// `adding(workingDays:to:)` with the days off it passed over and the weekend days it
    /// counted. Every year from the date's to the result's must be covered, the date's own
    /// included even when only the days after it are counted.
    public func counting(workingDays n: Int, after date: CivilDate) throws(DomainError) -> WorkingDayCount {
        guard n >= 0 else { throw .invalid("days", "\(n) is not a number of working days; give 0 or more") }
        var schedule = try schedule(of: date.year)
        var day = n == 0 ? date : date.adding(days: 1)
        var toCount = max(n, 1)
        var holidays: [Holiday] = []
        var swapped: [SwappedWorkingDay] = []
        while true {
            if day.year != schedule.year { schedule = try self.schedule(of: day.year) }
            if let holiday = schedule.holiday(on: day) {
                // One run per holiday, the two parts of a New Year across 31 December included.
                if let run = holidays.last, run.name == holiday.name, run.last.adding(days: 1) == day {
                    holidays[holidays.count - 1] = Holiday(name: run.name, chineseName: run.chineseName, first: run.first, last: day)
                } else {
                    holidays.append(Holiday(name: holiday.name, chineseName: holiday.chineseName, first: day, last: day))
                }
            } else if let worked = schedule.swappedWorkingDay(on: day) {
                swapped.append(worked)
            }
            if schedule.isWorkingDay(day) {
                toCount -= 1
                if toCount == 0 { break }
            }
            day = day.adding(days: 1)
        }
        return WorkingDayCount(start: date, workingDays: n, result: day, holidaysPassed: holidays, swappedWorkingDays: swapped)
    }
}
