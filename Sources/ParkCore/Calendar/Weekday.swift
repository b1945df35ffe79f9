/// A day of the week, Monday first as in China's working week.
public enum Weekday: Int, CaseIterable, Sendable, CustomStringConvertible {
    case monday = 1, tuesday, wednesday, thursday, friday, saturday, sunday

    /// Saturday and Sunday: days off unless a holiday schedule swaps them into working days.
    public var isWeekend: Bool { self == .saturday || self == .sunday }

    public var description: String {
        switch self {
        case .monday: "Monday"
        case .tuesday: "Tuesday"
        case .wednesday: "Wednesday"
        case .thursday: "Thursday"
        case .friday: "Friday"
        case .saturday: "Saturday"
        case .sunday: "Sunday"
        }
    }
}

extension CivilDate {
    /// The day of the week (1970-01-01, day number 0, was a Thursday).
    public var weekday: Weekday {
        Weekday.allCases[((dayNumber + 3) % 7 + 7) % 7]
    }
}
