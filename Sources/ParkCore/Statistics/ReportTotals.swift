/// Sums of reported figures over a period (current report versions only): how many reports, and
/// their revenue, tax and flows added up. The headcount is not summed (see
/// `OperatingFigures.flowCountFields`): it stays 0.
public struct ReportTotals: Equatable, Sendable {
    public var reports = 0
    public var sums = OperatingFigures.zero

    public init() {}

    public mutating func add(_ other: ReportTotals) {
        reports += other.reports
        sums.addFlows(of: other.sums)
    }
}
