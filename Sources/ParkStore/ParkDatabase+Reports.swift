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
    /// Records a tenant's report for a month, or corrects it: a correction changes the figures
    /// it gives and keeps the others; the earlier version is kept, and what changed is returned.
    ///
    /// Refused: figures that are negative or absurd, a month after `today`'s, a month the tenant
    /// was not in the park, and a correction without a reason.
    public func submitReport(
        _ tenant: TenantReference, month: Month, figures submitted: SubmittedFigures, reason: String?, today: CivilDate,
        context: ChangeContext
    ) async throws -> (report: StoredReport, changes: [String]) {
        try await write(audit: context.call, at: context.at, outcome: context.outcome) { db in
            let stored = try ParkDatabase.loadTenant(db, tenant)
            switch stored.tenant.reportRefusal(for: month, today: today) {
            case nil: break
            case .notEnded:
                throw DomainError.invalid("month", "\(month) has not ended (today is \(today)); a month is reported once it is over")
            case .notInPark(let stay):
                let when = stay.map { "it was in the park from \($0.lowerBound) to \($0.upperBound == .distantFuture ? "now" : $0.upperBound.description)" }
                    ?? "it has never been active in the park"
                throw DomainError.invalid("month", "tenant \(stored.id) was not in the park in \(month); \(when)")
            }
            let reason = try reason.flatMap { try TenantField.optionalText($0, field: "reason", maxLength: 500) }
            let previous = try Int.fetchOne(db, sql: "SELECT MAX(version) FROM operatingReport WHERE tenantId = ? AND month = ?",
                                            arguments: [stored.id, month.description]) ?? 0
            if previous > 0, reason == nil {
                throw DomainError.invalid("reason", "the report for \(month) exists; a correction needs a reason")
            }
            let inForce = try ParkDatabase.loadReports(
                db, where: "r.tenantId = ? AND r.month = ? AND r.isCurrent", [stored.id, month.description]).first?.figures
            let (figures, changes) = try submitted.figures(over: inForce)
            if let problem = figures.problems.first { throw problem }
            try db.execute(sql: "UPDATE operatingReport SET isCurrent = 0 WHERE tenantId = ? AND month = ? AND isCurrent",
                           arguments: [stored.id, month.description])
            try OperatingReportRecord(
                tenantId: stored.id, month: month, version: previous + 1, figures: figures, reason: reason, recordedAt: context.at,
                recordedBy: context.recordedBy
            ).insert(db)
            return (try ParkDatabase.loadReports(db, where: "r.tenantId = ? AND r.month = ? AND r.isCurrent", [stored.id, month.description])[0], changes)
        }
    }

    /// Current reports, by month then tenant, optionally of one tenant and within months.
    /// Unbounded (every tenant's, every month's), so read off the calling thread.
    public func reports(tenant: TenantReference? = nil, from: Month? = nil, to: Month? = nil) async throws -> [StoredReport] {
        try await readInBackground { db in
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
        try ReportWithTenantName.fetchAll(
            db, sql: ReportWithTenantName.select + " WHERE \(condition) ORDER BY r.month, r.tenantId, r.version",
            arguments: StatementArguments(arguments)
        ).map { try $0.storedReport }
    }
}

/// What an import did.
public struct ImportSummary: Sendable, Equatable {
    /// Reports recorded, corrections included.
    public var imported: Int
    /// Of those, how many replaced an earlier report.
    public var corrected: Int

    public init(imported: Int, corrected: Int) {
        self.imported = imported
        self.corrected = corrected
    }
}

extension ParkDatabase {
    /// Records every report of a file in one transaction, or none: any row naming an unknown
    /// tenant, a month the tenant was not in the park, a month to come, or a tenant and month
    /// given twice refuses the whole file with every such problem. Rows replacing a report are
    /// corrections with `reason`.
    public func importReports(
        _ rows: [ImportedReport], alreadyFound: [ImportProblem] = [], reason: String, today: CivilDate, context: ChangeContext
    ) async throws -> ImportSummary {
        try await write(audit: context.call, at: context.at, outcome: context.outcome) { db in
            try ParkDatabase.importReports(db, rows, alreadyFound: alreadyFound, reason: reason, today: today, context: context)
        }
    }

    /// `importReports` inside a transaction the caller holds (the demo park loads in one).
    static func importReports(
        _ db: Database, _ rows: [ImportedReport], alreadyFound: [ImportProblem] = [], reason: String, today: CivilDate,
        context: ChangeContext
    ) throws -> ImportSummary {
        let reason = try TenantField.text(reason, field: "reason", maxLength: 500)
        let tenants = try ParkDatabase.loadTenants(db, records: TenantRecord.fetchAll(db))
        var byID: [Int64: Tenant] = [:]
        var byCode: [String: Int64] = [:]
        for stored in tenants {
            byID[stored.id] = stored.tenant
            byCode[stored.tenant.creditCode.value] = stored.id
        }
        var current: [String: Int] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT tenantId, month, version FROM operatingReport WHERE isCurrent") {
            current["\(row["tenantId"] as Int64) \(row["month"] as String)"] = row["version"]
        }
        var problems = alreadyFound
        var seen: [String: Int] = [:]
        var resolved: [(id: Int64, row: ImportedReport)] = []
        for row in rows {
            let id: Int64?
            switch row.tenant {
            case .id(let value): id = byID[value] == nil ? nil : value
            case .creditCode(let code): id = byCode[code]
            }
            guard let id, let tenant = byID[id] else {
                problems.append(ImportProblem(line: row.line, column: "tenant", reason: "no tenant has id or credit code '\(row.tenant)'"))
                continue
            }
            let key = "\(id) \(row.month)"
            if let first = seen[key] {
                problems.append(ImportProblem(line: row.line, column: "month", reason: "tenant \(id) and \(row.month) are already on line \(first)"))
                continue
            }
            seen[key] = row.line
            switch tenant.reportRefusal(for: row.month, today: today) {
            case nil:
                resolved.append((id, row))
            case .notEnded:
                problems.append(ImportProblem(line: row.line, column: "month", reason: "\(row.month) has not ended; a month is reported once it is over"))
            case .notInPark:
                problems.append(ImportProblem(line: row.line, column: "month", reason: "tenant \(id) was not in the park in \(row.month)"))
            }
        }
        guard problems.isEmpty else {
            throw ImportRefused(problems: problems.sorted { ($0.line, $0.column) < ($1.line, $1.column) })
        }

        let retire = try db.cachedStatement(sql: "UPDATE operatingReport SET isCurrent = 0 WHERE tenantId = ? AND month = ? AND isCurrent")
        var corrected = 0
        for (id, row) in resolved {
            let month = row.month.description
            let previous = current["\(id) \(month)"] ?? 0
            if previous > 0 {
                corrected += 1
                try retire.execute(arguments: [id, month])
            }
            try OperatingReportRecord(
                tenantId: id, month: row.month, version: previous + 1, figures: row.figures, reason: previous > 0 ? reason : nil,
                recordedAt: context.at, recordedBy: context.recordedBy
            ).insert(db)
        }
        return ImportSummary(imported: resolved.count, corrected: corrected)
    }
}
