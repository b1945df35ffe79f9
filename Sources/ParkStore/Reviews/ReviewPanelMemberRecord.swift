import GRDB
import ParkCore
import TableRow

/// A row of `reviewPanelMember`: a reviewer on a session's panel, in the order added.
@TableRow
struct ReviewPanelMemberRecord: FetchableRecord, PersistableRecord {
    static let databaseTableName = "reviewPanelMember"

    var reviewSessionId: Int64
    var uid: Int64
    var userName: String
    var position: Int

    init(session: Int64, position: Int, _ reviewer: Reviewer) {
        reviewSessionId = session
        uid = reviewer.uid
        userName = reviewer.name
        self.position = position
    }

    var reviewer: Reviewer { Reviewer(uid: uid, name: userName) }
}
