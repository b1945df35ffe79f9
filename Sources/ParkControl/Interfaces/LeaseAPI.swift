import MemberwiseInit

/// `io.parkd.Lease`: leases of units to tenants, and the rent they owe.
public enum LeaseAPI {
    public static let interface = VarlinkInterface(
        name: "io.parkd.Lease", methods: [create, list, get, amend, renew, terminate, withdraw, rent], errors: errors, definition: """
        # Leases: a tenant holds units from a first to a last day (inclusive) at a
        # contracted rent per m² per month. Amounts are decimal strings in yuan.
        interface io.parkd.Lease

        # A unit as the lease holds it (area fixed at signing).
        type LeasedUnit (
          # The unit's id.
          unit: int,
          # Building-number, e.g. A-1203.
          label: string,
          # Area in m².
          area: string,
          # office, incubator or shared.
          kind: string
        )

        # A rent in force from a day on.
        type RentPeriod (
          # First day (YYYY-MM-DD).
          from: string,
          # Yuan per m² per month.
          rent: string
        )

        # Something that happened to the lease.
        type Event (
          # signed, amended, renewed or terminated.
          kind: string,
          # Day it took effect (YYYY-MM-DD).
          on: string,
          # What changed.
          detail: string,
          # When it was recorded (RFC 3339, UTC).
          recordedAt: string,
          # Who recorded it.
          recordedBy: string
        )

        # A lease, with its rents and events.
        type Lease (
          # Stable numeric id.
          id: int,
          # The tenant's id.
          tenant: int,
          # The tenant's name.
          tenantName: string,
          # The units it holds.
          units: []LeasedUnit,
          # Total area in m².
          area: string,
          # First day (YYYY-MM-DD).
          start: string,
          # Contracted last day, after renewals (YYYY-MM-DD).
          end: string,
          # Last day when terminated early.
          terminatedOn: ?string,
          # Rent history, oldest first.
          rents: []RentPeriod,
          # The rent in yuan per m² per month in force today (the first before the lease starts,
          # the last after it ends).
          rentToday: string,
          # Deposit in yuan.
          deposit: string,
          # Day of the month rent is billed.
          billingDay: int,
          # What happened to it, oldest first.
          events: []Event
        )

        # Signs a lease. Only approved or active tenants may sign; a first lease makes an
        # approved tenant active on the start day.
        method Create(
          # Tenant id or credit code.
          tenant: string,
          # Ids of the units it holds.
          units: []int,
          # First day (YYYY-MM-DD).
          start: string,
          # Last day, inclusive.
          end: string,
          # Contracted rent in yuan per m² per month.
          rent: string,
          # Deposit in yuan (default 0).
          deposit: ?string,
          # 1 to 28 (default 1).
          billingDay: ?int
        ) -> (
          # The lease signed.
          lease: Lease
        )

        # Leases by id.
        method List(
          # Only leases of this tenant (id or credit code).
          tenant: ?string,
          # Only leases holding this unit.
          unit: ?int
        ) -> (
          # The leases, by id.
          leases: []Lease
        )

        # One lease.
        method Get(
          # The lease's id.
          lease: int
        ) -> (
          # The lease, with its rents and events.
          lease: Lease
        )

        # A new rent from a day on; the earlier rent stays in the history.
        method Amend(
          # The lease's id.
          lease: int,
          # The new rent in yuan per m² per month.
          rent: string,
          # First day of the new rent (YYYY-MM-DD).
          from: string
        ) -> (
          # The lease as it is now.
          lease: Lease
        )

        # A later last day.
        method Renew(
          # The lease's id.
          lease: int,
          # The new last day (YYYY-MM-DD).
          end: string
        ) -> (
          # The lease as it is now.
          lease: Lease
        )

        # Ends the lease early: `on` becomes its last day.
        method Terminate(
          # The lease's id.
          lease: int,
          # Its last day (YYYY-MM-DD).
          on: string,
          # Why; kept in its events.
          reason: string
        ) -> (
          # The lease as it is now.
          lease: Lease
        )

        # Withdraws a lease signed ahead, before its first day: it is removed and holds no
        # day of any unit; the audit entry keeps what it was. A lease that has started is
        # ended with Terminate.
        method Withdraw(
          # The lease's id.
          lease: int,
          # Why; kept in the audit entry.
          reason: string
        ) -> (
          # The lease as it was.
          lease: Lease
        )

        # Rent due for a month: the rent in force each day leased × area ÷ days in the
        # month, summed and rounded half-up to the fen once.
        method Rent(
          # The lease's id.
          lease: int,
          # YYYY-MM.
          month: string
        ) -> (
          # The month (YYYY-MM).
          month: string,
          # Rent due, in yuan.
          amount: string,
          # Days of the month the lease holds its units.
          daysLeased: int,
          # Days in the month.
          daysInMonth: int
        )

        # No lease has this id.
        error NoSuchLease (
          # The id asked for.
          lease: int
        )

        # Another lease holds a unit on one of the days.
        error LeaseConflict (
          # The unit's label, building-number.
          unit: string,
          # The lease that holds it.
          lease: int,
          # Which unit, which lease and from when to when, in a sentence.
          message: string
        )

        """)

