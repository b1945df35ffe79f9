import GRDB
import ParkCore

/// The current reports of one month summed: the query, and its rows read as totals. Each sum is
/// named after the column it sums, and the flows summed are `OperatingFigures.flowCountFields`.
enum MonthTotalsQuery {
    /// A row per month from the first argument's through the second's (`YYYY-MM`), by month.
    static let sql = """
        SELECT month, COUNT(*) AS reports, SUM(revenueFen) AS revenueFen, SUM(taxFen) AS taxFen, \
        \(OperatingFigures.flowCountFields.map { "SUM(\($0)) AS \($0)" }.joined(separator: ", "))
        FROM operatingReport WHERE isCurrent AND month >= ? AND month <= ? GROUP BY month ORDER BY month
        """

    static func totals(_ row: Row) throws -> (month: Month, totals: ReportTotals) {
        guard let month = try? Month.parse(row["month"] as String, field: "month") else {
            throw StoreError.unreadable("operatingReport", "a month")
        }
        var totals = ReportTotals()
        totals.reports = row["reports"]
        totals.sums.revenue = Money(fen: row["revenueFen"])
        totals.sums.tax = Money(fen: row["taxFen"])
        for flow in OperatingFigures.flowCountFields { totals.sums[count: flow] = row[flow] }
        return (month, totals)
    }
}
