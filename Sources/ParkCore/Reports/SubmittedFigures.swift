import MemberwiseInit

/// The figures a submission gives for a month: all of them for a first report (revenue and tax
/// required, counts 0 when not given), only those that change for a correction — the others
/// keep the version in force.
@MemberwiseInit
public struct SubmittedFigures: Equatable, Sendable {
    public var revenue: Money?
    public var tax: Money?
    /// Counts by their wire name (`placements`, `headcount`, … as in `OperatingFigures.countFields`).
    public var counts: [String: Int]

    public var isEmpty: Bool { revenue == nil && tax == nil && counts.isEmpty }

    /// Decides the new version over `previous`, the figures in force (nil when the month has no
    /// report yet). The one rule for `report add` and for every row of a CSV import: a first
    /// report needs revenue and tax (counts not given are 0); a correction changes only the
    /// figures given, keeps the others, and must change at least one.
    ///
    /// `withdrawnIn`: the version that withdrew the month's report, when it was; the month is
    /// then reported again as a first report, and a refusal says why one is needed.
    public func decide(over previous: OperatingFigures?, withdrawnIn: Int? = nil) -> SubmissionDecision {
        var problems: [DomainError] = []
        var figures: OperatingFigures
        var changes: [String] = []
        if let previous {
            guard !isEmpty else {
                return .refuse(.invalid("figures", "a correction gives at least one figure; the others keep the version in force"), more: [])
            }
            figures = previous
            if let revenue, revenue != previous.revenue {
                figures.revenue = revenue
                changes.append("revenue \(previous.revenue) → \(revenue)")
            }
            if let tax, tax != previous.tax {
                figures.tax = tax
                changes.append("tax \(previous.tax) → \(tax)")
            }
            for field in OperatingFigures.countFields {
                guard let value = counts[field], value != previous[count: field] else { continue }
                changes.append("\(field) \(previous[count: field]) → \(value)")
                figures[count: field] = value
            }
            guard !changes.isEmpty else {
                return .refuse(.invalid("figures", "the correction changes nothing: every figure given is already in force"), more: [])
            }
        } else {
            // Why a first report is asked for, said once: with the first figure missing.
            var needs = withdrawnIn.map { "its report was withdrawn (version \($0)), so this is a first report of the month, which needs" }
                ?? "a first report of a month needs"
            if revenue == nil {
                problems.append(.invalid("revenue", "\(needs) the revenue"))
                needs = "a first report of a month needs"
            }
            if tax == nil { problems.append(.invalid("tax", "\(needs) the tax paid")) }
            figures = .zero
            figures.revenue = revenue ?? .zero
            figures.tax = tax ?? .zero
            for (field, value) in counts { figures[count: field] = value }
        }
        // A figure missing is not judged as 0; nor is tax without a revenue to judge it by.
        var unjudged = Set(problems.map(\.field))
        if unjudged.contains("revenue") { unjudged.insert("tax") }
        problems += figures.problems(revenueChangedAlone: previous != nil && revenue != nil && tax == nil).filter { !unjudged.contains($0.field) }
        guard let first = problems.first else { return .record(figures, changes: changes) }
        return .refuse(first, more: Array(problems.dropFirst()))
    }

    /// Decides the new version over where the month's report stands (`decide(over:withdrawnIn:)`).
    public func decide(over standing: ReportStanding) -> SubmissionDecision {
        decide(over: standing.inForce, withdrawnIn: standing.withdrawnIn)
    }
}
