import GRDB
import ParkCore

/// A row of `auditEntry`.
struct AuditEntryRecord: Codable, FetchableRecord, PersistableRecord {
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
    var hash: String

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let at = Column(CodingKeys.at)
        static let method = Column(CodingKeys.method)
        static let hash = Column(CodingKeys.hash)
    }

    init(row: Row) {
        id = row[0]
        at = row[1]
        uid = row[2]
        user = row[3]
        pid = row[4]
        method = row[5]
        parameters = row[6]
        outcome = row[7]
        previousHash = row[8]
        hash = row[9]
    }

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
        hash = entry.hash
    }

    var entry: AuditEntry {
        AuditEntry(
            id: id, at: at, uid: uid, user: user, pid: pid, method: method, parameters: parameters,
            outcome: outcome, previousHash: previousHash, hash: hash)
    }
}
