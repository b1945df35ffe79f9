import GRDB

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
