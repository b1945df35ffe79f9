import GRDB
import TableRow

/// A row of `reviewConflictDismissal`: an administrator dismissed the detected conflicts of one
/// reviewer with one application, with a reason.
@TableRow
struct ReviewConflictDismissalRecord: FetchableRecord, PersistableRecord {
    static let databaseTableName = "reviewConflictDismissal"

    var applicationId: Int64
    var uid: Int64
    var reason: String
    var dismissedAt: String
    var dismissedBy: String
}
