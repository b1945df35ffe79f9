import MemberwiseInit

/// A score on a review sheet, in steps of 0.5: kept as a whole number of half-points, so that
/// totals and means stay exact.
@MemberwiseInit
public struct Score: Comparable, Hashable, Sendable, CustomStringConvertible {
    public var halfPoints: Int

    /// Reads "17", "17.5" or "17.50"; anything off the 0.5 step, negative or not a number is
    /// refused, naming `field`, without repeating the value (it may be a reviewer's score).
    public static func parse(_ text: String, field: String) throws(DomainError) -> Score {
        if text.hasPrefix("-") { throw .invalid(field, "below 0: a score is 0 or more, such as 17 or 17.5") }
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, !whole.isEmpty, whole.count <= 6, whole.allSatisfy(\.isASCII), whole.allSatisfy(\.isNumber),
              let points = Int(whole) else {
            throw .invalid(field, "not a score: write a number such as 17 or 17.5")
        }
        var half = 0
        if parts.count == 2 {
            let fraction = parts[1]
            guard !fraction.isEmpty, fraction.allSatisfy(\.isASCII), fraction.allSatisfy(\.isNumber) else {
                throw .invalid(field, "not a score: write a number such as 17 or 17.5")
            }
            let first = fraction.first!
            let rest = fraction.dropFirst()
            guard rest.allSatisfy({ $0 == "0" }), first == "0" || first == "5" else {
                throw .invalid(field, "off the 0.5 step: scores go in steps of 0.5")
            }
            half = first == "5" ? 1 : 0
        }
        return Score(halfPoints: points * 2 + half)
    }

    public static func < (lhs: Score, rhs: Score) -> Bool { lhs.halfPoints < rhs.halfPoints }

    /// "17" or "17.5".
    public var description: String { halfPoints % 2 == 0 ? String(halfPoints / 2) : "\(halfPoints / 2).5" }
}
