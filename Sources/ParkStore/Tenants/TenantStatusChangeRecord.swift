import GRDB
import ParkCore
import ParkPolicy

/// A row of `tenantStatusChange`: a step in a tenant's history.
struct TenantStatusChangeRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "tenantStatusChange"

    var id: Int64?
    var tenantId: Int64
    var fromStatus: String
    var toStatus: String
    var effectiveOn: String
    var reason: String
    var recordedAt: String
    var recordedBy: String

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let tenantId = Column(CodingKeys.tenantId)
        static let fromStatus = Column(CodingKeys.fromStatus)
        static let toStatus = Column(CodingKeys.toStatus)
        static let effectiveOn = Column(CodingKeys.effectiveOn)
        static let reason = Column(CodingKeys.reason)
        static let recordedAt = Column(CodingKeys.recordedAt)
        static let recordedBy = Column(CodingKeys.recordedBy)
    }

    /// Reads the columns by name in code, as `TenantRecord` does.
    init(row: Row) {
        id = row[Columns.id]
        tenantId = row[Columns.tenantId]
        fromStatus = row[Columns.fromStatus]
        toStatus = row[Columns.toStatus]
        effectiveOn = row[Columns.effectiveOn]
        reason = row[Columns.reason]
        recordedAt = row[Columns.recordedAt]
        recordedBy = row[Columns.recordedBy]
    }

    init(
        id: Int64?, tenantId: Int64, fromStatus: String, toStatus: String, effectiveOn: String, reason: String,
        recordedAt: String, recordedBy: String
    ) {
        self.id = id
        self.tenantId = tenantId
        self.fromStatus = fromStatus
        self.toStatus = toStatus
        self.effectiveOn = effectiveOn
        self.reason = reason
        self.recordedAt = recordedAt
        self.recordedBy = recordedBy
    }

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
