import MemberwiseInit

/// A Saturday or Sunday worked (调休) to make up for the days of a holiday.
@MemberwiseInit
public struct SwappedWorkingDay: Hashable, Sendable {
    public let day: CivilDate
    /// The English name of the holiday it makes up for; free text, since the holiday may lie
    /// in the next year's schedule (31 December 2011 was worked for New Year's Day 2012).
    public let makesUpFor: String
}
