import MemberwiseInit

/// `io.parkd.Tenant`: the registry of firms and their status lifecycle.
public enum TenantAPI {
    public static let interface = VarlinkInterface(
        name: "io.parkd.Tenant", methods: [create, list, get, update, transition], errors: errors, definition: """
        # The park's tenants (firms): registry and status lifecycle.
        # Errors shared by all parkd interfaces are declared in io.parkd.Service
        # (PermissionDenied, InvalidField, InvalidMessage, InternalError).
        interface io.parkd.Tenant

        # One recorded status change.
        type StatusChange (
          # Status before the change.
          from: string,
          # Status after the change.
          to: string,
          # Day the change took effect (YYYY-MM-DD).
          on: string,
          # Why, in the administrator's words.
          reason: string,
          # When it was recorded (RFC 3339, UTC).
          recordedAt: string,
          # User name of whoever recorded it.
          recordedBy: string
        )

        # A firm in the registry.
        type Tenant (
          # Stable numeric id.
          id: int,
          # Registered name (UTF-8; Chinese names are the norm).
          name: string,
          # Unified social credit code, 18 characters (GB 32100-2015).
          creditCode: string,
          # Lines of business: recruitment, dispatch, training, outsourcing,
          # headhunting, consulting, assessment, other.
          businessLines: []string,
          # local or external.
          origin: string,
          # Free tags such as brand tiers (headquarters, china-top-500).
          tags: []string,
          \(SharedFields.lines(SharedFields.firmContacts, type: "?string")),
          # applicant, reviewing, approved, rejected, active, exiting or exited.
          status: string,
          # Day the current status took effect (YYYY-MM-DD).
          statusSince: string,
          # First day in the park: when it first became active (YYYY-MM-DD).
          movedIn: ?string,
          # Whole months since moving in, today (to its last day in the park once exited).
          monthsInPark: ?int,
          # Lease year today (on its last day in the park once exited): 1 in the first year
          # after moving in, 2 in the second, …
          leaseYear: ?int,
          # Day the firm applied (YYYY-MM-DD).
          appliedOn: string,
          # When the record was created (RFC 3339, UTC).
          createdAt: string,
          # When the record last changed (RFC 3339, UTC).
          updatedAt: string,
          # Status changes, oldest first.
          history: []StatusChange
        )

        # Registers an applicant firm.
        method Create(
          # Registered name.
          name: string,
          # Unified social credit code; spaces and hyphens are ignored.
          creditCode: string,
          # Lines of business (default none).
          businessLines: ?[]string,
          # local (default) or external.
          origin: ?string,
          # Tags (default none).
          tags: ?[]string,
          \(SharedFields.lines(SharedFields.firmContacts, type: "?string")),
          # Day of the application (YYYY-MM-DD, default today in the park's time zone).
          appliedOn: ?string
        ) -> (
          # The tenant registered, an applicant.
          tenant: Tenant
        )

        # Lists tenants by id, a page at a time.
        method List(
          # Only tenants with this status.
          status: ?string,
          # Only tenants with this line of business.
          businessLine: ?string,
          # Page size, 1 to 1000 (default 100).
          limit: ?int,
          # Cursor from a previous page's next.
          after: ?string
        ) -> (
          # This page's tenants, by id.
          tenants: []Tenant,
          # Cursor for the following page; absent on the last page.
          next: ?string
        )

        # One tenant, by id or credit code.
        method Get(
          # Id or credit code.
          tenant: string
        ) -> (
          # The tenant, with its status history.
          tenant: Tenant
        )

        # Changes fields of a tenant; absent fields stay as they are,
        # an empty string clears an optional field.
        method Update(
          # Id or credit code.
          tenant: string,
          # New registered name.
          name: ?string,
          # New unified social credit code.
          creditCode: ?string,
          # Replaces the business lines.
          businessLines: ?[]string,
          # local or external.
          origin: ?string,
          # Tags to add.
          addTags: ?[]string,
          # Tags to remove.
          removeTags: ?[]string,
          \(SharedFields.lines(SharedFields.firmContacts, type: "?string", note: "; empty to clear"))
        ) -> (
          # The tenant as it is now.
          tenant: Tenant
        )

        # Moves a tenant along its lifecycle.
        method Transition(
          # Id or credit code.
          tenant: string,
          # The new status.
          to: string,
          # Day the change takes effect (YYYY-MM-DD, default today); not before
          # the previous change, not in the future.
          on: ?string,
          # Why; kept in the history.
          reason: string
        ) -> (
          # The tenant in its new status.
          tenant: Tenant
        )

        # No tenant has this id or credit code.
        error NoSuchTenant (
          # The id or credit code, as given.
          tenant: string
        )

        # Another tenant already has this credit code.
        error CreditCodeInUse (
          # The credit code.
          creditCode: string,
          # The id of the tenant that has it.
          tenant: int
        )

        # The lifecycle does not allow this change.
        error InvalidTransition (
          # The tenant's status.
          from: string,
          # The status asked for.
          to: string,
          # The statuses it may move to.
          allowed: []string
        )

        """)

