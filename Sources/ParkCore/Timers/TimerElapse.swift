import MemberwiseInit

/// One elapse of a timer.
@MemberwiseInit
public struct TimerElapse: Equatable, Sendable {
    /// When it runs (microseconds since the epoch).
    public var instant: Int64
    /// The park-local day off it was moved from (`on_holiday: next-working-day`); nil when it
    /// runs at the expression's own elapse.
    public var movedFrom: CivilDate? = nil
}
