import GRDB
import ParkCore

/// One version of a tenant's report for a month.
public struct StoredReport: Sendable, Equatable {
    public var tenantID: Int64
    public var tenantName: String
    public var month: Month
    public var figures: OperatingFigures
    /// 1 for the first submission, then one more per correction.
    public var version: Int
    public var isCurrent: Bool
    /// Why it was corrected (nil for a first submission without one).
    public var reason: String?
    public var recordedAt: String
    public var recordedBy: String
}

extension ParkDatabase {
    /// Records a tenant's report for a month, or corrects it: the earlier version is kept.
    ///
    /// Refused: figures that are negative or absurd, a month after `today`'s, a month the tenant
    /// was not in the park, and a correction without a reason.
    public func submitReport(
        _ tenant: TenantReference, month: Month, figures: OperatingFigures, reason: String?, today: CivilDate,
        context: ChangeContext
    ) async throws -> StoredReport {
        try await write(audit: context.call, at: context.at, outcome: context.outcome) { db in
            if let problem = figures.problems.first { throw problem }
            let stored = try ParkDatabase.loadTenant(db, tenant)
            guard month <= Month(year: today.year, month: today.month) else {
                throw DomainError.invalid("month", "\(month) has not begun (today is \(today))")
            }
            guard stored.tenant.wasInPark(during: month) else {
                let stay = stored.tenant.daysInPark.map { "it was in the park from \($0.lowerBound) to \($0.upperBound == CivilDate(year: 9999, month: 12, day: 31)! ? "now" : $0.upperBound.description)" }
                    ?? "it has never been active in the park"
                throw DomainError.invalid("month", "tenant \(stored.id) was not in the park in \(month); \(stay)")
            }
            let reason = try reason.flatMap { try TenantField.optionalText($0, field: "reason", maxLength: 500) }
            let previous = try Int.fetchOne(db, sql: "SELECT MAX(version) FROM operatingReport WHERE tenantId = ? AND month = ?",
                                            arguments: [stored.id, month.description]) ?? 0
            if previous > 0, reason == nil {
                throw DomainError.invalid("reason", "the report for \(month) exists; a correction needs a reason")
            }
            try db.execute(sql: "UPDATE operatingReport SET isCurrent = 0 WHERE tenantId = ? AND month = ? AND isCurrent",
                           arguments: [stored.id, month.description])
            try db.execute(sql: """
                INSERT INTO operatingReport (tenantId, month, version, isCurrent, revenueFen, taxFen, employersServed,
                  workersDispatched, workersOutsourced, jobSeekersServed, placements, trainingSessions, trainingAttendees,
                  phdHires, headcount, reason, recordedAt, recordedBy)
                VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [
                    stored.id, month.description, previous + 1, figures.revenue.fen, figures.tax.fen, figures.employersServed,
                    figures.workersDispatched, figures.workersOutsourced, figures.jobSeekersServed, figures.placements,
                    figures.trainingSessions, figures.trainingAttendees, figures.phdHires, figures.headcount, reason,
                    context.at, context.recordedBy,
                ])
            return try ParkDatabase.loadReports(db, where: "r.tenantId = ? AND r.month = ? AND r.isCurrent", [stored.id, month.description])[0]
        }
    }

    /// Current reports, by month then tenant, optionally of one tenant and within months.
    public func reports(tenant: TenantReference? = nil, from: Month? = nil, to: Month? = nil) async throws -> [StoredReport] {
        try await read { db in
            var conditions = ["r.isCurrent"]
            var arguments: [any DatabaseValueConvertible] = []
            if let tenant {
                conditions.append("r.tenantId = ?")
                arguments.append(try ParkDatabase.loadTenant(db, tenant).id)
            }
            if let from {
                conditions.append("r.month >= ?")
                arguments.append(from.description)
            }
            if let to {
                conditions.append("r.month <= ?")
                arguments.append(to.description)
            }
            return try ParkDatabase.loadReports(db, where: conditions.joined(separator: " AND "), arguments)
        }
    }

    /// Every version of a tenant's report for a month, oldest first.
    public func reportHistory(_ tenant: TenantReference, month: Month) async throws -> [StoredReport] {
        try await read { db in
            let id = try ParkDatabase.loadTenant(db, tenant).id
            return try ParkDatabase.loadReports(db, where: "r.tenantId = ? AND r.month = ?", [id, month.description])
        }
    }

    private static func loadReports(_ db: Database, where condition: String, _ arguments: [any DatabaseValueConvertible]) throws -> [StoredReport] {
        try Row.fetchAll(db, sql: """
            SELECT r.tenantId, t.name, r.month, r.version, r.isCurrent, r.revenueFen, r.taxFen, r.employersServed,
              r.workersDispatched, r.workersOutsourced, r.jobSeekersServed, r.placements, r.trainingSessions,
              r.trainingAttendees, r.phdHires, r.headcount, r.reason, r.recordedAt, r.recordedBy
            FROM operatingReport r JOIN tenant t ON t.id = r.tenantId
            WHERE \(condition) ORDER BY r.month, r.tenantId, r.version
            """, arguments: StatementArguments(arguments)).map { row in
            guard let month = try? Month.parse(row[2], field: "month") else {
                throw StoreError.unusable("operatingReport", "holds a month this parkd cannot read")
            }
            let figures = OperatingFigures(
                revenue: Money(fen: row[5]), tax: Money(fen: row[6]), employersServed: row[7], workersDispatched: row[8],
                workersOutsourced: row[9], jobSeekersServed: row[10], placements: row[11], trainingSessions: row[12],
                trainingAttendees: row[13], phdHires: row[14], headcount: row[15])
            return StoredReport(
                tenantID: row[0], tenantName: row[1], month: month, figures: figures, version: row[3], isCurrent: row[4],
                reason: row[16], recordedAt: row[17], recordedBy: row[18])
        }
    }
}
