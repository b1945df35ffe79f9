import GRDB
import ParkCore

/// A tenant's key as recorded.
public struct StoredTenantKey: Sendable, Equatable {
    public var id: Int64
    public var tenant: Int64
    public var creditCode: String
    public var key: TenantKey
    public var addedAt: String
    public var addedBy: String
    public var revokedBy: String?
}

extension ParkDatabase {
    /// Records a tenant's public key; a key already recorded (for any tenant) is refused.
    public func addTenantKey(
        tenant reference: TenantReference, publicKey: SigningPublicKey, label: String?, origin: TenantKey.Origin, context: ChangeContext
    ) async throws -> StoredTenantKey {
        try await write(context) { db in
            let tenant = try ParkDatabase.loadTenant(db, reference)
            let key = try TenantKey.decide(publicKey: publicKey, label: label, origin: origin)
            if let holder = try Row.fetchOne(db, sql: "SELECT tenantId FROM tenantKey WHERE keyId = ?", arguments: [publicKey.keyId]) {
                throw StoreError.tenantKeyInUse(publicKey.keyId, by: holder["tenantId"])
            }
            var record = TenantKeyRecord(
                id: nil, tenantId: tenant.id, keyId: publicKey.keyId, publicKey: publicKey.base64, label: key.label, origin: origin.rawValue,
                addedAt: context.at, addedBy: context.recordedBy, revokedAt: nil, revokedBy: nil, revokeReason: nil)
            try record.insert(db)
            return StoredTenantKey(
                id: record.id!, tenant: tenant.id, creditCode: tenant.tenant.creditCode.description, key: key, addedAt: context.at,
                addedBy: context.recordedBy, revokedBy: nil)
        }
    }

    /// Revokes a key: submissions signed with it are refused from then on.
    public func revokeTenantKey(keyId: String, reason: String, context: ChangeContext) async throws -> StoredTenantKey {
        try await write(context) { db in
            guard let stored = try ParkDatabase.tenantKey(db, keyId: keyId) else {
                throw StoreError.noSuchTenantKey(keyId)
            }
            let revoked = try stored.key.revoked(at: context.at, reason: reason)
            try db.execute(
                sql: "UPDATE tenantKey SET revokedAt = ?, revokedBy = ?, revokeReason = ? WHERE id = ?",
                arguments: [revoked.revokedAt, context.recordedBy, revoked.revokeReason, stored.id])
            var result = stored
            result.key = revoked
            result.revokedBy = context.recordedBy
            return result
        }
    }

    /// Every key, or a tenant's, by tenant then when it was added.
    public func tenantKeys(tenant reference: TenantReference?) async throws -> [StoredTenantKey] {
        try await read { db in
            guard let reference else { return try ParkDatabase.tenantKeys(db, tenant: nil) }
            let tenant = try ParkDatabase.loadTenant(db, reference)
            return try ParkDatabase.tenantKeys(db, tenant: tenant.id)
        }
    }

    /// The public key recorded under `keyId`, nil when none is. A key id is a digest of its key,
    /// so the answer never changes once given: the intake checks signatures with it ahead of
    /// its decisions, outside the writer.
    public func publicKey(keyId: String) async throws -> SigningPublicKey? {
        try await readInOneStatement { db in try ParkDatabase.tenantKey(db, keyId: keyId)?.key.publicKey }
    }

    /// The key recorded under `keyId`, nil when none is (every submission asks: a prepared statement).
    static func tenantKey(_ db: Database, keyId: String) throws -> StoredTenantKey? {
        try Row.fetchOne(db.preparedStatement(selectKeys + " WHERE tenantKey.keyId = ?", [keyId])).map(storedKey)
    }

    static func tenantKeys(_ db: Database, tenant: Int64?) throws -> [StoredTenantKey] {
        let request: SQLRequest<Row> = """
            \(sql: selectKeys) \(SQL.whereClause([tenant.map { "tenantKey.tenantId = \($0)" }])) ORDER BY tenantKey.tenantId, tenantKey.id
            """
        return try request.fetchAll(db).map(storedKey)
    }

    private static let selectKeys = "SELECT tenantKey.*, tenant.creditCode AS creditCode FROM tenantKey JOIN tenant ON tenant.id = tenantKey.tenantId"

    private static func storedKey(_ row: Row) throws -> StoredTenantKey {
        let record = try TenantKeyRecord(row: row)
        return StoredTenantKey(
            id: record.id ?? 0, tenant: record.tenantId, creditCode: row["creditCode"], key: try record.key(), addedAt: record.addedAt,
            addedBy: record.addedBy, revokedBy: record.revokedBy)
    }
}
