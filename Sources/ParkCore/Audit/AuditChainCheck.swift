/// Walks the chain in id order and reports the first entry that breaks it.
///
/// An edited entry fails its own hash; a deleted one leaves a gap in the ids and a previousHash
/// that points nowhere; reordered entries fail both. Fed one entry at a time, so a long trail
/// can be checked in pages.
public struct AuditChainCheck: Sendable {
    public private(set) var checked = 0
    public private(set) var head: (id: Int64, hash: String)?

    public init() {}

    /// Checks the next entry; returns a description of the fault, or nil when it fits.
    public mutating func check(_ entry: AuditEntry) -> String? {
        let expectedID = (head?.id ?? 0) + 1
        guard entry.id == expectedID else {
            return "entry \(expectedID) is missing: found entry \(entry.id) in its place"
        }
        guard entry.previousHash == (head?.hash ?? AuditEntry.genesisHash) else {
            return "entry \(entry.id) does not follow entry \(expectedID - 1): its previousHash does not match (deleted or reordered entries)"
        }
        guard entry.computedHash == entry.hash else {
            return "entry \(entry.id) was altered: its content no longer matches its hash"
        }
        checked += 1
        head = (entry.id, entry.hash)
        return nil
    }
}
