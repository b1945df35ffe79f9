import MemberwiseInit

/// `io.parkd.Submission`: tenants' submissions, taken from the spool or entered by staff.
public enum SubmissionAPI {
    public static let interface = VarlinkInterface(
        name: "io.parkd.Submission", methods: [submit, list, get, stats, retry, requeue], errors: errors, definition: """
        # Tenants' submissions. A tenant drops a signed file in the spool (incoming/new); parkd
        # takes each exactly once by (tenant, submission id) and writes a receipt signed with the
        # park's key to outbox/<credit code>/. Staff enter a paper submission with Submit: the
        # same pipeline and receipt, authenticated by the staff member's login instead of a key.
        interface io.parkd.Submission

        # A recorded submission.
        type Submission (
          # Row id.
          id: int,
          # Tenant id.
          tenant: int,
          # The tenant's credit code.
          creditCode: string,
          # The id the client chose.
          submissionId: string,
          # monthly-report or report-correction.
          type: string,
          # spool (a signed file) or staff (entered at the admin channel).
          channel: string,
          # accepted or rejected.
          status: string,
          # When it was decided (RFC 3339, UTC).
          decidedAt: string,
          # Who recorded it: the uploader for the spool, the staff member for a staff entry.
          recordedBy: string,
          # Hex SHA-256 of the envelope's exact bytes.
          envelopeSha256: string
        )

        # Takes a tenant's submission entered by a staff member: the envelope's JSON text
        # (its keyId is not needed). A resend of the same text answers with the first receipt.
        method Submit(
          # The envelope: {"submissionId", "tenant", "type", "createdAt", "payload"}.
          envelope: string
        ) -> (
          # accepted, rejected, or refused (the submission id was used for another envelope).
          status: string,
          # True when the same envelope had been taken before: nothing changed.
          replayed: bool,
          # The receipt's content (JSON), as signed in the tenant's outbox.
          receipt: string
        )

        # Recorded submissions, newest first.
        method List(
          # Tenant id or credit code.
          tenant: ?string,
          # Only of this type.
          type: ?string,
          # Only accepted or only rejected.
          status: ?string,
          # Only those decided on this day of the park's (YYYY-MM-DD, in park.time_zone).
          day: ?string,
          # At most this many (1 to 1000, default 100).
          limit: ?int,
          # Only those older than this row id: the next page, as the reply's next gives it.
          before: ?int
        ) -> (
          # The submissions, newest first.
          submissions: []Submission,
          # The before of the next page; absent after the last.
          next: ?int
        )

        # One submission and its receipt, by row id or by tenant and submission id.
        method Get(
          # Row id.
          id: ?int,
          # Tenant id or credit code, with submissionId.
          tenant: ?string,
          # The id the client chose, with tenant.
          submissionId: ?string
        ) -> (
          # The submission.
          submission: Submission,
          # The receipt's content (JSON).
          receipt: string
        )

        # The intake's counters: recorded submissions by status, and since parkd started the
        # files taken, set aside, and the spool's rescans.
        method Stats() -> (
          # Files taken from the spool since start.
          received: int,
          # Recorded submissions accepted (all time).
          accepted: int,
          # Recorded submissions rejected (all time).
          rejected: int,
          # Files set aside in quarantine since start (unreadable, unauthentic, id reused).
          quarantined: int,
          # Times the kernel's queue of spool events overflowed since start.
          overflows: int,
          # Scans of incoming/new since start (at start, on the timer, after an overflow or a failure).
          rescans: int,
          # Files waiting in incoming/new at the last scan.
          waiting: int,
          # When the oldest of them arrived (RFC 3339, UTC); absent when none waits.
          oldestWaiting: ?string
        )

        # Writes a recorded submission's receipt to the tenant's outbox again, from the database
        # (a receipt the tenant lost, or an outbox restored from an old backup).
        method Retry(
          # Row id.
          id: int
        ) -> (
          # The receipt file written.
          receiptFile: string
        )

        # Puts a file set aside in quarantine/ back in incoming/new to be taken again (once the
        # key it needed is on file, say); its reason file is removed.
        method Requeue(
          # The file's name in quarantine/ (as `ls` shows it).
          file: string
        ) -> (
          # Where it is now.
          path: string
        )

        # No file of that name is in quarantine/.
        error NoSuchQuarantinedFile (
          # The name, as given.
          file: string
        )

        # No submission is recorded as given.
        error NoSuchSubmission (
          # The row id, or tenant/submission id, as given.
          submission: string
        )

        """)

    public static let submit = VarlinkMethod<Submit, SubmitReply>("io.parkd.Submission.Submit", access: .write)
    public static let list = VarlinkMethod<List, ListReply>("io.parkd.Submission.List", access: .read)
    public static let get = VarlinkMethod<Get, GetReply>("io.parkd.Submission.Get", access: .read)
    public static let stats = VarlinkMethod<NoParameters, StatsReply>("io.parkd.Submission.Stats", access: .read)
    public static let retry = VarlinkMethod<Retry, RetryReply>("io.parkd.Submission.Retry", access: .write)
    public static let requeue = VarlinkMethod<Requeue, RequeueReply>("io.parkd.Submission.Requeue", access: .write)

    @MemberwiseInit
    public struct Retry: Codable, Sendable {
        public var id: Int64
    }

    @MemberwiseInit
    public struct RetryReply: Codable, Sendable {
        public var receiptFile: String
    }

    @MemberwiseInit
    public struct Requeue: Codable, Sendable {
        public var file: String
    }

    @MemberwiseInit
    public struct RequeueReply: Codable, Sendable {
        public var path: String
    }

    @MemberwiseInit
    public struct Submission: Codable, Sendable, Equatable {
        public var id: Int64
        public var tenant: Int64
        public var creditCode: String
        public var submissionId: String
        public var type: String
        public var channel: String
        public var status: String
        public var decidedAt: String
        public var recordedBy: String
        public var envelopeSha256: String
    }

    @MemberwiseInit
    public struct Submit: Codable, Sendable {
        public var envelope: String
    }

    @MemberwiseInit
    public struct SubmitReply: Codable, Sendable {
        public var status: String
        public var replayed: Bool
        public var receipt: String
    }

    @MemberwiseInit
    public struct List: Codable, Sendable {
        public var tenant: String? = nil
        public var type: String? = nil
        public var status: String? = nil
        public var day: String? = nil
        public var limit: Int? = nil
        public var before: Int64? = nil
    }

    @MemberwiseInit
    public struct ListReply: Codable, Sendable {
        public var submissions: [Submission]
        public var next: Int64? = nil
    }

    @MemberwiseInit
    public struct Get: Codable, Sendable {
        public var id: Int64?
        public var tenant: String?
        public var submissionId: String?
    }

    @MemberwiseInit
    public struct GetReply: Codable, Sendable {
        public var submission: Submission
        public var receipt: String
    }

    @MemberwiseInit
    public struct StatsReply: Codable, Sendable, Equatable {
        public var received: Int
        public var accepted: Int
        public var rejected: Int
        public var quarantined: Int
        public var overflows: Int
        public var rescans: Int
        public var waiting: Int
        public var oldestWaiting: String?
    }
}
