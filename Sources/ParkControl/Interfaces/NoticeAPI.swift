import MemberwiseInit

/// `io.parkd.Notice`: the public notice of approved reward runs, and objections to their lines.
public enum NoticeAPI {
    public static let interface = VarlinkInterface(
        name: "io.parkd.Notice", methods: [create, get, list, close, object, resolve, listObjections], errors: errors, definition: """
        # Public notice (公示): an approved run's lines are posted for a number of working days
        # (firm name, rule, period, amount). While the notice runs an objection may be recorded
        # against a line; an open objection holds the line. An objection upheld withdraws the
        # line from payment (an adjustment run corrects it); dismissed releases it. Once the last
        # day has passed the notice is closed and its released lines become payable.
        interface io.parkd.Notice

        # A run's notice.
        type Notice (
          # The run's id.
          run: int,
          # The run's period (YYYY-MM or YYYY).
          runPeriod: string,
          # First day of the notice (YYYY-MM-DD).
          startsOn: string,
          # Last day of the notice (YYYY-MM-DD).
          endsOn: string,
          # Working days posted.
          workingDays: int,
          # running, ended (the last day has passed; close it) or closed.
          status: string,
          # When it was published (RFC 3339, UTC).
          publishedAt: string,
          # Who published it.
          publishedBy: string,
          # When it was closed.
          closedAt: ?string,
          # Who closed it.
          closedBy: ?string
        )

        # A line as posted, with where it stands.
        type Line (
          # The line's id.
          line: int,
          # Tenant id.
          tenant: int,
          # The firm's name.
          name: string,
          # Rule id.
          rule: string,
          # The rule's title.
          ruleTitle: string,
          # The policy that sets the rule.
          policy: string,
          # The month (YYYY-MM) or year (YYYY) the amount is for.
          period: string,
          # Yuan, exact to the fen; negative for an amount owed back.
          amount: string,
          # held, withdrawn, payable or paid.
          state: string,
          # True when the tenant confirmed it.
          confirmed: bool
        )

        # An objection to a line.
        type Objection (
          # Stable numeric id.
          id: int,
          # The run's id.
          run: int,
          # The line objected to.
          line: int,
          # The line's tenant.
          tenant: int,
          # The tenant's name.
          name: string,
          # The line's rule.
          rule: string,
          # Who objects.
          objector: string,
          # The grounds given (at most 2,000 characters; they may run over several lines).
          grounds: string,
          # When it was recorded (RFC 3339, UTC).
          recordedAt: string,
          # Who recorded it.
          recordedBy: string,
          # upheld or dismissed; absent while open.
          resolution: ?string,
          # Why it was resolved so.
          reason: ?string,
          # When it was resolved.
          resolvedAt: ?string,
          # Who resolved it.
          resolvedBy: ?string
        )

        # Publishes an approved run's notice from today for `days` working days.
        method Create(
          # The run's id.
          run: int,
          # Working days (default cashing.notice_days of the configuration).
          days: ?int
        ) -> (
          # The notice.
          notice: Notice
        )

        # A run's notice with its lines and objections.
        method Get(
          # The run's id.
          run: int
        ) -> (
          # The notice.
          notice: Notice,
          # The run's lines, as posted.
          lines: []Line,
          # The lines' amounts added up (yuan, exact to the fen), as the posting's total.
          total: string,
          # The objections to them, oldest first.
          objections: []Objection
        )

        # Every notice, oldest first.
        method List() -> (
          # The notices.
          notices: []Notice
        )

        # Closes a notice after its last day: its lines without an open objection become payable.
        # A notice closes once: closing it again is refused (InvalidField, naming run).
        method Close(
          # The run's id.
          run: int
        ) -> (
          # The notice, closed.
          notice: Notice
        )

        # Records an objection to a line while its run's notice runs.
        method Object(
          # The line's id.
          line: int,
          # Who objects (a name, a firm, "anonymous letter").
          objector: string,
          # The grounds given (at most 2,000 characters; they may run over several lines).
          grounds: string
        ) -> (
          # The objection recorded.
          objection: Objection
        )

        # Resolves an open objection.
        method Resolve(
          # The objection's id.
          objection: int,
          # upheld (the line is withdrawn from payment) or dismissed (the line is released).
          resolution: string,
          # Why.
          reason: string
        ) -> (
          # The objection, resolved.
          objection: Objection,
          # The line's objections still open, which hold it (oldest first).
          openObjections: []int,
          # The objection upheld against the line, which withdrew it, if one was.
          upheldBy: ?int,
          # The notice's last day (YYYY-MM-DD): a line no objection holds is payable once it closes.
          noticeEndsOn: string,
          # The notice is closed.
          noticeClosed: bool
        )

        # Objections, oldest first; with `run`, that run's.
        method ListObjections(
          # The run's id.
          run: ?int
        ) -> (
          # The objections.
          objections: []Objection
        )

        # The run has no notice.
        error NoSuchNotice (
          # The run's id.
          run: int
        )

        # The run is already on notice.
        error NoticeExists (
          # The run's id.
          run: int,
          # The notice's last day.
          endsOn: string
        )

        # Only an approved run is put on notice, confirmed or paid.
        error RunNotApproved (
          # The run's id.
          run: int,
          # Its status.
          status: string
        )

        # A notice is closed only after its last day.
        error NoticeNotEnded (
          # The run's id.
          run: int,
          # The notice's last day.
          endsOn: string,
          # Today in the park.
          today: string
        )

        # The notice has ended: objections are no longer taken.
        error NoticeEnded (
          # The run's id.
          run: int,
          # The notice's last day.
          endsOn: string
        )

        # No reward line has this id.
        error NoSuchLine (
          # The id asked for.
          line: int
        )

        # No objection has this id.
        error NoSuchObjection (
          # The id asked for.
          objection: int
        )

        # The objection was already resolved.
        error ObjectionResolved (
          # The objection's id.
          objection: int,
          # upheld or dismissed.
          resolution: string
        )

        """)

