import GRDB
import ParkCore
import TableRow

/// A row of `cancelledPaymentItem`: an item a batch held when it was cancelled, kept as it was.
@TableRow
struct CancelledPaymentItemRecord: FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "cancelledPaymentItem"
    var id: Int64?
    var paymentBatchId: Int64
    var rewardLineId: Int64
    var tenantId: Int64
    var bankAccountId: Int64
    var accountName: String
    var bank: String
    var accountNumber: String
    var grossFen: Int64
    /// What the offsets held back, in all.
    var offsetFen: Int64
    /// What the bank would have transferred.
    var amountFen: Int64
    var purpose: String
}
