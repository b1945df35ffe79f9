import MemberwiseInit

/// A calendar month, `YYYY-MM`.
@MemberwiseInit
public struct Month: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int

    public static func parse(_ text: String, field: String) throws(DomainError) -> Month {
        let (year, month) = try CivilDate.parseMonth(text, field: field)
        return Month(year: year, month: month)
    }

    /// Parses a month that parkd is to record (a report's): `parse`, then a year of
    /// `CivilDate.recordedYears`.
    public static func parseRecorded(_ text: String, field: String) throws(DomainError) -> Month {
        let month = try parse(text, field: field)
        try CivilDate.checkRecorded(year: month.year, text: text, field: field)
        return month
    }

    public var firstDay: CivilDate { CivilDate(year: year, month: month, day: 1)! }
    public var lastDay: CivilDate { CivilDate(year: year, month: month, day: CivilDate.daysIn(month: month, year: year))! }

    public static func < (lhs: Month, rhs: Month) -> Bool { (lhs.year, lhs.month) < (rhs.year, rhs.month) }

    public var description: String {
        guard (0...9999).contains(year), (1...12).contains(month) else {
            return (year < 1000 ? String(repeating: "0", count: 4 - String(year).count) : "") + "\(year)-" + (month < 10 ? "0\(month)" : "\(month)")
        }
        return CivilDate.text(year: year, month: month, day: nil)
    }
}
