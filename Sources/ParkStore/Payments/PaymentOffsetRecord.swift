import GRDB
import TableRow

/// A row of `paymentOffset`: part of a receivable recovered from a batch item.
@TableRow
struct PaymentOffsetRecord: FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "paymentOffset"
    var id: Int64?
    var paymentItemId: Int64
    var receivableLineId: Int64
    var amountFen: Int64
}
