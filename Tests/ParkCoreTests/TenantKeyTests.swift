import Foundation
import ParkCore
import Testing

@Suite("Tenant keys: Ed25519 public keys that authenticate submissions")
struct TenantKeyTests {
    /// RFC 8032's first test vector, its signature of the empty message, and (made with Python's
    /// `cryptography`) its signature of `{"a":1}`.
    static let rfcPublicKey = "11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo="
    static let emptySignature = "5VZDAMNgrHKQhuLMgG6CioSHfx645dl02HPgZSJJAVVfuIIVkKM7rMYeOXAc+bRr0lv18FlbviRlUUFDjnoQCw=="
    static let objectSignature = "3CoZmrhvJ5eafn6zxKiQ8c9/mRUxtxawM4DFipCeojp/bks0emSGF4qpiQjkF9auWeFeU0YQ8sYIYce/ebRhDw=="

    static func bytes(_ base64: String) -> [UInt8] { Array(Data(base64Encoded: base64)!) }

    @Test("a key verifies its own signature over the exact bytes, and nothing else")
    func verifies() throws {
        let key = try SigningPublicKey.parse(Self.rfcPublicKey, field: "publicKey")
        #expect(key.verifies(signature: Self.bytes(Self.emptySignature), of: []))
        #expect(key.verifies(signature: Self.bytes(Self.objectSignature), of: Array(#"{"a":1}"#.utf8)))
        // Given the same signature, when one byte of the message differs, then it fails.
        #expect(!key.verifies(signature: Self.bytes(Self.objectSignature), of: Array(#"{"a":2}"#.utf8)))
        #expect(!key.verifies(signature: Self.bytes(Self.objectSignature), of: Array(#"{"a":1} "#.utf8)))
        #expect(!key.verifies(signature: Self.bytes(Self.emptySignature), of: Array(#"{"a":1}"#.utf8)))
        #expect(!key.verifies(signature: Array(Self.bytes(Self.objectSignature).prefix(63)), of: Array(#"{"a":1}"#.utf8)))
    }

    @Test("another key does not verify the signature")
    func otherKey() {
        let other = SigningPublicKey.generate().publicKey
        #expect(!other.verifies(signature: Self.bytes(Self.emptySignature), of: []))
    }

    @Test("a key's id is stable and differs between keys")
    func keyId() throws {
        let key = try SigningPublicKey.parse(Self.rfcPublicKey, field: "publicKey")
        let again = try SigningPublicKey.parse(" \(Self.rfcPublicKey)\n", field: "publicKey")
        // The same id as Tests/EndToEndTests/Scripts/tenant_key.py computes with Python's hashlib.
        #expect(key.keyId == "5e3268813521e124" && again.keyId == key.keyId)
        #expect(key.keyId.allSatisfy { $0.isHexDigit && !$0.isUppercase })
        #expect(SigningPublicKey.generate().publicKey.keyId != key.keyId)
        #expect(key.base64 == Self.rfcPublicKey)
    }

    @Test("a generated key pair: the private key signs what the public key verifies")
    func generated() throws {
        let pair = SigningPublicKey.generate()
        #expect(Data(base64Encoded: pair.privateKeyBase64)?.count == 32)
        #expect(try SigningPublicKey.parse(pair.publicKey.base64, field: "publicKey") == pair.publicKey)
    }

    @Test("a malformed key is refused naming the field", arguments: [
        ("not base64!", "not base64"), ("AAAA", "32 bytes, this one has 3"), (Data(count: 64).base64EncodedString(), "this one has 64"),
    ])
    func malformed(_ text: String, _ reason: String) {
        #expect {
            try SigningPublicKey.parse(text, field: "publicKey")
        } throws: { error in
            guard let error = error as? DomainError else { return false }
            return error.field == "publicKey" && error.reason.contains(reason)
        }
    }

    @Test("labels: trimmed, bounded, no control characters")
    func labels() throws {
        let key = try SigningPublicKey.parse(Self.rfcPublicKey, field: "publicKey")
        #expect(try TenantKey.decide(publicKey: key, label: "  portal 2026 ", origin: .added).label == "portal 2026")
        #expect(try TenantKey.decide(publicKey: key, label: nil, origin: .issued).label == "")
        #expect(throws: DomainError.invalid("label", "is 101 characters long; at most 100 are allowed")) {
            try TenantKey.decide(publicKey: key, label: String(repeating: "x", count: 101), origin: .added)
        }
        #expect(throws: DomainError.invalid("label", "contains a control character, U+001B")) {
            try TenantKey.decide(publicKey: key, label: "a\u{1B}[2Jb", origin: .added)
        }
        // The rules of any text field: no direction override, nothing that shows nothing.
        #expect(throws: DomainError.invalid("label", "contains a bidirectional control character, U+202E, which would show the text otherwise than it is stored")) {
            try TenantKey.decide(publicKey: key, label: "\u{202E}evil", origin: .added)
        }
        #expect(throws: DomainError.invalid("label", "must not be empty: its characters show nothing (U+200B first)")) {
            try TenantKey.decide(publicKey: key, label: "\u{200B}", origin: .added)
        }
    }

    @Test("a key is revoked once, with a reason")
    func revoke() throws {
        let key = try TenantKey.decide(publicKey: SigningPublicKey.parse(Self.rfcPublicKey, field: "publicKey"), label: nil, origin: .added)
        #expect(throws: DomainError.invalid("reason", "say why the key is revoked")) { try key.revoked(at: "2026-12-02T10:00:00Z", reason: " ") }
        #expect(throws: DomainError.invalid("reason", "contains a control character, U+000A")) {
            try key.revoked(at: "2026-12-02T10:00:00Z", reason: "line1\nline2 forged")
        }
        let revoked = try key.revoked(at: "2026-12-02T10:00:00Z", reason: "laptop stolen")
        #expect(revoked.revokedAt == "2026-12-02T10:00:00Z" && revoked.revokeReason == "laptop stolen")
        #expect(throws: DomainError.self) { try revoked.revoked(at: "2026-12-03T10:00:00Z", reason: "again") }
    }

    @Test("base64 agrees with Foundation's, both ways, for every length up to 70")
    func base64() {
        var generator = SystemRandomNumberGenerator()
        for length in 0...70 {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let text = Base64Text.encode(bytes)
            #expect(text == Data(bytes).base64EncodedString())
            #expect(Base64Text.decode(text) == bytes)
        }
    }

    @Test("text that is not strict base64 is refused", arguments: ["A", "AB=", "A===", "AB?=", "QR==", "QUJD RA==", "QUJDRA"])
    func notBase64(_ text: String) {
        #expect(Base64Text.decode(text) == nil)
    }
}
