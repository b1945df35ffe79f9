import GRDB
import ParkCore

/// A row of `reviewPanelMember`: a reviewer on a session's panel, in the order added.
struct ReviewPanelMemberRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "reviewPanelMember"

    var reviewSessionId: Int64
    var uid: Int64
    var userName: String
    var position: Int

    enum Columns {
        static let reviewSessionId = Column(CodingKeys.reviewSessionId)
        static let position = Column(CodingKeys.position)
    }

    init(session: Int64, position: Int, _ reviewer: Reviewer) {
        reviewSessionId = session
        uid = reviewer.uid
        userName = reviewer.name
        self.position = position
    }

    var reviewer: Reviewer { Reviewer(uid: uid, name: userName) }
}
