import GRDB
import ParkCore
import ParkPolicy
import TableRow

/// A row of `tenantStatusChange`: a step in a tenant's history.
@TableRow
struct TenantStatusChangeRecord: FetchableRecord, PersistableRecord {
    static let databaseTableName = "tenantStatusChange"

    var id: Int64?
    var tenantId: Int64
    var fromStatus: String
    var toStatus: String
    var effectiveOn: String
    var reason: String
    var recordedAt: String
    var recordedBy: String

    init(_ change: StatusChange, tenantId: Int64, recordedAt: String, recordedBy: String) {
        self.init(
            id: nil, tenantId: tenantId, fromStatus: change.from.rawValue, toStatus: change.to.rawValue,
            effectiveOn: change.on.description, reason: change.reason, recordedAt: recordedAt, recordedBy: recordedBy)
    }

    var recordedChange: RecordedStatusChange {
        get throws {
            guard let from = TenantStatus(rawValue: fromStatus), let to = TenantStatus(rawValue: toStatus),
                  let on = try? CivilDate.parse(effectiveOn, field: "effectiveOn") else {
                throw StoreError.unreadable("tenantStatusChange \(id ?? 0)")
            }
            return RecordedStatusChange(
                change: StatusChange(from: from, to: to, on: on, reason: reason), recordedAt: recordedAt, recordedBy: recordedBy)
        }
    }

    /// The step as the policies read it.
    var fact: StatusFact { StatusFact(to: toStatus, on: effectiveOn) }
}
