import GRDB
import ParkCore

/// A row of `auditEntry`.
struct AuditEntryRecord: Codable, FetchableRecord, PersistableRecord, PreparedInsertRecord {
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

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let at = Column(CodingKeys.at)
        static let uid = Column(CodingKeys.uid)
        static let user = Column(CodingKeys.user)
        static let pid = Column(CodingKeys.pid)
        static let method = Column(CodingKeys.method)
        static let parameters = Column(CodingKeys.parameters)
        static let outcome = Column(CodingKeys.outcome)
        static let previousHash = Column(CodingKeys.previousHash)
        static let keyId = Column(CodingKeys.keyId)
        static let hash = Column(CodingKeys.hash)
    }

    static let insertSQL = preparedInsertSQL([
        Columns.id, Columns.at, Columns.uid, Columns.user, Columns.pid, Columns.method, Columns.parameters, Columns.outcome,
        Columns.previousHash, Columns.keyId, Columns.hash,
    ])

    var insertArguments: StatementArguments { [id, at, uid, user, pid, method, parameters, outcome, previousHash, keyId, hash] }

    /// Reads the columns by name in code: Decodable costs about twice as much when the whole
    /// chain is verified.
    init(row: Row) {
        id = row[Columns.id]
        at = row[Columns.at]
        uid = row[Columns.uid]
        user = row[Columns.user]
        pid = row[Columns.pid]
        method = row[Columns.method]
        parameters = row[Columns.parameters]
        outcome = row[Columns.outcome]
        previousHash = row[Columns.previousHash]
        keyId = row[Columns.keyId]
        hash = row[Columns.hash]
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
        keyId = entry.keyID
        hash = entry.hash
    }

    var entry: AuditEntry {
        AuditEntry(
            id: id, at: at, uid: uid, user: user, pid: pid, method: method, parameters: parameters,
            outcome: outcome, previousHash: previousHash, keyID: keyId, hash: hash)
    }
}
