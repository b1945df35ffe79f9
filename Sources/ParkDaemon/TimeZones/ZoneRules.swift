import ParkCore

/// The rules of a zone from `ZoneInfoDirectory`, whichever kind they are.
struct ZoneRules: TimeZoneRules {
    private let rules: any TimeZoneRules

    init(_ rules: some TimeZoneRules) { self.rules = rules }

    func localTimeType(at second: Int64) -> LocalTimeType { rules.localTimeType(at: second) }
}
