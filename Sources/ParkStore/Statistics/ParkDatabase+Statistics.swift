import GRDB
import ParkCore

extension ParkDatabase {
    /// The query that sums the current reports month by month, between two `YYYY-MM` arguments
    /// (the benchmark times it bare, beside `statistics`).
    public static var monthTotalsQuery: String { MonthTotalsRow.sql }

    /// The park's headline figures for the days `from` through `to`: registry and leases as they
    /// stood on `to`, reported figures summed over the months the period touches.
    public func statistics(from: CivilDate, to: CivilDate, monthly: Bool) async throws -> ParkStatistics {
        try await readInBackground { db in
            let tenants = try ParkDatabase.loadTenants(db, records: TenantRecord.fetchAll(db)).map(\.tenant)
            let leases = try Int64.fetchAll(db, sql: "SELECT id FROM lease WHERE start <= ?", arguments: [to.description])
                .map { try ParkDatabase.loadLease(db, $0).lease }
            let officeArea = Area(centiSquareMetres: try Int64.fetchOne(db, sql: "SELECT COALESCE(SUM(areaCenti), 0) FROM rentalUnit WHERE kind = 'office'") ?? 0)
            let monthTotals = try MonthTotalsRow.fetchAll(
                db, sql: MonthTotalsRow.sql,
                arguments: [Month(year: from.year, month: from.month).description, Month(year: to.year, month: to.month).description]
            ).map { try $0.totals }
            return ParkStatistics.compute(
                from: from, to: to, tenants: tenants, leases: leases, officeArea: officeArea,
                monthTotals: monthTotals, monthly: monthly)
        }
    }
}
