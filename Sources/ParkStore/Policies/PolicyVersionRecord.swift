import GRDB
import ParkPolicy
import TableRow

/// A row of `policyVersion`: a policy text as first loaded, by content hash.
@TableRow
struct PolicyVersionRecord: FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "policyVersion"

    var id: Int64?
    var policyId: String
    var hash: String
    var fileName: String
    var source: String
    var firstLoadedAt: String

    init(_ policy: Policy, firstLoadedAt: String) {
        policyId = policy.id
        hash = policy.hash
        fileName = policy.fileName
        source = policy.source
        self.firstLoadedAt = firstLoadedAt
    }

    var storedVersion: StoredPolicyVersion {
        StoredPolicyVersion(policyID: policyId, hash: hash, fileName: fileName, source: source)
    }
}