    public static let create = VarlinkMethod<Create, CreateReply>("io.parkd.Lease.Create", access: .write)
    public static let list = VarlinkMethod<List, ListReply>("io.parkd.Lease.List", access: .read)
    public static let get = VarlinkMethod<Get, GetReply>("io.parkd.Lease.Get", access: .read)
    public static let amend = VarlinkMethod<Amend, AmendReply>("io.parkd.Lease.Amend", access: .write)
    public static let renew = VarlinkMethod<Renew, RenewReply>("io.parkd.Lease.Renew", access: .write)
    public static let terminate = VarlinkMethod<Terminate, TerminateReply>("io.parkd.Lease.Terminate", access: .write)
    public static let withdraw = VarlinkMethod<Withdraw, WithdrawReply>("io.parkd.Lease.Withdraw", access: .write)
    public static let rent = VarlinkMethod<Rent, RentReply>("io.parkd.Lease.Rent", access: .read)

    @MemberwiseInit
    public struct LeasedUnit: Codable, Sendable, Equatable {
        public var unit: Int64
        public var label: String
        public var area: String
        public var kind: String
    }

    @MemberwiseInit
    public struct RentPeriod: Codable, Sendable, Equatable {
        public var from: String
        public var rent: String
    }

    @MemberwiseInit
    public struct Event: Codable, Sendable, Equatable {
        public var kind: String
        public var on: String
        public var detail: String
        public var recordedAt: String
        public var recordedBy: String
    }

    @MemberwiseInit
    public struct Lease: Codable, Sendable, Equatable {
        public var id: Int64
        public var tenant: Int64
        public var tenantName: String
        public var units: [LeasedUnit]
        public var area: String
        public var start: String
        public var end: String
        public var terminatedOn: String?
        public var rents: [RentPeriod]
        public var rentToday: String
        public var deposit: String
        public var billingDay: Int
        public var events: [Event]
    }

    @MemberwiseInit
    public struct Create: Codable, Sendable {
        public var tenant: String
        public var units: [Int64]
        public var start: String
        public var end: String
        public var rent: String
        public var deposit: String? = nil
        public var billingDay: Int? = nil
    }

    @MemberwiseInit
    public struct List: Codable, Sendable {
        public var tenant: String? = nil
        public var unit: Int64? = nil
    }

    @MemberwiseInit
    public struct ListReply: Codable, Sendable {
        public var leases: [Lease]
    }

    @MemberwiseInit
    public struct Get: Codable, Sendable {
        public var lease: Int64
    }

    /// The reply of every method that answers with one lease.
    @MemberwiseInit
    public struct LeaseReply: Codable, Sendable {
        public var lease: Lease
    }

    public typealias CreateReply = LeaseReply
    public typealias GetReply = LeaseReply
    public typealias AmendReply = LeaseReply
    public typealias RenewReply = LeaseReply
    public typealias TerminateReply = LeaseReply
    public typealias WithdrawReply = LeaseReply

    @MemberwiseInit
    public struct Amend: Codable, Sendable {
        public var lease: Int64
        public var rent: String
        public var from: String
    }

    @MemberwiseInit
    public struct Renew: Codable, Sendable {
        public var lease: Int64
        public var end: String
    }

    @MemberwiseInit
    public struct Terminate: Codable, Sendable {
        public var lease: Int64
        public var on: String
        public var reason: String
    }

    @MemberwiseInit
    public struct Withdraw: Codable, Sendable {
        public var lease: Int64
        public var reason: String
    }

    @MemberwiseInit
    public struct Rent: Codable, Sendable {
        public var lease: Int64
        public var month: String
    }

    @MemberwiseInit
    public struct RentReply: Codable, Sendable, Equatable {
        public var month: String
        public var amount: String
        public var daysLeased: Int
        public var daysInMonth: Int
    }
}
