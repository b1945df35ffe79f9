import GRDB

/// A version of a tenant's report with the tenant's name: the report's columns and `tenantName`,
/// each read by name.
struct ReportWithTenantName: FetchableRecord {
    var report: OperatingReportRecord
    var tenantName: String

    /// The statement without its condition and order; `r` is the report, `t` its tenant.
    static let select = "SELECT r.*, t.name AS tenantName FROM operatingReport r JOIN tenant t ON t.id = r.tenantId"

    init(row: Row) {
        report = OperatingReportRecord(row: row)
        tenantName = row["tenantName"]
    }

    var storedReport: StoredReport {
        get throws { try report.storedReport(tenantName: tenantName) }
    }
}
