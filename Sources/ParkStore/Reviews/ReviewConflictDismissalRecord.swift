import GRDB

/// A row of `reviewConflictDismissal`: an administrator dismissed the detected conflicts of one
/// reviewer with one application, with a reason.
struct ReviewConflictDismissalRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "reviewConflictDismissal"

    var applicationId: Int64
    var uid: Int64
    var reason: String
    var dismissedAt: String
    var dismissedBy: String

    enum Columns {
        static let applicationId = Column(CodingKeys.applicationId)
        static let uid = Column(CodingKeys.uid)
    }
}
