/// One year of the State Council's holiday schedule (国务院办公厅关于部分节假日安排的通知): the
/// holidays and the swapped working days (调休) of that year.
///
/// A schedule holds only its own year's days. When a New Year holiday begins in December, its
/// December days (and a December Saturday worked for it) belong to the schedule of that
/// December's year: the 2019 New Year, 2018-12-30 to 2019-01-01 off with 2018-12-29 worked, is
/// split between the schedules of 2018 and 2019. Each year is then covered by exactly one
/// schedule.
public struct HolidaySchedule: Equatable, Sendable {
    public let year: Int
    /// The holidays, earliest first.
    public let holidays: [Holiday]
    /// The Saturdays and Sundays worked, earliest first.
    public let swappedWorkingDays: [SwappedWorkingDay]
    private let daysOff: [CivilDate: Holiday]
    private let daysWorked: [CivilDate: SwappedWorkingDay]
    /// The day numbers of 1 January to 31 December.
    private let days: ClosedRange<Int>

    /// Checks the schedule and reports every problem at once: a date outside `year`, a holiday
    /// that ends before it begins or overlaps another, a swapped working day that is not a
    /// Saturday or Sunday, falls in a holiday or is given twice, an empty name.
    public init(year: Int, holidays: [Holiday], swappedWorkingDays: [SwappedWorkingDay]) throws(ScheduleProblems) {
        guard let january1 = CivilDate(year: year, month: 1, day: 1), let december31 = CivilDate(year: year, month: 12, day: 31) else {
            throw ScheduleProblems([ScheduleProblem(year: year, entry: .year, field: "year", reason: "\(year) is not a year from 1 to 9999")])
        }
        var problems: [ScheduleProblem] = []
        func outsideYear(_ date: CivilDate) -> String? {
            guard date.year != year else { return nil }
            return "\(date) is not in \(year): a schedule holds only its own year's days "
                + "(the December days of a New Year holiday belong to that December's year)"
        }
        for (index, holiday) in holidays.enumerated() {
            func problem(_ field: String, _ reason: String) {
                problems.append(ScheduleProblem(year: year, entry: .holiday(index), field: field, reason: reason))
            }
            if holiday.name.isEmpty { problem("name", "is empty; give the holiday's English name, such as National Day") }
            if holiday.chineseName.isEmpty { problem("chinese", "is empty; give the holiday's Chinese name, such as 国庆节") }
            if let reason = outsideYear(holiday.first) { problem("from", reason) }
            if let reason = outsideYear(holiday.last) { problem("to", reason) }
            if holiday.last < holiday.first { problem("to", "\(holiday.last) is before the first day off, \(holiday.first)") }
            if let other = holidays[..<index].first(where: { $0.first <= holiday.last && holiday.first <= $0.last }) {
                problem("from", "overlaps \(other.name) (\(other.span)); a day belongs to one holiday")
            }
        }
        for (index, swapped) in swappedWorkingDays.enumerated() {
            func problem(_ field: String, _ reason: String) {
                problems.append(ScheduleProblem(year: year, entry: .workingDay(index), field: field, reason: reason))
            }
            let day = swapped.day
            if swapped.makesUpFor.isEmpty { problem("for", "is empty; name the holiday this day is worked for") }
            if let reason = outsideYear(day) { problem("day", reason) }
            if !day.weekday.isWeekend {
                problem("day", "\(day) is a \(day.weekday), a working day anyway; a swapped working day is a Saturday or a Sunday")
            }
            if let holiday = holidays.first(where: { $0.contains(day) }) {
                problem("day", "\(day) falls in \(holiday.name) (\(holiday.span)); a day is either off or worked")
            }
            if swappedWorkingDays[..<index].contains(where: { $0.day == day }) { problem("day", "\(day) is given twice") }
        }
        guard problems.isEmpty else { throw ScheduleProblems(problems) }
        self.year = year
        days = january1.dayNumber...december31.dayNumber
        self.holidays = holidays.sorted { $0.first < $1.first }
        self.swappedWorkingDays = swappedWorkingDays.sorted { $0.day < $1.day }
        daysOff = Dictionary(holidays.flatMap { holiday in holiday.dates.map { ($0, holiday) } }, uniquingKeysWith: { first, _ in first })
        daysWorked = Dictionary(swappedWorkingDays.map { ($0.day, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Whether `date`, a day of this schedule's year, is worked: Monday to Friday unless a
    /// holiday, Saturday and Sunday only when swapped.
    public func isWorkingDay(_ date: CivilDate) -> Bool {
        date.weekday.isWeekend ? daysWorked[date] != nil : daysOff[date] == nil
    }

    /// The holiday `date` falls in, if any.
    public func holiday(on date: CivilDate) -> Holiday? { daysOff[date] }

    /// The swapped working day `date` is, if it is one.
    public func swappedWorkingDay(on date: CivilDate) -> SwappedWorkingDay? { daysWorked[date] }

    /// Every working day of the year, in order.
    public var workingDays: [CivilDate] { days.map(CivilDate.init(dayNumber:)).filter(isWorkingDay) }

    /// The Mondays to Fridays of the year.
    public var weekdays: Int { days.count { !CivilDate(dayNumber: $0).weekday.isWeekend } }

    /// The Mondays to Fridays of the year that are holidays.
    public var weekdaysOff: Int { holidays.reduce(0) { $0 + $1.weekdaysOff } }
}
