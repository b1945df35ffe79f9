import GRDB
import ParkCore

/// A tenant with its business lines, tags and history, read by a single statement: one row
/// per status change, oldest first (one row without a change when it has none). Every column
/// is read by its name or alias; the change's columns are aliased (`changeId` …) so that none
/// is taken for a tenant column of the same name.
struct TenantWithDetails {
    var tenant: TenantRecord
    /// In the order the statement gives them (lines this parkd does not know are left out).
    var businessLines: [BusinessLine]
    var tags: [String]
    /// Oldest first.
    var history: [TenantStatusChangeRecord]

    /// The tenant the statement of `sql(where:)` finds, nil when it finds none.
    static func fetchOne(_ statement: Statement) throws -> TenantWithDetails? {
        let rows = try Row.fetchCursor(statement)
        // The cursor reuses one row: the tenant's columns are read before it moves on.
        guard let first = try rows.next() else { return nil }
        let tenant = try TenantRecord(row: first)
        // Lines and tags hold only [a-z0-9-], so a comma separates them safely.
        let lines = (first["businessLineList"] as String?).map { $0.split(separator: ",").compactMap { BusinessLine(rawValue: String($0)) } }
        let tags = (first["tagList"] as String?).map { $0.split(separator: ",").map(String.init).sorted() }
        var history: [TenantStatusChangeRecord] = []
        var row: Row? = first
        while let change = row, let id: Int64 = change["changeId"] {
            history.append(TenantStatusChangeRecord(
                id: id, tenantId: tenant.id ?? 0, fromStatus: change["changeFromStatus"], toStatus: change["changeToStatus"],
                effectiveOn: change["changeEffectiveOn"], reason: change["changeReason"], recordedAt: change["changeRecordedAt"],
                recordedBy: change["changeRecordedBy"]))
            row = try rows.next()
        }
        return TenantWithDetails(tenant: tenant, businessLines: lines ?? [], tags: tags ?? [], history: history)
    }

    /// The statement's rows for the tenants matching `condition` (on `tenant`).
    static func sql(where condition: String) -> String {
        """
        SELECT tenant.*,
            (SELECT group_concat(line) FROM tenantBusinessLine WHERE tenantId = tenant.id) AS businessLineList,
            (SELECT group_concat(tag) FROM tenantTag WHERE tenantId = tenant.id) AS tagList,
            change.id AS changeId, change.fromStatus AS changeFromStatus, change.toStatus AS changeToStatus,
            change.effectiveOn AS changeEffectiveOn, change.reason AS changeReason, change.recordedAt AS changeRecordedAt,
            change.recordedBy AS changeRecordedBy
        FROM tenant LEFT JOIN tenantStatusChange AS change ON change.tenantId = tenant.id
        WHERE tenant.\(condition)
        ORDER BY change.id
        """
    }
}
