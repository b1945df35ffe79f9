import GRDB
import TableRow

/// A row of `reviewNotice`: the public notice of one closed session's results.
@TableRow
struct ReviewNoticeRecord: FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "reviewNotice"

    var id: Int64?
    var reviewSessionId: Int64
    var startsOn: String
    var endsOn: String
    var workingDays: Int
    var publishedAt: String
    var publishedBy: String
    var closedAt: String?
    var closedBy: String?
}
