import GRDB
import ParkCore
import TableRow

/// A row of `tenantKey`: one Ed25519 public key of a tenant, added or issued, maybe revoked.
@TableRow
struct TenantKeyRecord: FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "tenantKey"
    var id: Int64?
    var tenantId: Int64
    var keyId: String
    var publicKey: String
    var label: String
    var origin: String
    var addedAt: String
    var addedBy: String
    var revokedAt: String?
    var revokedBy: String?
    var revokeReason: String?
}

extension TenantKeyRecord {
    /// The core value; a key or an origin the code cannot read is an unreadable row.
    func key() throws -> TenantKey {
        guard let key = try? SigningPublicKey.parse(publicKey, field: "publicKey"), let origin = TenantKey.Origin(rawValue: origin) else {
            throw StoreError.unreadable("tenantKey \(id ?? 0)", "a public key")
        }
        return TenantKey(publicKey: key, label: label, origin: origin, revokedAt: revokedAt, revokeReason: revokeReason)
    }
}
