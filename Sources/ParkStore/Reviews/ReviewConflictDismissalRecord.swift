import Foundation
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
    /// The detected conflicts it covers, as JSON keys (`DetectedConflict.key`); nil for a
    /// dismissal made before parkd kept them, which covers whatever is detected.
    var covered: String?

    /// The keys of the conflicts it covers; nil for one that covers whatever is detected.
    var coveredKeys: [String]? {
        get throws {
            guard let covered else { return nil }
            guard let keys = try? JSONDecoder().decode([String].self, from: Data(covered.utf8)) else {
                throw StoreError.unreadable("reviewConflictDismissal \(applicationId) \(uid)", "its covered conflicts")
            }
            return keys
        }
    }
}