    public static let create = VarlinkMethod<Create, CreateReply>("io.parkd.Tenant.Create", access: .write)
    public static let list = VarlinkMethod<List, ListReply>("io.parkd.Tenant.List", access: .read)
    public static let get = VarlinkMethod<Get, GetReply>("io.parkd.Tenant.Get", access: .read)
    public static let update = VarlinkMethod<Update, UpdateReply>("io.parkd.Tenant.Update", access: .write)
    public static let transition = VarlinkMethod<Transition, TransitionReply>("io.parkd.Tenant.Transition", access: .write)

    @MemberwiseInit
    public struct StatusChange: Codable, Sendable, Equatable {
        public var from: String
        public var to: String
        public var on: String
        public var reason: String
        public var recordedAt: String
        public var recordedBy: String
    }

    @MemberwiseInit
    public struct Tenant: Codable, Sendable, Equatable {
        public var id: Int64
        public var name: String
        public var creditCode: String
        public var businessLines: [String]
        public var origin: String
        public var tags: [String]
        public var contactPerson: String?
        public var contactPhone: String?
        public var dispatchLicence: String?
        public var hrServiceLicence: String?
        public var status: String
        public var statusSince: String
        public var movedIn: String?
        public var monthsInPark: Int?
        public var leaseYear: Int?
        public var appliedOn: String
        public var createdAt: String
        public var updatedAt: String
        public var history: [StatusChange]
    }

    @MemberwiseInit
    public struct Create: Codable, Sendable {
        public var name: String
        public var creditCode: String
        public var businessLines: [String]? = nil
        public var origin: String? = nil
        public var tags: [String]? = nil
        public var contactPerson: String? = nil
        public var contactPhone: String? = nil
        public var dispatchLicence: String? = nil
        public var hrServiceLicence: String? = nil
        public var appliedOn: String? = nil
    }

    @MemberwiseInit
    public struct List: Codable, Sendable {
        public var status: String? = nil
        public var businessLine: String? = nil
        public var limit: Int? = nil
        public var after: String? = nil
    }

    @MemberwiseInit
    public struct ListReply: Codable, Sendable {
        public var tenants: [Tenant]
        public var next: String?
    }

    @MemberwiseInit
    public struct Get: Codable, Sendable {
        public var tenant: String
    }

    /// The reply of every method that answers with one tenant.
    @MemberwiseInit
    public struct TenantReply: Codable, Sendable {
        public var tenant: Tenant
    }

    public typealias CreateReply = TenantReply
    public typealias GetReply = TenantReply
    public typealias UpdateReply = TenantReply
    public typealias TransitionReply = TenantReply

    public struct Update: Codable, Sendable {
        public var tenant: String
        public var name: String?
        public var creditCode: String?
        public var businessLines: [String]?
        public var origin: String?
        public var addTags: [String]?
        public var removeTags: [String]?
        public var contactPerson: String?
        public var contactPhone: String?
        public var dispatchLicence: String?
        public var hrServiceLicence: String?

        public init(tenant: String) { self.tenant = tenant }

        /// True when the update names no field to change.
        public var isEmpty: Bool {
            name == nil && creditCode == nil && businessLines == nil && origin == nil && addTags == nil
                && removeTags == nil && contactPerson == nil && contactPhone == nil && dispatchLicence == nil
                && hrServiceLicence == nil
        }
    }

    @MemberwiseInit
    public struct Transition: Codable, Sendable {
        public var tenant: String
        public var to: String
        public var on: String? = nil
        public var reason: String
    }
}
