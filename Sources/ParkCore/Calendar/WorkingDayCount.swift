/// "`workingDays` working days after `start`" and what the count met on the way: what a clerk
/// checks a deadline against.
public struct WorkingDayCount: Equatable, Sendable {
    public let start: CivilDate
    public let workingDays: Int
    /// The day the count ends on.
    public let result: CivilDate
    /// The holiday days passed over, a run per holiday with only the days the count looked at
    /// (the two parts of a New Year holiday across 31 December are one run).
    public let holidaysPassed: [Holiday]
    /// The Saturdays and Sundays counted as working days.
    public let swappedWorkingDays: [SwappedWorkingDay]
}
