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

/// A row of `rewardNotice`: the public notice of an approved run.
struct RewardNoticeRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "rewardNotice"
    var id: Int64?
    var rewardRunId: Int64
    var startsOn: String
    var endsOn: String
    var workingDays: Int
    var publishedAt: String
    var publishedBy: String
    var closedAt: String?
    var closedBy: String?

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// A row of `noticeObjection`: an objection to one line during a notice, and its resolution.
struct NoticeObjectionRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "noticeObjection"
    var id: Int64?
    var rewardNoticeId: Int64
    var rewardLineId: Int64
    var objector: String
    var grounds: String
    var recordedAt: String
    var recordedBy: String
    var resolution: String?
    var reason: String?
    var resolvedAt: String?
    var resolvedBy: String?

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// A row of `rewardConfirmation`: the tenant confirmed a line.
struct RewardConfirmationRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "rewardConfirmation"
    var id: Int64?
    var rewardLineId: Int64
    var confirmedBy: String
    var channel: String
    var recordedAt: String
    var recordedBy: String

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// A row of `paymentBatch`.
struct PaymentBatchRecord: Codable, FetchableRecord, MutablePersistableRecord {
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

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

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

/// A row of `paymentOffset`: part of a receivable recovered from a batch item.
struct PaymentOffsetRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "paymentOffset"
    var id: Int64?
    var paymentItemId: Int64
    var receivableLineId: Int64
    var amountFen: Int64

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
