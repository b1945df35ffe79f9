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

    /// A row of `sql`; a value that is not what the query sums throws, as a record's would.
    static func totals(_ row: Row) throws -> (month: Month, totals: ReportTotals) {
        guard let month = try? Month.parse(try row.decode(String.self, forColumn: "month"), field: "month") else {
            throw StoreError.unreadable("operatingReport", "a month")
        }
        var totals = ReportTotals()
        totals.reports = try row.decode(forColumn: "reports")
        totals.sums.revenue = Money(fen: try row.decode(forColumn: "revenueFen"))
        totals.sums.tax = Money(fen: try row.decode(forColumn: "taxFen"))
        for flow in OperatingFigures.flowCountFields { totals.sums[count: flow] = try row.decode(forColumn: flow) }
        return (month, totals)
    }
}
