import GRDB
import TableRow

/// A row of `paymentItem`: one line paid (or to be paid) in a batch.
@TableRow
struct PaymentItemRecord: FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "paymentItem"
    var id: Int64?
    var paymentBatchId: Int64
    var rewardLineId: Int64
    var tenantId: Int64
    var bankAccountId: Int64
    var accountName: String
    var bank: String
    var accountNumber: String
    /// The line's amount.
    var grossFen: Int64
    /// What the bank transfers: the line's amount less the offsets.
    var amountFen: Int64
    var purpose: String
    var status: String
    var reason: String?
    var resultOn: String?
    var resultAt: String?
    var resultBy: String?
}
