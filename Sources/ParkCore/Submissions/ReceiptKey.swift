import Crypto

/// The park's own Ed25519 key, which signs the receipts it writes, so a tenant can prove what
/// the park accepted. Its private half lives in a file of the state directory, never in the
/// database; its public half is what tenants verify receipts with (`parkctl status`).
public struct ReceiptKey: Sendable {
    /// The raw 32 bytes of the private key.
    let privateBytes: [UInt8]
    /// The public half.
    public let publicKey: SigningPublicKey
    /// The key as swift-crypto signs with it, made once (not per signature). swift-crypto does
    /// not mark it Sendable; it is immutable after init and signing only reads it.
    private nonisolated(unsafe) let signingKey: Curve25519.Signing.PrivateKey

    /// The key of `privateBytes` (32 bytes); nil when they are not a private key.
    public init?(privateBytes: [UInt8]) {
        guard privateBytes.count == 32, let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: privateBytes) else { return nil }
        self.privateBytes = privateBytes
        signingKey = key
        publicKey = SigningPublicKey(rawBytes: Array(key.publicKey.rawRepresentation))
    }

    /// A new random key.
    public static func generate() -> ReceiptKey {
        ReceiptKey(privateBytes: Array(Curve25519.Signing.PrivateKey().rawRepresentation))!
    }

    /// The key file's text: base64 of the raw private key and a line end.
    public var fileText: String { Base64Text.encode(privateBytes) + "\n" }

    /// The key a file's text holds; nil when it holds none.
    public init?(fileText: String) {
        guard let bytes = Base64Text.decode(fileText) else { return nil }
        self.init(privateBytes: bytes)
    }

    /// The Ed25519 signature (64 bytes) of exactly `message`.
    public func sign(_ message: [UInt8]) throws -> [UInt8] {
        Array(try signingKey.signature(for: message))
    }
}

/// Printed or logged (the intake service holding it is described at debug level when it starts
/// and stops), the key shows its public half alone, never its private bytes.
extension ReceiptKey: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String { "ReceiptKey(public: \(publicKey.base64))" }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: ["publicKey": publicKey]) }
}
