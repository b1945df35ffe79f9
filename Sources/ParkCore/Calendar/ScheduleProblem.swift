import MemberwiseInit

/// Something wrong in a holiday schedule, naming the entry and field at fault so that whoever
/// read the schedule from a file can point at the line.
@MemberwiseInit
public struct ScheduleProblem: Equatable, Sendable, CustomStringConvertible {
    /// Where in the schedule.
    public enum Entry: Equatable, Sendable {
        /// The schedule's year.
        case year
        /// The holiday at this position of the schedule's list (0-based).
        case holiday(Int)
        /// The swapped working day at this position of the schedule's list (0-based).
        case workingDay(Int)
    }

    /// The year of the schedule at fault.
    public let year: Int
    public let entry: Entry
    /// The field of the entry: `year`, `name`, `chinese`, `from`, `to`, `day` or `for`.
    public let field: String
    public let reason: String

    public var description: String { "\(year): \(field): \(reason)" }
}

/// Every problem found in the schedules given; none of them is used.
public struct ScheduleProblems: Error, Equatable, Sendable, CustomStringConvertible {
    public let problems: [ScheduleProblem]

    public init(_ problems: [ScheduleProblem]) { self.problems = problems }

    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
