import GRDB
import ParkCore

extension ParkDatabase {
    /// The query that sums the current reports month by month, between two `YYYY-MM` arguments
    /// (the benchmark times it bare, beside `statistics`).
    public static var monthTotalsQuery: String { MonthTotalsQuery.sql }

    /// Everything `stats` shows for the period asked (`StatisticsPeriod.decide`), read in one
    /// transaction: the figures agree with each other even while tenants report.
    public func parkFigures(
        from: CivilDate?, to: CivilDate?, sinceOpening: Bool, monthly: Bool, today: CivilDate, now: Int64
    ) async throws -> ParkFigures {
        try await readInBackground { db in
            let period = try StatisticsPeriod.decide(
                from: from, to: to, sinceOpening: sinceOpening, openingDay: sinceOpening ? try ParkDatabase.openingDay(db) : nil, today: today)
            return ParkFigures(
                period: period, statistics: try ParkDatabase.statistics(db, from: period.from, to: period.to, monthly: monthly),
                incubator: try ParkDatabase.incubatorOccupancy(db, on: period.to),
                events: EventFigures.compute(
                    try ParkDatabase.eventsEnding(db, from: period.from, through: period.to), from: period.from, through: period.to, now: now),
                paid: PaidUnderRule.summing(try ParkDatabase.paidAmounts(db, year: nil), years: period.from.year...period.to.year))
        }
    }

    /// The park's headline figures for the days `from` through `to`: registry and leases as they
    /// stood on `to`, reported figures summed over the months the period touches.
    static func statistics(_ db: Database, from: CivilDate, to: CivilDate, monthly: Bool) throws -> ParkStatistics {
            let tenants = try ParkDatabase.tenantStandings(db)
            let leases = try Int64.fetchAll(db, sql: "SELECT id FROM lease WHERE start <= ?", arguments: [to.description])
                .map { try ParkDatabase.loadLease(db, $0).lease }
            let officeArea = Area(centiSquareMetres: try RentalUnitRecord.inPark(kind: .office, on: to).fetchOne(db)?["areaCenti"] ?? 0)
            let monthTotals = try Row.fetchAll(
                db, sql: MonthTotalsQuery.sql,
                arguments: [Month(year: from.year, month: from.month).description, Month(year: to.year, month: to.month).description]
            ).map(MonthTotalsQuery.totals)
            return ParkStatistics.compute(
                from: from, to: to, tenants: tenants, leases: leases, officeArea: officeArea,
                monthTotals: monthTotals, monthly: monthly)
    }

    /// The park's first day, as statistics "since opening" start: the earliest day a firm
    /// applied (as an applicant of the registry, or by an application) or an event began;
    /// nil in a park without either.
    static func openingDay(_ db: Database) throws -> CivilDate? {
            let first = try String.fetchOne(db, sql: """
                SELECT MIN(day) FROM (
                  SELECT MIN(appliedOn) AS day FROM tenant
                  UNION ALL SELECT MIN(appliedOn) FROM application
                  UNION ALL SELECT MIN(substr(startLocal, 1, 10)) FROM eventOccurrence)
                """)
            return try first.map { try CivilDate.parse($0, field: "openingDay") }
    }

    /// Every tenant as the statistics read it: the day it applied, its status changes and its
    /// lines, read from three tables in one pass each (not every tenant's whole record).
    static func tenantStandings(_ db: Database) throws -> [TenantStanding] {
        var changes: [Int64: [(on: CivilDate, to: TenantStatus)]] = [:]
        let changeRows = try Row.fetchCursor(db, sql: "SELECT tenantId, toStatus, effectiveOn FROM tenantStatusChange ORDER BY tenantId, id")
        while let row = try changeRows.next() {
            let tenant: Int64 = row["tenantId"]
            guard let to = TenantStatus(rawValue: row["toStatus"]), let on = try? CivilDate.parse(row["effectiveOn"] as String, field: "effectiveOn") else {
                throw StoreError.unreadable("tenantStatusChange of tenant \(tenant)")
            }
            changes[tenant, default: []].append((on, to))
        }
        var lines: [Int64: [BusinessLine]] = [:]
        let lineRows = try Row.fetchCursor(db, sql: "SELECT tenantId, line FROM tenantBusinessLine")
        while let row = try lineRows.next() {
            if let line = BusinessLine(rawValue: row["line"]) { lines[row["tenantId"], default: []].append(line) }
        }
        var standings: [TenantStanding] = []
        let tenantRows = try Row.fetchCursor(db, sql: "SELECT id, appliedOn FROM tenant ORDER BY id")
        while let row = try tenantRows.next() {
            let id: Int64 = row["id"]
            guard let appliedOn = try? CivilDate.parse(row["appliedOn"] as String, field: "appliedOn") else { throw StoreError.unreadable("tenant \(id)") }
            standings.append(TenantStanding(appliedOn: appliedOn, changes: changes[id] ?? [], businessLines: lines[id] ?? []))
        }
        return standings
    }
}
