import GRDB
import ParkPolicy

/// A row of `policyVersion`: a policy text as first loaded, by content hash.
struct PolicyVersionRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "policyVersion"

    var id: Int64?
    var policyId: String
    var hash: String
    var fileName: String
    var source: String
    var firstLoadedAt: String

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let hash = Column(CodingKeys.hash)
    }

    init(_ policy: Policy, firstLoadedAt: String) {
        policyId = policy.id
        hash = policy.hash
        fileName = policy.fileName
        source = policy.source
        self.firstLoadedAt = firstLoadedAt
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    var storedVersion: StoredPolicyVersion {
        StoredPolicyVersion(policyID: policyId, hash: hash, fileName: fileName, source: source)
    }
}
