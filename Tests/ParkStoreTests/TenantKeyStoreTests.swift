import GRDB
import ParkCore
import ParkStore
import Testing

@Suite("Tenant keys in the store")
struct TenantKeyStoreTests {
    @Test("a key is recorded for one tenant, revoked once, and read back with who did what")
    func addAndRevoke() async throws {
        try await withTemporaryDirectory { directory in
            let database = try ParkDatabase(path: directory + "/parkd.sqlite")
            _ = try await database.createTenant(try applicant(1), context: context())
            _ = try await database.createTenant(try applicant(2), context: context())
            let key = SigningPublicKey.generate().publicKey
            let added = try await database.addTenantKey(
                tenant: TenantReference(creditCode(1)), publicKey: key, label: " portal ", origin: .added,
                context: context("io.parkd.TenantKey.Create"))
            #expect(added.tenant == 1 && added.creditCode == creditCode(1) && added.key.label == "portal" && added.addedBy == "operator")

            await #expect(throws: StoreError.tenantKeyInUse(key.keyId, by: 1)) {
                try await database.addTenantKey(tenant: TenantReference("2"), publicKey: key, label: nil, origin: .added, context: context())
            }
            await #expect(throws: StoreError.noSuchTenantKey("0000000000000000")) {
                try await database.revokeTenantKey(keyId: "0000000000000000", reason: "x", context: context())
            }
            let revoked = try await database.revokeTenantKey(
                keyId: key.keyId, reason: "lost", context: context("io.parkd.TenantKey.Revoke", at: "2026-12-02T10:00:00.000Z"))
            #expect(revoked.key.revokedAt == "2026-12-02T10:00:00.000Z" && revoked.revokedBy == "operator")
            #expect(try await database.tenantKeys(tenant: nil) == [revoked])
            #expect(try await database.tenantKeys(tenant: TenantReference("2")).isEmpty)
        }
    }

    @Test("the database file itself keeps keys: no change of key or tenant, no un-revoking, no deletion", arguments: [
        "UPDATE tenantKey SET publicKey = 'AAAA' WHERE id = 1",
        "UPDATE tenantKey SET tenantId = 2 WHERE id = 1",
        "UPDATE tenantKey SET revokedAt = NULL, revokedBy = NULL, revokeReason = NULL WHERE id = 2",
        "DELETE FROM tenantKey WHERE id = 1",
    ])
    func keptByTheFile(_ sql: String) async throws {
        try await withTemporaryDirectory { directory in
            let database = try ParkDatabase(path: directory + "/parkd.sqlite")
            _ = try await database.createTenant(try applicant(1), context: context())
            _ = try await database.createTenant(try applicant(2), context: context())
            _ = try await database.addTenantKey(
                tenant: TenantReference("1"), publicKey: SigningPublicKey.generate().publicKey, label: nil, origin: .added, context: context())
            let second = SigningPublicKey.generate().publicKey
            _ = try await database.addTenantKey(tenant: TenantReference("1"), publicKey: second, label: nil, origin: .issued, context: context())
            _ = try await database.revokeTenantKey(keyId: second.keyId, reason: "lost", context: context())
            let before = try await database.tenantKeys(tenant: nil)
            let queue = try DatabaseQueue(path: directory + "/parkd.sqlite")
            await #expect(throws: DatabaseError.self) { try await queue.write { db in try db.execute(sql: sql) } }
            try queue.close()
            #expect(try await database.tenantKeys(tenant: nil) == before)
        }
    }
}
