import GRDB
import ParkCore
import TableRow

/// A row of `auditEntry`.
@TableRow
struct AuditEntryRecord: FetchableRecord, PersistableRecord, PreparedInsertRecord {
    static let databaseTableName = "auditEntry"

    var id: Int64
    var at: String
    var uid: Int64
    var user: String
    var pid: Int64
    var method: String
    var parameters: String
    var outcome: String
    var previousHash: String
    /// The key that sealed the entry; NULL for plain SHA-256 (migration v12-auditKeys).
    var keyId: String?
    var hash: String

    init(_ entry: AuditEntry) {
        id = entry.id
        at = entry.at
        uid = entry.uid
        user = entry.user
        pid = entry.pid
        method = entry.method
        parameters = entry.parameters
        outcome = entry.outcome
        previousHash = entry.previousHash
        keyId = entry.keyID
        hash = entry.hash
    }

    var entry: AuditEntry {
        AuditEntry(
            id: id, at: at, uid: uid, user: user, pid: pid, method: method, parameters: parameters,
            outcome: outcome, previousHash: previousHash, keyID: keyId, hash: hash)
    }
}
