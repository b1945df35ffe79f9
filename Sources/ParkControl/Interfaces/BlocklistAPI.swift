import MemberwiseInit

/// `io.parkd.Blocklist`: the park's own list of firms whose applications fail the prescreen.
public enum BlocklistAPI {
    public static let interface = VarlinkInterface(
        name: "io.parkd.Blocklist", methods: [create, list, delete], errors: errors, definition: """
        # The park's blocklist (失信 list kept by the park): an application of a listed firm fails
        # the prescreen. An entry taken off the list is kept, with who removed it and why.
        interface io.parkd.Blocklist

        # A firm on the list, or once on it.
        type Entry (
          # Stable numeric id.
          id: int,
          # Unified social credit code.
          creditCode: string,
          # The firm's name.
          name: string,
          # Why the park listed it.
          reason: string,
          # Day it was listed (YYYY-MM-DD).
          listedOn: string,
          # When it was recorded (RFC 3339, UTC).
          createdAt: string,
          # User name of whoever listed it.
          createdBy: string,
          # When it was taken off the list (RFC 3339, UTC).
          removedAt: ?string,
          # User name of whoever took it off.
          removedBy: ?string,
          # Why it was taken off.
          removalReason: ?string
        )

        # Lists a firm.
        method Create(
          # Unified social credit code (valid, 18 characters).
          creditCode: string,
          # The firm's name.
          name: string,
          # Why the park lists it.
          reason: string,
          # Day it is listed (YYYY-MM-DD, default today), not in the future.
          listedOn: ?string
        ) -> (
          # The entry.
          entry: Entry
        )

        # The firms listed now, by id.
        method List(
          # Entries taken off the list too.
          includeRemoved: ?bool
        ) -> (
          # The entries.
          entries: []Entry
        )

        # Takes a firm off the list; the entry is kept.
        method Delete(
          # Unified social credit code.
          creditCode: string,
          # Why.
          reason: string
        ) -> (
          # The entry as it is now.
          entry: Entry
        )

        # The firm is on the list already.
        error AlreadyListed (
          # Its credit code.
          creditCode: string,
          # Day it was listed (YYYY-MM-DD).
          listedOn: string
        )

        # The firm is not on the list.
        error NotListed (
          # The credit code asked for.
          creditCode: string
        )

        """)

    public static let create = VarlinkMethod<Create, CreateReply>("io.parkd.Blocklist.Create", access: .write)
    public static let list = VarlinkMethod<List, ListReply>("io.parkd.Blocklist.List", access: .read)
    public static let delete = VarlinkMethod<Delete, DeleteReply>("io.parkd.Blocklist.Delete", access: .write)

    @MemberwiseInit
    public struct Entry: Codable, Sendable, Equatable {
        public var id: Int64
        public var creditCode: String
        public var name: String
        public var reason: String
        public var listedOn: String
        public var createdAt: String
        public var createdBy: String
        public var removedAt: String?
        public var removedBy: String?
        public var removalReason: String?
    }

    @MemberwiseInit
    public struct Create: Codable, Sendable {
        public var creditCode: String
        public var name: String
        public var reason: String
        public var listedOn: String? = nil
    }

    /// The reply of every method that answers with one entry.
    @MemberwiseInit
    public struct EntryReply: Codable, Sendable {
        public var entry: Entry
    }

    public typealias CreateReply = EntryReply
    public typealias DeleteReply = EntryReply

    @MemberwiseInit
    public struct List: Codable, Sendable {
        public var includeRemoved: Bool? = nil
    }

    @MemberwiseInit
    public struct ListReply: Codable, Sendable {
        public var entries: [Entry]
    }

    @MemberwiseInit
    public struct Delete: Codable, Sendable {
        public var creditCode: String
        public var reason: String
    }
}
