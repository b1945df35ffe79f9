import GRDB
import MemberwiseInit
import ParkCore

/// One version of a tenant's report for a month.
public struct StoredReport: Sendable, Equatable {
    public var tenantID: Int64
    public var tenantName: String
    public var month: Month
    public var figures: OperatingFigures
    /// 1 for the first submission, then one more per correction or withdrawal.
    public var version: Int
    public var isCurrent: Bool
    /// Whether this version withdrew the report (it keeps the figures it took out of force).
    public var withdrawn: Bool
    /// Why it was corrected or withdrawn (nil for a first submission without one).
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
        try await write(context) { db in
            try ParkDatabase.submitReport(db, tenant, month: month, figures: submitted, reason: reason, today: today, context: context)
        }
    }

    /// `submitReport` inside a transaction the caller holds (a tenant's submission records
    /// itself in the same one); `correcting`: only a correction of the report in force is taken
    /// (a tenant's `report-correction`).
    static func submitReport(
        _ db: Database, _ tenant: TenantReference, month: Month, figures submitted: SubmittedFigures, reason: String?, correcting: Bool = false,
        today: CivilDate, context: ChangeContext
    ) throws -> (report: StoredReport, changes: [String]) {
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
        let given = reason
        let reason = try reason.flatMap { try FieldText.optionalText($0, field: "reason", maxLength: 500) }
        let standing = try ParkDatabase.reportStanding(db, tenantID: stored.id, month: month)
        if correcting { try standing.checkCorrectable(month) }
        try standing.checkReason(reason, given: given, month: month)
        switch submitted.decide(over: standing) {
        case .refuse(let problem, let more):
            throw problem.naming(more)
        case .record(let figures, let changes):
            try ParkDatabase.recordReport(
                db, tenantID: stored.id, month: month, version: standing.nextVersion, figures: figures, reason: reason, context: context)
            return (try ParkDatabase.currentReport(db, tenantID: stored.id, month: month).orThrow(DatabaseError(resultCode: .SQLITE_INTERNAL, message: "the report just recorded cannot be read back")), changes)
        }
    }

    /// Current reports, by month then tenant, optionally of one tenant and within months.
    /// Unbounded (every tenant's, every month's), so read off the calling thread.
    public func reports(tenant: TenantReference? = nil, from: Month? = nil, to: Month? = nil) async throws -> [StoredReport] {
        try await reports(tenant: tenant, from: from, to: to, limit: nil, after: nil).reports
    }

    /// A page of at most `limit` current reports (all when nil) after `after`, by month and
    /// tenant id, and where the next page starts (nil on the last).
    public func reports(
        tenant: TenantReference?, from: Month?, to: Month?, limit: Int?, after: ReportPosition?
    ) async throws -> (reports: [StoredReport], next: ReportPosition?) {
        try await readInBackground { db in
            let tenantID = try tenant.map { try ParkDatabase.loadTenant(db, $0).id }
            let conditions: [SQL?] = [
                "r.isCurrent", tenantID.map { "r.tenantId = \($0)" }, from.map { "r.month >= \($0.description)" },
                to.map { "r.month <= \($0.description)" },
                after.map { "(r.month > \($0.month.description) OR (r.month = \($0.month.description) AND r.tenantId > \($0.tenantID)))" },
            ]
            // One more than asked: whether a next page exists.
            var reports = try ParkDatabase.loadReports(db, where: conditions, limit: limit.map { $0 + 1 })
            guard let limit, reports.count > limit else { return (reports, nil) }
            reports.removeLast(reports.count - limit)
            return (reports, reports.last.map { ReportPosition(month: $0.month, tenantID: $0.tenantID) })
        }
    }

    /// Every version of a tenant's report for a month, oldest first.
    public func reportHistory(_ tenant: TenantReference, month: Month) async throws -> [StoredReport] {
        try await reportHistory(tenant, month: month, after: nil, limit: nil).versions
    }

    /// A page of at most `limit` versions (all when nil) of a tenant's report for a month after
    /// version `after`, oldest first, and the last version of the page when more follow: a
    /// tenant may send corrections without end. A month the tenant never reported is
    /// `noSuchReport`, as it is for `report show`.
    public func reportHistory(
        _ tenant: TenantReference, month: Month, after: Int?, limit: Int?
    ) async throws -> (versions: [StoredReport], next: Int?) {
        try await read { db in
            let id = try ParkDatabase.loadTenant(db, tenant).id
            // One more than asked: whether a next page exists.
            var versions = try ParkDatabase.loadReports(
                db, where: ["r.tenantId = \(id)", "r.month = \(month.description)", after.map { "r.version > \($0)" }], limit: limit.map { $0 + 1 })
            if versions.isEmpty, after == nil { throw StoreError.noSuchReport(tenant: id, month: month.description) }
            guard let limit, versions.count > limit else { return (versions, nil) }
            versions.removeLast(versions.count - limit)
            return (versions, versions.last?.version)
        }
    }

    /// Reports meeting every one of `conditions` by month, tenant and version, at most `limit` of them.
    private static func loadReports(
        _ db: Database, where conditions: [SQL?], limit: Int? = nil
    ) throws -> [StoredReport] {
        let statement = try db.makeStatement(literal: """
            \(sql: ReportWithTenantName.select) \(SQL.whereClause(conditions)) ORDER BY r.month, r.tenantId, r.version
            \(sql: limit.map { "LIMIT \($0)" } ?? "")
            """)
        return try ReportWithTenantName.fetchAll(statement).map { try $0.storedReport }
    }

    /// The version in force of a tenant's report for a month, as listed: read back after every
    /// report submitted, so through a prepared statement.
    private static func currentReport(_ db: Database, tenantID: Int64, month: Month) throws -> StoredReport? {
        try ReportWithTenantName.fetchAll(db.preparedStatement(currentReportSQL, [tenantID, month.description])).first?.storedReport
    }

    private static let currentReportSQL = ReportWithTenantName.select + " WHERE r.tenantId = ? AND r.month = ? AND r.isCurrent"

    /// Where a tenant's report for a month stands, from its latest version: the version in
    /// force is always the latest, unless the latest withdrew it.
    static func reportStanding(_ db: Database, tenantID: Int64, month: Month) throws -> ReportStanding {
        let statement = try db.preparedStatement(
            "SELECT * FROM operatingReport WHERE tenantId = ? AND month = ? ORDER BY version DESC LIMIT 1", [tenantID, month.description])
        var standing = ReportStanding.unreported
        try OperatingReportRecord.forEach(in: statement) { latest, _ in
            standing = ReportStanding(latestVersion: latest.version, inForce: latest.isCurrent ? latest.figures : nil)
        }
        return standing
    }

    /// Records version `version` of a tenant's report for a month, in force from now, or (with
    /// `withdrawn`) the version that withdraws the one in force; the versions before it are kept.
    static func recordReport(
        _ db: Database, tenantID: Int64, month: Month, version: Int, figures: OperatingFigures, withdrawn: Bool = false, reason: String?,
        context: ChangeContext
    ) throws {
        if version > 1 {
            try db.preparedStatement(
                "UPDATE operatingReport SET isCurrent = 0 WHERE tenantId = ? AND month = ? AND isCurrent", [tenantID, month.description]
            ).execute()
        }
        try OperatingReportRecord(
            tenantId: tenantID, month: month, version: version, figures: figures, withdrawn: withdrawn, reason: reason,
            recordedAt: context.at, recordedBy: context.recordedBy
        ).insert(db)
    }

    /// Withdraws a tenant's report for a month, filed in error: the month is then as if never
    /// reported (in lists, statistics, reward inputs and the exit's check) until it is reported
    /// again; every version is kept, the withdrawal as the latest. Refused without a reason and
    /// when the month has no report in force. The withdrawal version is returned.
    public func withdrawReport(_ tenant: TenantReference, month: Month, reason: String, context: ChangeContext) async throws -> StoredReport {
        try await write(context) { db in
            let id = try ParkDatabase.loadTenant(db, tenant).id
            let standing = try ParkDatabase.reportStanding(db, tenantID: id, month: month)
            guard standing.latestVersion > 0 else { throw StoreError.noSuchReport(tenant: id, month: month.description) }
            let withdrawal = try standing.withdrawal(of: month, tenant: id, reason: reason)
            try ParkDatabase.recordReport(
                db, tenantID: id, month: month, version: withdrawal.version, figures: withdrawal.withdrawnFigures, withdrawn: true,
                reason: withdrawal.reason, context: context)
            return try ParkDatabase.loadReports(db, where: ["r.tenantId = \(id)", "r.month = \(month.description)", "r.version = \(withdrawal.version)"])
                .first.orThrow(DatabaseError(resultCode: .SQLITE_INTERNAL, message: "the withdrawal just recorded cannot be read back"))
        }
    }
}

