import GRDB
import ParkCore
import TableRow

/// A row of `submission`: a tenant's submission as decided, with its receipt's content.
@TableRow
struct SubmissionRecord: FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "submission"
    var id: Int64?
    var tenantId: Int64
    var submissionId: String
    var type: String
    var channel: String
    var envelopeSha256: String
    var status: String
    var decidedAt: String
    var recordedBy: String
    var receipt: String
}
