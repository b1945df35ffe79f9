import GRDB
import TableRow

/// A row of `reviewAppeal`: an appeal against one final rejection.
@TableRow
struct ReviewAppealRecord: FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "reviewAppeal"

    var id: Int64?
    var applicationId: Int64
    var reviewDecisionId: Int64
    var ground: String
    var text: String
    var filedOn: String
    var deadline: String
    var recordedAt: String
    var recordedBy: String
    var outcome: String?
    var reason: String?
    var decidedAt: String?
    var decidedBy: String?
}
