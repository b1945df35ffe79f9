import GRDB
import TableRow

/// A row of `rewardConfirmation`: the tenant confirmed a line.
@TableRow
struct RewardConfirmationRecord: FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "rewardConfirmation"
    var id: Int64?
    var rewardLineId: Int64
    var confirmedBy: String
    var channel: String
    var recordedAt: String
    var recordedBy: String
}
