import GRDB
import TableRow

/// A row of `noticeObjection`: an objection to one line during a notice, and its resolution.
@TableRow
struct NoticeObjectionRecord: FetchableRecord, MutablePersistableRecord {
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
}
