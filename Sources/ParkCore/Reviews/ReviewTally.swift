import MemberwiseInit

/// The result of one applicant at close, decided from the sheets that count: the latest sheet
/// of each panel member not conflicted with it.
public struct ReviewTally: Equatable, Sendable {
    /// A sheet that counts, by the reviewer who wrote it.
    @MemberwiseInit
    public struct CountedSheet: Equatable, Sendable {
        /// The stored version's id.
        public var id: Int64
        public var reviewer: Reviewer
        public var total: Score
        public var veto: ScoreSheet.Veto?
    }

    public enum Outcome: String, Sendable, CaseIterable {
        /// At or above the threshold, and no veto.
        case passed
        /// Below the threshold, and no veto.
        case failed
        /// A reviewer vetoed it: rejected whatever its score.
        case vetoed
    }

    /// The fewest sheets a result is ever computed from.
    public static let fewestSheets = 3
    /// From this many sheets on, the single highest and single lowest totals are dropped.
    public static let trimmedFrom = 5

    public var application: Int64
    /// Panel members not conflicted with the applicant.
    public var eligible: Int
    public var sheets: [CountedSheet]
    /// The sheets whose totals were dropped (the highest and the lowest), by id.
    public var dropped: [Int64]
    /// The mean, rounded half-up to 0.01 once, in hundredths of a point.
    public var scoreHundredths: Int
    public var outcome: Outcome

    /// Whether `submitted` sheets from `eligible` members make a quorum: at least two thirds of
    /// them, and never fewer than 3.
    public static func hasQuorum(submitted: Int, eligible: Int) -> Bool {
        submitted >= fewestSheets && submitted * 3 >= eligible * 2
    }

    /// How many sheets a quorum of `eligible` members needs.
    public static func quorum(eligible: Int) -> Int { max(fewestSheets, (eligible * 2 + 2) / 3) }

    /// Decides an applicant's result, or refuses for want of a quorum (naming the counts, never a score).
    public static func decide(
        application: Int64, eligible: Int, sheets: [CountedSheet], thresholdHundredths: Int
    ) throws(DomainError) -> ReviewTally {
        guard hasQuorum(submitted: sheets.count, eligible: eligible) else {
            throw .invalid("session", "application \(application) has \(sheets.count) of \(eligible) sheets from its non-conflicted reviewers; "
                + "closing needs \(quorum(eligible: eligible)) (two thirds, and never fewer than \(fewestSheets))"
                + (eligible < fewestSheets
                    ? "; only \(eligible) of the panel are not conflicted with it: replace a conflicted member (`parkctl review panel remove`)"
                    : ""))
        }
        // Ties in the totals drop the same total whichever sheet it is; the id makes the pick reproducible.
        let ordered = sheets.sorted { ($0.total, $0.id) < ($1.total, $1.id) }
        let kept = ordered.count >= trimmedFrom ? Array(ordered.dropFirst().dropLast()) : ordered
        let dropped = ordered.count >= trimmedFrom ? [ordered.first!.id, ordered.last!.id] : []
        let score = meanHundredths(halfPoints: kept.map(\.total.halfPoints))
        let outcome: Outcome = sheets.contains { $0.veto != nil } ? .vetoed : score >= thresholdHundredths ? .passed : .failed
        return ReviewTally(application: application, eligible: eligible, sheets: sheets, dropped: dropped, scoreHundredths: score, outcome: outcome)
    }

    /// The mean of totals given in half-points, in hundredths, rounded half-up once:
    /// sum / (2n) points = 100·sum / (2n) hundredths, and adding one half before flooring is
    /// adding n to the numerator.
    public static func meanHundredths(halfPoints totals: [Int]) -> Int {
        let count = totals.count
        guard count > 0 else { return 0 }
        let sum = totals.reduce(0, +)
        return (sum * 100 + count) / (2 * count)
    }

    /// "78.50".
    public static func points(hundredths: Int) -> String {
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
