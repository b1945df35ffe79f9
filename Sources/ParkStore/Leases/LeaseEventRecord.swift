import GRDB
import ParkCore
import TableRow

/// A row of `leaseEvent`: something that happened to a lease, for its history.
@TableRow
struct LeaseEventRecord: FetchableRecord, PersistableRecord {
    static let databaseTableName = "leaseEvent"

    var id: Int64?
    var leaseId: Int64
    var kind: String
    var effectiveOn: String
    var detail: String
    var recordedAt: String
    var recordedBy: String

    init(_ event: LeaseEvent, leaseId: Int64) {
        self.leaseId = leaseId
        kind = event.kind
        effectiveOn = event.effectiveOn.description
        detail = event.detail
        recordedAt = event.recordedAt
        recordedBy = event.recordedBy
    }

    var event: LeaseEvent {
        get throws {
            guard let on = try? CivilDate.parse(effectiveOn, field: "effectiveOn") else { throw StoreError.unreadable("lease \(leaseId)") }
            return LeaseEvent(kind: kind, effectiveOn: on, detail: detail, recordedAt: recordedAt, recordedBy: recordedBy)
        }
    }
}
