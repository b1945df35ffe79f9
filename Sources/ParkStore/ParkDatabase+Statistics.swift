import GRDB
import ParkCore

extension ParkDatabase {
    /// The park's headline figures for the days `from` through `to`: registry and leases as they
    /// stood on `to`, reported figures summed over the months the period touches.
    public func statistics(from: CivilDate, to: CivilDate, monthly: Bool) async throws -> ParkStatistics {
        try await readInBackground { db in
            let tenants = try ParkDatabase.loadTenants(db, records: TenantRecord.fetchAll(db)).map(\.tenant)
            let leases = try Int64.fetchAll(db, sql: "SELECT id FROM lease WHERE start <= ?", arguments: [to.description])
                .map { try ParkDatabase.loadLease(db, $0).lease }
            let officeArea = Area(centiSquareMetres: try Int64.fetchOne(db, sql: "SELECT COALESCE(SUM(areaCenti), 0) FROM rentalUnit WHERE kind = 'office'") ?? 0)
            let rows = try Row.fetchAll(db, sql: """
                SELECT month, COUNT(*), SUM(revenueFen), SUM(taxFen), SUM(employersServed), SUM(workersDispatched),
                  SUM(workersOutsourced), SUM(jobSeekersServed), SUM(placements), SUM(trainingSessions),
                  SUM(trainingAttendees), SUM(phdHires)
                FROM operatingReport WHERE isCurrent AND month >= ? AND month <= ? GROUP BY month ORDER BY month
                """, arguments: [Month(year: from.year, month: from.month).description, Month(year: to.year, month: to.month).description])
            let monthTotals = try rows.map { row -> (month: Month, totals: ReportTotals) in
                guard let month = try? Month.parse(row[0], field: "month") else {
                    throw StoreError.unusable("operatingReport", "holds a month this parkd cannot read")
                }
                var totals = ReportTotals()
                totals.reports = row[1]
                totals.revenue = Money(fen: row[2])
                totals.tax = Money(fen: row[3])
                totals.employersServed = row[4]
                totals.workersDispatched = row[5]
                totals.workersOutsourced = row[6]
                totals.jobSeekersServed = row[7]
                totals.placements = row[8]
                totals.trainingSessions = row[9]
                totals.trainingAttendees = row[10]
                totals.phdHires = row[11]
                return (month, totals)
            }
            return ParkStatistics.compute(
                from: from, to: to, tenants: tenants, leases: leases, officeArea: officeArea,
                monthTotals: monthTotals, monthly: monthly)
        }
    }
}
