import GRDB
import TableRow

/// A row of `rewardNotice`: the public notice of an approved run.
@TableRow
struct RewardNoticeRecord: FetchableRecord, MutablePersistableRecord {
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
}
