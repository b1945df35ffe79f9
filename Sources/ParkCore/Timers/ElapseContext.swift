import MemberwiseInit

/// What computing a timer's next elapse reads besides the timer: the park's time zone, the
/// zones its expressions name, and the working-day calendar in force.
@MemberwiseInit
public struct ElapseContext: Sendable {
    public var parkZone: any TimeZoneRules
    /// The rules of each zone an expression names (`Europe/Berlin`), by name.
    public var zones: [String: any TimeZoneRules] = [:]
    public var calendar: WorkingDayCalendar

    func zone(of spec: CalendarSpec) -> any TimeZoneRules {
        spec.timeZone.flatMap { zones[$0] } ?? parkZone
    }

    /// The park-local day of `instant` (microseconds since the epoch).
    public func localDate(of instant: Int64) -> CivilDate {
        let second = Self.floorDiv(instant, 1_000_000)
        let local = second + parkZone.localTimeType(at: second).utcOffset
        return CivilDate(dayNumber: Int(Self.floorDiv(local, 86_400)))
    }

    /// `instant` moved to `date` at the same park-local time of day.
    func moving(_ instant: Int64, to date: CivilDate) -> Int64 {
        let second = Self.floorDiv(instant, 1_000_000)
        let fraction = instant - second * 1_000_000
        let local = second + parkZone.localTimeType(at: second).utcOffset
        let target = local + Int64(date.dayNumber - localDate(of: instant).dayNumber) * 86_400
        let guess = target - parkZone.localTimeType(at: second).utcOffset
        return (target - parkZone.localTimeType(at: guess).utcOffset) * 1_000_000 + fraction
    }

    static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        a >= 0 ? a / b : (a - b + 1) / b
    }
}
