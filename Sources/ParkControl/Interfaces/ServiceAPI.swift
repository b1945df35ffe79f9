import MemberwiseInit

/// `io.parkd.Service`: the daemon itself, and the errors every parkd interface may return.
public enum ServiceAPI {
    public static let interface = VarlinkInterface(name: "io.parkd.Service", methods: [status, setLogLevel], errors: errors, definition: """
        # The parkd daemon: its state, and the errors shared by every io.parkd interface.
        interface io.parkd.Service

        # Counts of tenants in one status.
        type StatusCount (
          # The tenant status.
          status: string,
          # How many tenants have it.
          count: int
        )

        # What callers were refused or held back since start, by the limits of the configuration.
        type HeldBack (
          # Connections refused because their caller held every connection it may.
          connectionsRefused: int,
          # Calls of callers without a role that waited their turn.
          callsDelayed: int,
          # Refused calls (and malformed messages) of callers without a role left out of the log and the audit trail (counted in the next entry).
          refusedCallsNotAudited: int,
          # The users over one of their limits now.
          uidsOverBudget: []int
        )

        # PRAGMA quick_check of the database: it reads the whole file, so parkd runs it once it
        # serves, never before READY=1.
        type Integrity (
          # checking, sound or damaged.
          state: string,
          # When the check started (RFC 3339, UTC).
          startedAt: string,
          # Seconds the check took; absent while checking.
          seconds: ?float,
          # SQLite's findings when damaged (at most 100 lines).
          problems: []string
        )

        # The working-day calendar in force, and how far ahead of today it counts.
        type WorkingDays (
          # The years it holds a schedule for, runs of consecutive years joined: 2018–2026;
          # empty when it holds none.
          years: string,
          # The last day a count of working days from today may reach (YYYY-MM-DD): the end of
          # the last year held without a gap from today's; absent when today's year is not held.
          through: ?string,
          # What the administrator should do, when it ends within 45 days of today or does not
          # hold today's year; absent otherwise.
          warning: ?string
        )

        # What the daemon is doing and what it holds.
        method Status() -> (
          # parkd's version.
          version: string,
          # When this process started (RFC 3339, UTC).
          startedAt: string,
          # Seconds since start.
          uptimeSeconds: int,
          # Directory holding the database.
          stateDirectory: string,
          # Size of the database files (main file and write-ahead log) in bytes.
          databaseBytes: int,
          # Path of the control socket, or how it was handed over.
          socket: string,
          # Where the configuration came from: a file path or "embedded defaults".
          configSource: string,
          # Current log level.
          logLevel: string,
          # Open admin connections, this one included.
          connections: int,
          # All tenants.
          tenants: int,
          # Tenants per status, in lifecycle order.
          tenantsByStatus: []StatusCount,
          # Entries in the audit trail.
          auditEntries: int,
          # Why the last configuration reload was refused, if it was.
          lastReloadError: ?string,
          # policies.reprice_approved is on: a policy file may change approved money (meant for
          # one reload of an amendment the city made retroactive).
          repriceApproved: bool,
          # Callers refused or held back by the limits since start.
          heldBack: HeldBack,
          # The park's public key that verifies its receipts (base64 of the raw 32-byte Ed25519
          # key, in the state directory's receipt-key); absent when parkd runs without one.
          receiptKey: ?string,
          # The receipt key's id: 16 hex digits derived from it, as for tenants' keys.
          receiptKeyId: ?string,
          # The database's integrity check since start; absent before it began.
          integrity: ?Integrity,
          # The working-day calendar in force.
          workingDays: WorkingDays
        )

        # Changes the log level until the next restart or reload.
        method SetLogLevel(
          # trace, debug, info, notice, warning, error or critical.
          level: string
        ) -> (
          # The level before the change.
          previous: string,
          # The level now in force.
          level: string
        )

        # The caller's credentials do not allow this method.
        error PermissionDenied (
          # The method called, fully qualified.
          method: string,
          # The caller's user id, from the socket's peer credentials.
          uid: int
        )

        # A field of the request failed a rule; nothing was changed.
        error InvalidField (
          # The parameter that failed, or what failed when no one parameter did (figures).
          field: string,
          # What is wrong with it, in a sentence parkctl shows as it is.
          reason: string
        )

        # The request was not a Varlink message (bad JSON or UTF-8, over 1 MiB, no method).
        error InvalidMessage (
          # What is wrong with the message.
          reason: string
        )

        # The daemon failed to carry out the request; its journal has the details.
        error InternalError ()

        # The connection was refused: its caller holds every connection it may. The reply to
        # its first call, after which it closes; one that sends nothing for 2 s is closed
        # without it.
        error TooManyConnections (
          # The caller's user id.
          uid: int,
          # The number of connections it may not pass.
          limit: int,
          # Which limit: limits.connections_per_user, or the connections not kept for admins.
          reason: string
        )

        # The disk holding the database is full; nothing was changed.
        error DiskFull ()

        # Another process holds the database's lock past database.busy_timeout_seconds;
        # nothing was changed.
        error DatabaseBusy (
          # The process holding the lock, when /proc/locks names it.
          holderPid: ?int
        )

        # The database or its file system is read-only; nothing was changed.
        error DatabaseReadOnly ()

        # A policy check, test or simulation took longer than limits.compute_seconds and was stopped.
        error ComputeTimeExceeded (
          # The method called, fully qualified.
          method: string,
          # The budget it passed, in seconds.
          seconds: int
        )

        # The database file cannot be used any more (deleted, replaced, an I/O error).
        error DatabaseUnavailable (
          # SQLite's words for it.
          reason: string
        )

        """)

    public static let status = VarlinkMethod<NoParameters, StatusReply>("io.parkd.Service.Status", access: .read)
    public static let setLogLevel = VarlinkMethod<SetLogLevel, SetLogLevelReply>("io.parkd.Service.SetLogLevel", access: .write)

    @MemberwiseInit
    public struct SetLogLevel: Codable, Sendable {
        public var level: String
    }

    @MemberwiseInit
    public struct SetLogLevelReply: Codable, Sendable {
        public var previous: String
        public var level: String
    }

    @MemberwiseInit
    public struct StatusCount: Codable, Sendable, Equatable {
        public var status: String
        public var count: Int
    }

    @MemberwiseInit
    public struct HeldBack: Codable, Sendable, Equatable {
        public var connectionsRefused: Int
        public var callsDelayed: Int
        public var refusedCallsNotAudited: Int
        public var uidsOverBudget: [Int64]
    }

    @MemberwiseInit
    public struct Integrity: Codable, Sendable, Equatable {
        public var state: String
        public var startedAt: String
        public var seconds: Double?
        public var problems: [String]
    }

    @MemberwiseInit
    public struct WorkingDays: Codable, Sendable, Equatable {
        public var years: String
        public var through: String?
        public var warning: String?
    }

    @MemberwiseInit
    public struct StatusReply: Codable, Sendable {
        public var version: String
        public var startedAt: String
        public var uptimeSeconds: Int
        public var stateDirectory: String
        public var databaseBytes: Int
        public var socket: String
        public var configSource: String
        public var logLevel: String
        public var connections: Int
        public var tenants: Int
        public var tenantsByStatus: [StatusCount]
        public var auditEntries: Int
        public var lastReloadError: String?
        public var repriceApproved: Bool
        public var heldBack: HeldBack
        public var receiptKey: String?
        public var receiptKeyId: String?
        public var integrity: Integrity?
        public var workingDays: WorkingDays
    }
}
