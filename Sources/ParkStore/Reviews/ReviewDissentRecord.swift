import GRDB
import ParkCore
import TableRow

/// A row of `reviewDissent`: one version of a reviewer's written dissent about one applicant.
@TableRow
struct ReviewDissentRecord: FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "reviewDissent"

    var id: Int64?
    var reviewSessionId: Int64
    var applicationId: Int64
    var uid: Int64
    var userName: String
    var version: Int
    var text: String
    var salt: String
    var commitment: String
    var submittedAt: String

    init(_ dissent: Dissent, session: Int64, version: Int, salt: String, commitment: String, submittedAt: String) {
        reviewSessionId = session
        applicationId = dissent.application
        uid = dissent.reviewer.uid
        userName = dissent.reviewer.name
        self.version = version
        text = dissent.text
        self.salt = salt
        self.commitment = commitment
        self.submittedAt = submittedAt
    }

    var dissent: Dissent { Dissent(restoring: applicationId, reviewer: Reviewer(uid: uid, name: userName), text: text) }
}
