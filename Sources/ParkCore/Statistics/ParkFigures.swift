import MemberwiseInit

/// Everything park statistics show for a period, read at one moment: the registry, leases and
/// reported sums (`ParkStatistics`), the incubator on the last day, the events that ended in the
/// period, and what was paid under each rule in the period's years.
@MemberwiseInit
public struct ParkFigures: Equatable, Sendable {
    public var period: StatisticsPeriod
    public var statistics: ParkStatistics
    public var incubator: IncubatorOccupancy
    public var events: [EventFigures]
    public var paid: [PaidUnderRule]
}

/// What was paid under one rule in one year, all tenants together.
@MemberwiseInit
public struct PaidUnderRule: Equatable, Sendable {
    public var year: Int
    public var rule: String
    public var lines: Int
    public var amount: Money

    /// The amounts of `years`, summed by year and rule, in that order.
    public static func summing(_ amounts: [PaidAmount], years: ClosedRange<Int>) -> [PaidUnderRule] {
        var sums: [String: PaidUnderRule] = [:]
        for amount in amounts where years.contains(amount.year) {
            let key = "\(amount.year) \(amount.rule)"
            var sum = sums[key] ?? PaidUnderRule(year: amount.year, rule: amount.rule, lines: 0, amount: .zero)
            sum.lines += amount.lines
            sum.amount = sum.amount + amount.amount
            sums[key] = sum
        }
        return sums.values.sorted { ($0.year, $0.rule) < ($1.year, $1.rule) }
    }
}
