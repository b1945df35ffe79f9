import GRDB

/// A row of `paymentItem`: one line paid (or to be paid) in a batch.
struct PaymentItemRecord: Codable, FetchableRecord, MutablePersistableRecord {
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

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension PaymentItemRecord {
    /// Reads the columns by name.
    init(row: Row) {
        id = row["id"]
        paymentBatchId = row["paymentBatchId"]
        rewardLineId = row["rewardLineId"]
        tenantId = row["tenantId"]
        bankAccountId = row["bankAccountId"]
        accountName = row["accountName"]
        bank = row["bank"]
        accountNumber = row["accountNumber"]
        grossFen = row["grossFen"]
        amountFen = row["amountFen"]
        purpose = row["purpose"]
        status = row["status"]
        reason = row["reason"]
        resultOn = row["resultOn"]
        resultAt = row["resultAt"]
        resultBy = row["resultBy"]
    }
}
