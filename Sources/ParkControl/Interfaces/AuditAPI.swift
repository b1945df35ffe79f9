import MemberwiseInit

/// `io.parkd.Audit`: the hash-chained record of every change made through the admin channel.
public enum AuditAPI {
    public static let interface = VarlinkInterface(name: "io.parkd.Audit", methods: [list, verify], definition: """
        # The audit trail: every state-changing call, who made it and how it ended.
        # Each entry holds the SHA-256 of the previous entry, so an edited, deleted
        # or reordered entry breaks the chain.
        interface io.parkd.Audit

        # One audited call.
        type Entry (
          # Position in the chain, from 1.
          id: int,
          # When the call was handled (RFC 3339, UTC, milliseconds).
          at: string,
          # Caller's user id, from the socket's peer credentials.
          uid: int,
          # Caller's user name (or the uid when it has none).
          user: string,
          # Caller's process id.
          pid: int,
          # Fully qualified method name.
          method: string,
          # The call's parameters as sent.
          parameters: object,
          # "ok", or the error name the call ended with.
          outcome: string,
          # SHA-256 (hex) of the previous entry; 64 zeros for the first.
          previousHash: string,
          # SHA-256 (hex) of this entry's content and previousHash; for an entry sealed with
          # the audit key, their HMAC-SHA-256 under it.
          hash: string,
          # The id of the audit key that sealed this entry, which its content includes; absent
          # for an entry hashed with plain SHA-256.
          keyId: ?string
        )

        # Entries, newest first.
        method List(
          # At most this many (1 to 10000, default 50).
          limit: ?int,
          # Only entries at or after this day (YYYY-MM-DD) or instant (RFC 3339).
          since: ?string,
          # Only calls of this method (io.parkd.Tenant.Create, or Tenant.Create), by its name
          # or by the name it had before a rename: either finds the calls made under both. A
          # name that is not a method changing the park is refused with InvalidField.
          method: ?string,
          # Only entries older than this id: a previous page's next.
          before: ?int
        ) -> (
          # The entries, newest first: at most limit, fewer when they would make a reply over
          # 512 KiB (then next is set).
          entries: []Entry,
          # Where the following page starts (its before) when older entries remain (the
          # limit was reached, or the page was full); absent when there is nothing older.
          next: ?int
        )

        # An entry and its hash as noted earlier (from the journal's "audit trail head" entries,
        # or an earlier Verify), to check the trail against.
        type Anchor (
          # The entry's id.
          id: int,
          # Its hash then.
          hash: string
        )

        # Recomputes the whole chain (checking sealed entries under the audit key), then checks
        # the anchors given.
        method Verify(
          # Entries noted earlier: each must still be there with the same hash, or the trail was
          # cut short or rewritten.
          anchors: ?[]Anchor
        ) -> (
          # True when every entry is in place and unaltered, and every anchor matches.
          intact: bool,
          # Entries checked.
          entries: int,
          # Hash of the newest entry: note it to detect later truncation.
          headHash: ?string,
          # Id of the newest entry.
          headId: ?int,
          # Id of the first entry that fails, if any.
          firstBadEntry: ?int,
          # What is wrong with it.
          problem: ?string,
          # The first entry sealed with the audit key (every later one is too); absent when none is.
          firstSealed: ?int,
          # The id of the audit key parkd holds; absent when it holds none (entries are then
          # hashed with plain SHA-256, which anyone who can write the database can recompute).
          keyId: ?string,
          # Anchors checked.
          anchorsChecked: int,
          # Anchors noted before a restore put an older trail in place, found with their hashes
          # in the database the restore kept aside (absent when none).
          anchorsOfReplacedTrails: ?int
        )

        """)

    public static let list = VarlinkMethod<List, ListReply>("io.parkd.Audit.List", access: .read)
    public static let verify = VarlinkMethod<Verify, VerifyReply>("io.parkd.Audit.Verify", access: .read)

    @MemberwiseInit
    public struct Entry: Codable, Sendable, Equatable {
        public var id: Int64
        public var at: String
        public var uid: Int64
        public var user: String
        public var pid: Int64
        public var method: String
        public var parameters: JSONValue
        public var outcome: String
        public var previousHash: String
        public var hash: String
        public var keyId: String?
    }

    @MemberwiseInit
    public struct List: Codable, Sendable {
        public var limit: Int? = nil
        public var since: String? = nil
        public var method: String? = nil
        public var before: Int64? = nil
    }

    @MemberwiseInit
    public struct ListReply: Codable, Sendable {
        public var entries: [Entry]
        public var next: Int64?
    }

    @MemberwiseInit
    public struct Anchor: Codable, Sendable, Equatable {
        public var id: Int64
        public var hash: String
    }

    @MemberwiseInit
    public struct Verify: Codable, Sendable {
        public var anchors: [Anchor]? = nil
    }

    @MemberwiseInit
    public struct VerifyReply: Codable, Sendable {
        public var intact: Bool
        public var entries: Int
        public var headHash: String?
        public var headId: Int64?
        public var firstBadEntry: Int64?
        public var problem: String?
        public var firstSealed: Int64?
        public var keyId: String?
        public var anchorsChecked: Int
        public var anchorsOfReplacedTrails: Int? = nil
    }
}
