import MemberwiseInit

/// One audited call, as it is hashed into the chain.
@MemberwiseInit
public struct AuditEntry: Equatable, Sendable {
    /// Position in the chain, from 1, without gaps.
    public var id: Int64
    /// RFC 3339 instant, UTC, milliseconds.
    public var at: String
    public var uid: Int64
    public var user: String
    public var pid: Int64
    public var method: String
    /// Canonical JSON text of the call's parameters.
    public var parameters: String
    /// "ok" or the error the call ended with.
    public var outcome: String
    public var previousHash: String
    /// The id of the `AuditKey` that sealed the entry (its hash is an HMAC under it); nil for an
    /// entry hashed with plain SHA-256 (written while parkd had no key).
    public var keyID: String?
    public var hash: String

    /// A new entry placed after `previous` (nil for the first), with its hash computed: sealed
    /// with `key` when there is one.
    public init(
        after previous: (id: Int64, hash: String)?, at: String, uid: Int64, user: String, pid: Int64,
        method: String, parameters: String, outcome: String, key: AuditKey? = nil
    ) {
        self.id = (previous?.id ?? 0) + 1
        self.at = at
        self.uid = uid
        self.user = Self.storable(user)
        self.pid = pid
        self.method = Self.storable(method)
        self.parameters = Self.storable(parameters)
        self.outcome = Self.storable(outcome)
        self.previousHash = previous?.hash ?? AuditEntry.genesisHash
        self.keyID = key?.id
        self.hash = ""
        self.hash = key.map { $0.seal(content) } ?? ContentHash.sha256(content)
    }

    /// `text` as the database keeps it: SQLite keeps a text up to its first U+0000, so each is
    /// written `\u0000` (an outcome may quote a caller's member name, which may hold one), and
    /// the entry is hashed as it is stored.
    static func storable(_ text: String) -> String {
        text.contains("\u{0}") ? text.replacing("\u{0}", with: "\\u0000") : text
    }

    /// The `previousHash` of the first entry.
    public static let genesisHash = String(repeating: "0", count: 64)

    /// Every field but `hash`, each length-prefixed so no two entries share an encoding (an
    /// unsealed entry's as before keys existed, so its hash stays what it was).
    var content: [UInt8] {
        var fields = [String(id), at, String(uid), user, String(pid), method, parameters, outcome, previousHash]
        if let keyID { fields.append(keyID) }
        return ContentHash.lengthPrefixed(fields)
    }

    /// The hash the entry must have: the HMAC under `key` for a sealed entry (nil when the key
    /// that sealed it is not `key`), SHA-256 for an unsealed one.
    public func expectedHash(key: AuditKey?) -> String? {
        guard let keyID else { return ContentHash.sha256(content) }
        guard let key, key.id == keyID else { return nil }
        return key.seal(content)
    }
}
