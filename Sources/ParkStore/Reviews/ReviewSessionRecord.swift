import GRDB
import ParkCore
import TableRow

/// A row of `reviewSession`; its agenda and panel live in their own tables.
@TableRow
struct ReviewSessionRecord: FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "reviewSession"

    var id: Int64?
    var heldOn: String
    var venue: String
    var chair: String
    var status: String
    var createdAt: String
    var createdBy: String
    var updatedAt: String

    init(_ session: ReviewSession, createdAt: String, createdBy: String) {
        id = session.id
        heldOn = session.heldOn.description
        venue = session.venue
        chair = session.chair
        status = session.status.rawValue
        self.createdAt = createdAt
        self.createdBy = createdBy
        updatedAt = createdAt
    }

    func session(agenda: [Int64], panel: [Reviewer]) throws -> ReviewSession {
        let id = id ?? 0
        guard let day = try? CivilDate.parse(heldOn, field: "heldOn"), let status = ReviewSessionStatus(rawValue: status) else {
            throw StoreError.unreadable("reviewSession \(id)")
        }
        return ReviewSession(
            restoring: id, heldOn: day, venue: venue, chair: chair, agenda: agenda, panel: ReviewPanel(restoring: panel), status: status)
    }
}
