import GRDB
import ParkCore

/// The current reports of one month summed: a row of `sql`, each sum read by its alias.
struct MonthTotalsRow: Decodable, FetchableRecord {
    var month: String
    var reports: Int
    var revenueFen: Int64
    var taxFen: Int64
    var employersServed: Int
    var workersDispatched: Int
    var workersOutsourced: Int
    var jobSeekersServed: Int
    var placements: Int
    var trainingSessions: Int
    var trainingAttendees: Int
    var phdHires: Int

    /// A row per month from the first argument's through the second's (`YYYY-MM`), by month.
    static let sql = """
        SELECT month, COUNT(*) AS reports, SUM(revenueFen) AS revenueFen, SUM(taxFen) AS taxFen,
          SUM(employersServed) AS employersServed, SUM(workersDispatched) AS workersDispatched,
          SUM(workersOutsourced) AS workersOutsourced, SUM(jobSeekersServed) AS jobSeekersServed,
          SUM(placements) AS placements, SUM(trainingSessions) AS trainingSessions,
          SUM(trainingAttendees) AS trainingAttendees, SUM(phdHires) AS phdHires
        FROM operatingReport WHERE isCurrent AND month >= ? AND month <= ? GROUP BY month ORDER BY month
        """

    var totals: (month: Month, totals: ReportTotals) {
        get throws {
            guard let month = try? Month.parse(month, field: "month") else { throw StoreError.unreadable("operatingReport", "a month") }
            var totals = ReportTotals()
            totals.reports = reports
            totals.revenue = Money(fen: revenueFen)
            totals.tax = Money(fen: taxFen)
            totals.employersServed = employersServed
            totals.workersDispatched = workersDispatched
            totals.workersOutsourced = workersOutsourced
            totals.jobSeekersServed = jobSeekersServed
            totals.placements = placements
            totals.trainingSessions = trainingSessions
            totals.trainingAttendees = trainingAttendees
            totals.phdHires = phdHires
            return (month, totals)
        }
    }
}
