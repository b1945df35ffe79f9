import GRDB
import TableRow

/// A row of `bankAccount`: one account of a tenant from the day it takes effect.
@TableRow
struct BankAccountRecord: FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "bankAccount"
    var id: Int64?
    var tenantId: Int64
    var accountName: String
    var bank: String
    var accountNumber: String
    var effectiveFrom: String
    var recordedAt: String
    var recordedBy: String
}
