import Crypto

/// The secret that seals the audit trail: each entry's hash is an HMAC-SHA-256 under this key,
/// which the database does not hold (systemd's `LoadCredential=`, or a key file outside the
/// state directory). Whoever can edit the database but not read the key cannot recompute a
/// chain that verifies.
public struct AuditKey: Sendable {
    /// The fewest bytes a key may have.
    public static let minimumBytes = 32

    /// The key's bytes (a `SymmetricKey` is made for each seal: it is not Sendable).
    private let bytes: [UInt8]
    /// Names the key in the entries it sealed, without revealing it: the first 16 hex digits of
    /// a SHA-256 of the key under a label of its own.
    public let id: String

    /// A key from its bytes; nil when there are fewer than `minimumBytes`.
    public init?(bytes: [UInt8]) {
        guard bytes.count >= Self.minimumBytes else { return nil }
        self.bytes = bytes
        id = String(ContentHash.sha256(Array("parkd audit key id:".utf8) + bytes).prefix(16))
    }

    /// The seal of a note parkd leaves for its next start (a restore's): an HMAC under the key
    /// of the text behind a label of its own, so that no note's seal is an entry's.
    public func sealNote(_ text: String) -> String {
        seal(Array("parkd note:".utf8) + Array(text.utf8))
    }

    /// HMAC-SHA-256 of `content` as 64 lower-case hex digits.
    func seal(_ content: [UInt8]) -> String {
        ContentHash.hex(Array(HMAC<SHA256>.authenticationCode(for: content, using: SymmetricKey(data: bytes))))
    }
}

/// Printed or logged (a service that holds the key is described at debug level), the key shows
/// its id alone, never its bytes.
extension AuditKey: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String { "AuditKey(id: \(id))" }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: ["id": id]) }
}
