import GRDB

/// A version of a tenant's report with the tenant's name: the report's columns and `tenantName`.
struct ReportWithTenantName {
    var report: OperatingReportRecord
    var tenantName: String

    /// The statement without its condition and order; `r` is the report, `t` its tenant.
    static let select = "SELECT r.*, t.name AS tenantName FROM operatingReport r JOIN tenant t ON t.id = r.tenantId"

    /// Every report `statement` (from `select`) reads, with its tenant's name.
    static func fetchAll(_ statement: Statement) throws -> [ReportWithTenantName] {
        let name = try statement.index(ofColumn: "tenantName").orThrow(StoreError.unreadable("operatingReport", "a column tenantName"))
        var reports: [ReportWithTenantName] = []
        try OperatingReportRecord.forEach(in: statement) { report, row in
            reports.append(ReportWithTenantName(report: report, tenantName: row[name]))
        }
        return reports
    }

    var storedReport: StoredReport {
        get throws { try report.storedReport(tenantName: tenantName) }
    }
}
