import Foundation
import ParkCore
import Testing

@Suite("parkctl tenant key against a real parkd")
struct TenantKeyCommandTests {
    static func creditCode(_ serial: Int) -> String {
        let digits = String(serial)
        return CreditCode.completing("9137021" + String(repeating: "0", count: 10 - digits.count) + digits)!
    }

    /// Runs Tests/EndToEndTests/Scripts/tenant_key.py (Python's `cryptography`) and returns its lines.
    func tenantKey(_ arguments: [String]) throws -> [String] {
        let result = try runCommand("/usr/bin/env", ["python3", Binaries.script("tenant_key.py")] + arguments)
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout.split(separator: "\n").map(String.init)
    }

    func park() throws -> RunningDaemon {
        let daemon = try RunningDaemon()
        for serial in 1...2 {
            let added = try daemon.parkctl(["tenant", "add", "--name", "人力资源公司\(serial)", "--credit-code", Self.creditCode(serial)])
            #expect(added.stdout == "\(serial)\n", "\(added.stderr)")
        }
        return daemon
    }

    @Test("a tenant's own public key is added under the id Python derives; the same key for another tenant is refused")
    func add() throws {
        let daemon = try park()
        let pair = try tenantKey(["new"])
        let keyId = try tenantKey(["keyid", pair[1]])[0]
        let added = try daemon.parkctl(["tenant", "key", "add", Self.creditCode(1), pair[1], "--label", "portal"])
        #expect(added.stdout == "key \(keyId) recorded for tenant 1 (\(Self.creditCode(1)))\n", "\(added.stderr)")

        let again = try daemon.parkctl(["tenant", "key", "add", "2", pair[1]])
        #expect(again.status == 65)
        #expect(again.stderr == "parkctl: key \(keyId) is already recorded for tenant 1\n")
        let malformed = try daemon.parkctl(["tenant", "key", "add", "2", "AAAA"])
        #expect(malformed.status == 65)
        #expect(malformed.stderr == "parkctl: invalid PUBLIC-KEY (publicKey): an Ed25519 public key has 32 bytes, this one has 3\n")
        #expect(try daemon.parkctl(["tenant", "key", "add", "9", pair[1]]).status == 66)

        let listed = try daemon.parkctl(["tenant", "key", "list", "--json"])
        let keys = try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [String: Any]
        let first = (keys?["keys"] as? [[String: Any]])?.first
        #expect(first?["publicKey"] as? String == pair[1] && first?["origin"] as? String == "added" && first?["label"] as? String == "portal")
    }

    @Test("an issued key: the private key printed once matches the public key stored, and neither the database nor the audit trail holds it")
    func issue() throws {
        let daemon = try park()
        let issued = try daemon.parkctl(["tenant", "key", "issue", "2", "--label", "scanner", "--json"])
        #expect(issued.status == 0, "\(issued.stderr)")
        let reply = try #require(try JSONSerialization.jsonObject(with: Data(issued.stdout.utf8)) as? [String: Any])
        let privateKey = try #require(reply["privateKey"] as? String)
        let key = try #require(reply["key"] as? [String: Any])
        let derived = try tenantKey(["public", privateKey])
        #expect(key["publicKey"] as? String == derived[0] && key["keyId"] as? String == derived[1])
        #expect(key["origin"] as? String == "issued" && key["creditCode"] as? String == Self.creditCode(2))

        let text = try daemon.parkctl(["tenant", "key", "issue", "2"])
        let lines = text.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 4 && lines[0].hasPrefix("key ") && lines[0].hasSuffix(" issued to tenant 2 (\(Self.creditCode(2)))"))
        #expect(lines[3] == "the private key is shown this once: hand it to the tenant; parkd keeps no copy")
        let textPrivate = String(lines[2].dropFirst("private key: ".count))
        #expect(try tenantKey(["public", textPrivate])[0] == String(lines[1].dropFirst("public key:  ".count)))

        let audit = try daemon.parkctl(["audit", "list", "--json"]).stdout
        #expect(audit.contains("TenantKey.Issue"))
        for secret in [privateKey, textPrivate] {
            #expect(!audit.contains(secret))
            for file in ["/parkd.sqlite", "/parkd.sqlite-wal"] {
                let bytes = (try? Data(contentsOf: URL(fileURLWithPath: daemon.directory + file))) ?? Data()
                #expect(bytes.range(of: Data(secret.utf8)) == nil, "\(file) holds the private key")
                #expect(bytes.range(of: Data(base64Encoded: secret)!) == nil, "\(file) holds the private key's bytes")
            }
        }
    }

    @Test("a key is revoked once, with a reason; the list shows it; an unknown key is not found")
    func revoke() throws {
        let daemon = try park()
        let pair = try tenantKey(["new"])
        let keyId = try tenantKey(["keyid", pair[1]])[0]
        _ = try daemon.parkctl(["tenant", "key", "add", "1", pair[1]])
        let revoked = try daemon.parkctl(["tenant", "key", "revoke", keyId, "--reason", "laptop stolen"])
        #expect(revoked.stdout == "key \(keyId) of tenant 1 revoked\n", "\(revoked.stderr)")
        let twice = try daemon.parkctl(["tenant", "key", "revoke", keyId, "--reason", "again"])
        #expect(twice.status == 65 && twice.stderr == "parkctl: invalid KEY-ID (keyId): key \(keyId) is already revoked\n")
        let unknown = try daemon.parkctl(["tenant", "key", "revoke", "0000000000000000", "--reason", "x"])
        #expect(unknown.status == 66 && unknown.stderr == "parkctl: no tenant key has id '0000000000000000'\n")
        let blank = try daemon.parkctl(["tenant", "key", "revoke", keyId, "--reason", " "])
        #expect(blank.status == 65)

        let listed = try daemon.parkctl(["tenant", "key", "list", "1"]).stdout
        let rows = listed.split(separator: "\n")
        #expect(rows.count == 2 && rows[1].hasPrefix(keyId) && rows[1].contains("revoked 20"))
        #expect(try daemon.parkctl(["tenant", "key", "list", "2"]).stdout.split(separator: "\n").count == 1)
        // Revoking needs write access: a caller outside the staff groups is refused.
        #expect(try daemon.parkctl(["tenant", "key", "revoke", keyId, "--reason", "x"], uid: 65534, gid: 65534).status == 77)
    }
}
