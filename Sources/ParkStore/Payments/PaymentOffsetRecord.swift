import GRDB

/// A row of `paymentOffset`: part of a receivable recovered from a batch item.
struct PaymentOffsetRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "paymentOffset"
    var id: Int64?
    var paymentItemId: Int64
    var receivableLineId: Int64
    var amountFen: Int64

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
