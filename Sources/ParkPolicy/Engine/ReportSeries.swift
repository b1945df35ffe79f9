import ParkCore

/// A tenant's reports indexed by month, for reading figures: its figures as given (no copy),
/// and where each month's report is. Held by its profile, and side by side for every tenant of
/// a run (`ColumnarInputs`), where a column of a figure reads one after another.
struct ReportSeries: Sendable {
    /// Every report's figures, `ReportFacts.figuresEach` a report (`ReportFacts.values`).
    private let values: [Int64]
    private let versions: [Int]
    /// By month from the first reported on, the position of that month's report plus one (0: no
    /// report; the last given for a month counts); empty when the reports are given one a month
    /// in order from the first (the usual case), as month − first is then the position.
    private let reportAt: [Int32]
    private let firstMonth: Int
    private let count: Int
    /// The first to the last month reported.
    let months: ClosedRange<Int>?

    /// Checks every report's month (the error names `tenant`).
    init(_ reports: ReportFacts, tenant: Int64) throws(PolicyRunError) {
        var first = Int.max, last = Int.min, inOrder = true
        for (position, month) in reports.monthIndexes.enumerated() {
            guard let month else { throw PolicyRunError("tenant \(tenant): report month '\(reports.months[position])' is not a month") }
            if position > 0, month != last + 1 { inOrder = false }
            first = min(first, month)
            last = max(last, month)
        }
        var reportAt: [Int32] = []
        if !inOrder {
            reportAt = [Int32](repeating: 0, count: last - first + 1)
            for (position, month) in reports.monthIndexes.enumerated() { reportAt[month! - first] = Int32(position + 1) }
        }
        values = reports.values
        versions = reports.versions
        self.reportAt = reportAt
        count = reports.count
        firstMonth = reports.isEmpty ? 0 : first
        months = reports.isEmpty ? nil : first...last
    }

    /// The position among the reports of `month`'s report (nil: none).
    @inline(__always)
    private func position(of month: Int) -> Int? {
        let offset = month - firstMonth
        if reportAt.isEmpty { return offset >= 0 && offset < count ? offset : nil }
        guard offset >= 0, offset < reportAt.count, reportAt[offset] > 0 else { return nil }
        return Int(reportAt[offset]) - 1
    }

    func figure(_ figure: ReportFigure, month: Int) -> Int64? {
        position(of: month).map { values[$0 * ReportFacts.figuresEach + figure.index] }
    }

    /// Σ of a figure over the months of `months` that have a report, and how many those are.
    /// A sum beyond Int64 fen is an overflow, never a crash.
    func sum(of figure: ReportFigure, in window: ClosedRange<Int>) throws(ArithmeticError) -> (total: Int64, reported: Int) {
        // `clamped` would turn a window that misses every reported month into the nearest one.
        guard let months, window.overlaps(months) else { return (0, 0) }
        var total: Int64 = 0
        var reported = 0
        for month in window.clamped(to: months) {
            guard let position = position(of: month) else { continue }
            let (sum, overflow) = total.addingReportingOverflow(values[position * ReportFacts.figuresEach + figure.index])
            guard !overflow else { throw .overflow }
            total = sum
            reported += 1
        }
        return (total, reported)
    }

    /// `sum(of:in:)`'s total alone; nil for a sum beyond Int64.
    @inline(__always)
    func total(of figure: ReportFigure, in window: ClosedRange<Int>) -> Int64? {
        (try? sum(of: figure, in: window))?.total
    }

    /// The version of a month's report (nil: none).
    func version(_ month: Int) -> Int? {
        position(of: month).map { max(1, versions[$0]) }
    }
}
