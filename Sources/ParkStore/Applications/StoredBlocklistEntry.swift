import ParkCore

/// A blocklist entry as stored, with who listed it and, once removed, who removed it and why.
public struct StoredBlocklistEntry: Sendable, Equatable {
    public var id: Int64
    public var entry: BlocklistEntry
    public var createdAt: String
    public var createdBy: String
    public var removedAt: String?
    public var removedBy: String?
    public var removalReason: String?
}
