/// UTC: offset 0, never daylight saving. Needs no zone file.
public struct UTCRules: TimeZoneRules {
    public init() {}

    public func localTimeType(at second: Int64) -> LocalTimeType {
        LocalTimeType(utcOffset: 0, isDaylightSaving: false, abbreviation: "UTC")
    }
}
