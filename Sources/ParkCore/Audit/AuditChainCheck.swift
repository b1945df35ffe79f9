/// Walks the chain in id order and reports the first entry that breaks it.
///
/// An edited entry fails its own hash; a deleted one leaves a gap in the ids and a previousHash
/// that points nowhere; reordered entries fail both. A sealed entry's hash is checked under the
/// key (an entry sealed with a key parkd does not hold cannot be checked, and fails), and once
/// an entry is sealed every later one must be: a chain recomputed without the key fails at its
/// first unsealed entry. Fed one entry at a time, so a long trail can be checked in pages.
public struct AuditChainCheck: Sendable {
    public private(set) var checked = 0
    public private(set) var head: (id: Int64, hash: String)?
    /// The first entry sealed with the key.
    public private(set) var firstSealed: Int64?
    private let key: AuditKey?

    public init(key: AuditKey? = nil) {
        self.key = key
    }

    /// Checks the next entry; returns a description of the fault, or nil when it fits.
    public mutating func check(_ entry: AuditEntry) -> String? {
        let expectedID = (head?.id ?? 0) + 1
        guard entry.id == expectedID else {
            return "entry \(expectedID) is missing: found entry \(entry.id) in its place"
        }
        guard entry.previousHash == (head?.hash ?? AuditEntry.genesisHash) else {
            return "entry \(entry.id) does not follow entry \(expectedID - 1): its previousHash does not match (deleted or reordered entries)"
        }
        if entry.keyID == nil, let firstSealed {
            return "entry \(entry.id) is not sealed although entry \(firstSealed) before it is: the chain was rewritten without the key"
        }
        guard let expected = entry.expectedHash(key: key) else {
            let held = key.map { "parkd holds key \($0.id)" } ?? "parkd holds no audit key"
            return "entry \(entry.id) is sealed with key \(entry.keyID ?? "?"), and \(held): it cannot be checked"
        }
        guard expected == entry.hash else {
            return "entry \(entry.id) was altered: its content no longer matches its hash"
        }
        if entry.keyID != nil, firstSealed == nil { firstSealed = entry.id }
        checked += 1
        head = (entry.id, entry.hash)
        return nil
    }

    /// After the last entry: a fault of the chain as a whole, or nil. parkd seals every entry it
    /// writes while it holds a key, and seals the trail at start when its newest entry is not
    /// (`ParkDatabase.sealAuditTrail`), so a newest entry unsealed while a key is held means the chain
    /// was recomputed without the key.
    public func finish() -> String? {
        guard let key, let head, firstSealed == nil else { return nil }
        return "entry \(head.id), the newest, is not sealed although parkd holds audit key \(key.id): the chain was rewritten without the key"
    }
}
