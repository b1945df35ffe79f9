/// Why a month cannot be reported.
public enum ReportRefusal: Equatable, Sendable {
    /// The month is today's or later: a month is reported once it is over.
    case notEnded
    /// The tenant was not in the park that month; its stay, if it had one.
    case notInPark(ClosedRange<CivilDate>?)
}
