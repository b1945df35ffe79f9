import Crypto

/// An Ed25519 public key: a tenant's, which authenticates the submissions the tenant drops in
/// the spool (the park stores only public keys, so a copied database cannot forge a
/// submission), or the park's own, which verifies the receipts it signs.
public struct SigningPublicKey: Sendable, Equatable {
    /// The raw 32 bytes of the key.
    public let rawBytes: [UInt8]

    /// Names the key in envelopes and receipts: the first 16 hex digits of a SHA-256 of the
    /// key under a label of its own, so the same key always has the same id.
    public var keyId: String { String(ContentHash.sha256(Array("parkd tenant key id:".utf8) + rawBytes).prefix(16)) }

    /// The key as the wire carries it: base64 of the raw 32 bytes.
    public var base64: String { Base64Text.encode(rawBytes) }

    /// Parses a key given as base64 of its raw 32 bytes (what `cryptography`'s
    /// `public_bytes(Encoding.Raw, PublicFormat.Raw)` gives); `field` names the input at fault.
    public static func parse(_ text: String, field: String) throws -> SigningPublicKey {
        guard let data = Base64Text.decode(text) else {
            throw DomainError.invalid(field, "not base64: give the raw 32-byte Ed25519 public key in base64")
        }
        guard data.count == 32 else {
            throw DomainError.invalid(field, "an Ed25519 public key has 32 bytes, this one has \(data.count)")
        }
        guard (try? Curve25519.Signing.PublicKey(rawRepresentation: data)) != nil else {
            throw DomainError.invalid(field, "not an Ed25519 public key")
        }
        return SigningPublicKey(rawBytes: data)
    }

    /// True when `signature` is this key's Ed25519 signature of exactly `message`.
    public func verifies(signature: [UInt8], of message: [UInt8]) -> Bool {
        guard let key = try? Curve25519.Signing.PublicKey(rawRepresentation: rawBytes) else { return false }
        return key.isValidSignature(signature, for: message)
    }

    /// A new key pair: the public key to store and the private key (base64 of its raw 32 bytes)
    /// to hand to the tenant once and never keep.
    public static func generate() -> (publicKey: SigningPublicKey, privateKeyBase64: String) {
        let key = ReceiptKey.generate()
        return (key.publicKey, Base64Text.encode(key.privateBytes))
    }
}
