import GRDB
import TableRow

/// A row of `paymentBatch`.
@TableRow
struct PaymentBatchRecord: FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "paymentBatch"
    var id: Int64?
    var status: String
    /// Comma-separated run ids the batch was limited to; empty for every run.
    var runs: String
    var createdOn: String
    var totalFen: Int64
    var itemCount: Int
    var createdAt: String
    var createdBy: String
    var createdByUid: Int64
    var approvedAt: String?
    var approvedBy: String?
    var approvedByUid: Int64?
}