    public static let create = VarlinkMethod<Create, NoticeReply>("io.parkd.Notice.Create", access: .write)
    public static let get = VarlinkMethod<Get, GetReply>("io.parkd.Notice.Get", access: .read)
    public static let list = VarlinkMethod<NoParameters, ListReply>("io.parkd.Notice.List", access: .read)
    public static let close = VarlinkMethod<Close, NoticeReply>("io.parkd.Notice.Close", access: .write)
    public static let object = VarlinkMethod<Object, ObjectionReply>("io.parkd.Notice.Object", access: .write)
    public static let resolve = VarlinkMethod<Resolve, ResolveReply>("io.parkd.Notice.Resolve", access: .write)
    public static let listObjections = VarlinkMethod<ListObjections, ListObjectionsReply>("io.parkd.Notice.ListObjections", access: .read)

    @MemberwiseInit
    public struct Notice: Codable, Sendable, Equatable {
        public var run: Int64
        public var runPeriod: String
        public var startsOn: String
        public var endsOn: String
        public var workingDays: Int
        public var status: String
        public var publishedAt: String
        public var publishedBy: String
        public var closedAt: String?
        public var closedBy: String?
    }

    @MemberwiseInit
    public struct Line: Codable, Sendable, Equatable {
        public var line: Int64
        public var tenant: Int64
        public var name: String
        public var rule: String
        public var ruleTitle: String
        public var policy: String
        public var period: String
        public var amount: String
        public var state: String
        public var confirmed: Bool
    }

    @MemberwiseInit
    public struct Objection: Codable, Sendable, Equatable {
        public var id: Int64
        public var run: Int64
        public var line: Int64
        public var tenant: Int64
        public var name: String
        public var rule: String
        public var objector: String
        public var grounds: String
        public var recordedAt: String
        public var recordedBy: String
        public var resolution: String?
        public var reason: String?
        public var resolvedAt: String?
        public var resolvedBy: String?
    }

    @MemberwiseInit
    public struct Create: Codable, Sendable {
        public var run: Int64
        public var days: Int?
    }

    /// The reply of Create and Close.
    @MemberwiseInit
    public struct NoticeReply: Codable, Sendable {
        public var notice: Notice
    }

    @MemberwiseInit
    public struct Get: Codable, Sendable {
        public var run: Int64
    }

    @MemberwiseInit
    public struct GetReply: Codable, Sendable {
        public var notice: Notice
        public var lines: [Line]
        public var total: String
        public var objections: [Objection]
    }

    @MemberwiseInit
    public struct ListReply: Codable, Sendable {
        public var notices: [Notice]
    }

    public typealias Close = Get

    @MemberwiseInit
    public struct Object: Codable, Sendable {
        public var line: Int64
        public var objector: String
        public var grounds: String
    }

    /// The reply of Object and Resolve.
    @MemberwiseInit
    public struct ObjectionReply: Codable, Sendable {
        public var objection: Objection
    }

    @MemberwiseInit
    public struct ResolveReply: Codable, Sendable {
        public var objection: Objection
        public var openObjections: [Int64]
        public var upheldBy: Int64?
        public var noticeEndsOn: String
        public var noticeClosed: Bool
    }

    @MemberwiseInit
    public struct Resolve: Codable, Sendable {
        public var objection: Int64
        public var resolution: String
        public var reason: String
    }

    @MemberwiseInit
    public struct ListObjections: Codable, Sendable {
        public var run: Int64?
    }

    @MemberwiseInit
    public struct ListObjectionsReply: Codable, Sendable {
        public var objections: [Objection]
    }
}
