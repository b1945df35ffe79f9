import MemberwiseInit

/// A timer as the configuration defines it: when it elapses and what it does.
@MemberwiseInit
public struct TimerDefinition: Equatable, Sendable {
    public var name: String
    /// The calendar expressions (systemd.time(7)), already parsed; it elapses at each one's
    /// elapses.
    public var calendars: [CalendarSpec]
    public var action: TimerAction
    /// A run missed while parkd was down runs once after start.
    public var persistent: Bool = false
    /// How late a run may start after its elapse (microseconds), so that elapses close together
    /// share one wake-up: systemd's `AccuracySec=`.
    public var accuracy: Int64 = defaultAccuracy
    /// Elapses on a day off of the park's working-day calendar are skipped or moved.
    public var workingDaysOnly: Bool = false
    public var onHoliday: HolidayRule = .skip

    /// systemd's default `AccuracySec=`.
    public static let defaultAccuracy: Int64 = 60_000_000

    public static func == (lhs: TimerDefinition, rhs: TimerDefinition) -> Bool {
        lhs.name == rhs.name && lhs.calendars.map(\.normalized) == rhs.calendars.map(\.normalized) && lhs.action == rhs.action
            && lhs.persistent == rhs.persistent && lhs.accuracy == rhs.accuracy && lhs.workingDaysOnly == rhs.workingDaysOnly
            && lhs.onHoliday == rhs.onHoliday
    }

    /// Whether a timer name is one word of letters, digits, `-` and `_`, 1 to 64 long.
    public static func isValidName(_ name: String) -> Bool {
        (1...64).contains(name.count) && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
    }
}
