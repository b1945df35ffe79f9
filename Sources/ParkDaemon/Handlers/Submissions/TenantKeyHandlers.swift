import ParkControl
import ParkCore
import ParkStore

/// `io.parkd.TenantKey`.
enum TenantKeyHandlers {
    static func register(in table: inout MethodTable, database: ParkDatabase) {
        table.add(TenantKeyAPI.interface)

        table.register(TenantKeyAPI.create) { request, call in
            let publicKey = try SigningPublicKey.parse(request.publicKey, field: "publicKey")
            let stored = try await database.addTenantKey(
                tenant: TenantReference(request.tenant), publicKey: publicKey, label: request.label, origin: .added, context: call.change())
            return TenantKeyAPI.CreateReply(key: wire(stored))
        }

        table.register(TenantKeyAPI.issue) { request, call in
            // The private key leaves in this reply and nowhere else: neither the database nor
            // the audit trail (which records the parameters) ever holds it.
            let pair = SigningPublicKey.generate()
            let stored = try await database.addTenantKey(
                tenant: TenantReference(request.tenant), publicKey: pair.publicKey, label: request.label, origin: .issued,
                context: call.change())
            return TenantKeyAPI.IssueReply(key: wire(stored), privateKey: pair.privateKeyBase64)
        }

        table.register(TenantKeyAPI.list) { request, _ in
            TenantKeyAPI.ListReply(keys: try await database.tenantKeys(tenant: request.tenant.map(TenantReference.init)).map(wire))
        }

        table.register(TenantKeyAPI.revoke) { request, call in
            TenantKeyAPI.RevokeReply(key: wire(try await database.revokeTenantKey(keyId: request.keyId, reason: request.reason, context: call.change())))
        }
    }

    static func wire(_ stored: StoredTenantKey) -> TenantKeyAPI.Key {
        TenantKeyAPI.Key(
            keyId: stored.key.publicKey.keyId, tenant: stored.tenant, creditCode: stored.creditCode, publicKey: stored.key.publicKey.base64,
            label: stored.key.label, origin: stored.key.origin.rawValue, addedAt: stored.addedAt, addedBy: stored.addedBy,
            revokedAt: stored.key.revokedAt, revokedBy: stored.revokedBy, revokeReason: stored.key.revokeReason)
    }
}