/// What an import did.
@MemberwiseInit
public struct ImportSummary: Sendable, Equatable {
    /// Reports recorded, corrections included.
    public var imported: Int
    /// The rows that corrected a report, in the order of the file.
    public var corrections: [ImportedCorrection]

    /// Of the reports recorded, how many replaced an earlier report.
    public var corrected: Int { corrections.count }

    /// What the audit entry of an import says it did: the file (its SHA-256 and size, when
    /// known), the counts, and the reports it corrected, the first 100 by tenant and month.
    func auditOutcome(file: ImportedFile?) -> String {
        var outcome = "ok: " + (file.map { "file sha256 \($0.sha256) (\($0.bytes) bytes): " } ?? "")
        outcome += "\(imported - corrected) first reports, \(corrected) corrections"
        guard !corrections.isEmpty else { return outcome }
        let named = corrections.prefix(100).map { "tenant \($0.tenantID) \($0.month) v\($0.version)" }
        return outcome + " (" + named.joined(separator: ", ") + (corrections.count > 100 ? ", and \(corrections.count - 100) more" : "") + ")"
    }
}

/// The file an import read, as its audit entry names it.
@MemberwiseInit
public struct ImportedFile: Sendable, Equatable {
    public var sha256: String
    public var bytes: Int
}

