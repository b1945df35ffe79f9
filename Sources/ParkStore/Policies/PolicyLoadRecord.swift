import GRDB
import TableRow

/// A row of `policyLoad`: the set of policy versions in force from a moment on.
@TableRow
struct PolicyLoadRecord: FetchableRecord, PersistableRecord {
    static let databaseTableName = "policyLoad"

    var id: Int64?
    var loadedAt: String
    /// Comma-separated `policyVersion` ids, in increasing order.
    var versionIds: String

    init(versionIDs: [Int64], loadedAt: String) {
        self.loadedAt = loadedAt
        versionIds = versionIDs.sorted().map(String.init).joined(separator: ",")
    }

    var versionIDs: [Int64] { versionIds.split(separator: ",").compactMap { Int64($0) } }
}
