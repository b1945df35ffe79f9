import MemberwiseInit

/// One local time type of a time zone, as a TZif file lists them: `CET` is UTC+1 without
/// daylight saving, `CEST` UTC+2 with it.
@MemberwiseInit
public struct LocalTimeType: Equatable, Sendable {
    /// Seconds east of UTC.
    public var utcOffset: Int64
    public var isDaylightSaving: Bool
    /// The abbreviation clocks show, such as `CET` or `+08`.
    public var abbreviation: String
}