/// A row of an import that corrected a report: the version it recorded, and what it changed.
@MemberwiseInit
public struct ImportedCorrection: Sendable, Equatable {
    public var line: Int
    public var tenantID: Int64
    public var month: Month
    public var version: Int
    /// One figure each ("placements 26 → 29").
    public var changes: [String]
}

extension ParkDatabase {
    /// Records every report of a file in one transaction, or none. Each row is decided as
    /// `report add` is: a first report needs revenue and tax, a correction (with `reason`)
    /// changes only the figures it gives and must change one. Any row naming an unknown tenant,
    /// a month the tenant was not in the park, a month to come, a tenant and month given twice,
    /// or figures refused refuses the whole file with every such problem.
    public func importReports(
        _ rows: [ImportedReport], alreadyFound: [ImportProblem] = [], reason: String, today: CivilDate, file: ImportedFile? = nil,
        context: ChangeContext
    ) async throws -> ImportSummary {
        try await write(context, recording: { $0.auditOutcome(file: file) }) { db in
            try ParkDatabase.importReports(db, rows, alreadyFound: alreadyFound, reason: reason, today: today, context: context)
        }
    }

    /// `importReports` inside a transaction the caller holds (the demo park loads in one).
    static func importReports(
        _ db: Database, _ rows: [ImportedReport], alreadyFound: [ImportProblem] = [], reason: String, today: CivilDate,
        context: ChangeContext
    ) throws -> ImportSummary {
        let reason = try FieldText.text(reason, field: "reason", maxLength: 500)
        let tenants = try ParkDatabase.loadTenants(db, records: TenantRecord.fetchAll(db))
        var byID: [Int64: Tenant] = [:]
        var byCode: [String: Int64] = [:]
        for stored in tenants {
            byID[stored.id] = stored.tenant
            byCode[stored.tenant.creditCode.value] = stored.id
        }
        var problems = alreadyFound
        var seen: [String: Int] = [:]
        var decided: [(line: Int, tenantID: Int64, month: Month, version: Int, corrects: Bool, figures: OperatingFigures, changes: [String])] = []
        decided.reserveCapacity(rows.count)
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
                break
            case .notEnded:
                problems.append(ImportProblem(line: row.line, column: "month", reason: "\(row.month) has not ended; a month is reported once it is over"))
                continue
            case .notInPark:
                problems.append(ImportProblem(line: row.line, column: "month", reason: "tenant \(id) was not in the park in \(row.month)"))
                continue
            }
            let standing = try ParkDatabase.reportStanding(db, tenantID: id, month: row.month)
            switch row.figures.decide(over: standing) {
            case .refuse(let problem, let more):
                problems += ([problem] + more).map { ImportProblem(line: row.line, $0) }
            case .record(let figures, let changes):
                decided.append((row.line, id, row.month, standing.nextVersion, standing.inForce != nil, figures, changes))
            }
        }
        guard problems.isEmpty else {
            throw ImportRefused(problems: problems.sorted { ($0.line, $0.column) < ($1.line, $1.column) })
        }

        var corrections: [ImportedCorrection] = []
        for report in decided {
            try ParkDatabase.recordReport(
                db, tenantID: report.tenantID, month: report.month, version: report.version, figures: report.figures,
                reason: report.corrects ? reason : nil, context: context)
            if report.corrects {
                corrections.append(ImportedCorrection(
                    line: report.line, tenantID: report.tenantID, month: report.month, version: report.version, changes: report.changes))
            }
        }
        return ImportSummary(imported: decided.count, corrections: corrections)
    }
}
