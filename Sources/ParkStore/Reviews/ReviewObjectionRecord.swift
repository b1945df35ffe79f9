import GRDB
import TableRow

/// A row of `reviewObjection`: an objection to one applicant's result during a notice.
@TableRow
struct ReviewObjectionRecord: FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "reviewObjection"

    var id: Int64?
    var reviewNoticeId: Int64
    var applicationId: Int64
    var objector: String
    var grounds: String
    var evidence: String?
    var recordedAt: String
    var recordedBy: String
    var resolution: String?
    var reason: String?
    var resolvedAt: String?
    var resolvedBy: String?
}
