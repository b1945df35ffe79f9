/// One audited call, as it is hashed into the chain.
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
    public var hash: String

    /// A new entry placed after `previous` (nil for the first), with its hash computed.
    public init(
        after previous: (id: Int64, hash: String)?, at: String, uid: Int64, user: String, pid: Int64,
        method: String, parameters: String, outcome: String
    ) {
        self.id = (previous?.id ?? 0) + 1
        self.at = at
        self.uid = uid
        self.user = user
        self.pid = pid
        self.method = method
        self.parameters = parameters
        self.outcome = outcome
        self.previousHash = previous?.hash ?? AuditEntry.genesisHash
        self.hash = ""
        self.hash = computedHash
    }

    /// Restores a stored entry as it is, hash included.
    public init(
        id: Int64, at: String, uid: Int64, user: String, pid: Int64, method: String, parameters: String,
        outcome: String, previousHash: String, hash: String
    ) {
        self.id = id
        self.at = at
        self.uid = uid
        self.user = user
        self.pid = pid
        self.method = method
        self.parameters = parameters
        self.outcome = outcome
        self.previousHash = previousHash
        self.hash = hash
    }

    /// The `previousHash` of the first entry.
    public static let genesisHash = String(repeating: "0", count: 64)

    /// SHA-256 over every field but `hash`, each length-prefixed so no two entries share an encoding.
    public var computedHash: String {
        let fields = [String(id), at, String(uid), user, String(pid), method, parameters, outcome, previousHash]
        var content = ""
        for field in fields {
            content += "\(field.utf8.count):\(field);"
        }
        return ContentHash.sha256(Array(content.utf8))
    }
}
