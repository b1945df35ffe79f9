import GRDB
import ParkCore

/// A row of `tenantKey`: one Ed25519 public key of a tenant, added or issued, maybe revoked.
struct TenantKeyRecord: Codable, FetchableRecord, MutablePersistableRecord {
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

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension TenantKeyRecord {
    /// Reads the columns by name.
    init(row: Row) {
        id = row["id"]
        tenantId = row["tenantId"]
        keyId = row["keyId"]
        publicKey = row["publicKey"]
        label = row["label"]
        origin = row["origin"]
        addedAt = row["addedAt"]
        addedBy = row["addedBy"]
        revokedAt = row["revokedAt"]
        revokedBy = row["revokedBy"]
        revokeReason = row["revokeReason"]
    }

    /// The core value; a key or an origin the code cannot read is an unreadable row.
    func key() throws -> TenantKey {
        guard let key = try? SigningPublicKey.parse(publicKey, field: "publicKey"), let origin = TenantKey.Origin(rawValue: origin) else {
            throw StoreError.unreadable("tenantKey \(id ?? 0)", "a public key")
        }
        return TenantKey(publicKey: key, label: label, origin: origin, revokedAt: revokedAt, revokeReason: revokeReason)
    }
}
