import GRDB

/// A row of `bankAccount`: one account of a tenant from the day it takes effect.
struct BankAccountRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "bankAccount"
    var id: Int64?
    var tenantId: Int64
    var accountName: String
    var bank: String
    var accountNumber: String
    var effectiveFrom: String
    var recordedAt: String
    var recordedBy: String

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
