import MemberwiseInit

/// The days park statistics cover, as asked: up to `to` (today when not given), from `from`,
/// the park's first day (`sinceOpening`) or the first of `to`'s year.
@MemberwiseInit
public struct StatisticsPeriod: Equatable, Sendable {
    public var from: CivilDate
    public var to: CivilDate

    /// Decides the period. `openingDay` is the park's first day (nil for a park with no data
    /// yet: since opening is then the last day alone). Refused: `from` with `sinceOpening`, a
    /// `from` after `to`, and since opening up to a day before the park opened (nothing to
    /// count, which a period of that one day would have hidden).
    public static func decide(
        from: CivilDate?, to: CivilDate?, sinceOpening: Bool, openingDay: CivilDate?, today: CivilDate
    ) throws(DomainError) -> StatisticsPeriod {
        let to = to ?? today
        guard sinceOpening else {
            let from = from ?? CivilDate(year: to.year, month: 1, day: 1)!
            try DomainError.checkOrder(from: from, to: to)
            return StatisticsPeriod(from: from, to: to)
        }
        guard from == nil else { throw .invalid("from", "give from or sinceOpening, not both") }
        guard let openingDay else { return StatisticsPeriod(from: to, to: to) }
        guard openingDay <= to else {
            throw .invalid("to", "\(to) is before the park's first day, \(openingDay): nothing to count since opening")
        }
        return StatisticsPeriod(from: openingDay, to: to)
    }
}
