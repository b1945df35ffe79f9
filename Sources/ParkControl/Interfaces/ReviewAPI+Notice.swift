import MemberwiseInit

/// `io.parkd.Review`: the public notice (公示) of a closed session's results, the objections
/// raised during it, and the final decisions.
extension ReviewAPI {
    public static let publishNotice = VarlinkMethod<PublishNotice, PublishNoticeReply>("io.parkd.Review.PublishNotice", access: .write)
    public static let getNotice = VarlinkMethod<GetNotice, GetNoticeReply>("io.parkd.Review.GetNotice", access: .read)
    public static let closeNotice = VarlinkMethod<CloseNotice, CloseNoticeReply>("io.parkd.Review.CloseNotice", access: .write)
    public static let addObjection = VarlinkMethod<AddObjection, AddObjectionReply>("io.parkd.Review.AddObjection", access: .write)
    public static let resolveObjection = VarlinkMethod<ResolveObjection, ResolveObjectionReply>(
        "io.parkd.Review.ResolveObjection", access: .write)
    public static let listDecisions = VarlinkMethod<ListDecisions, ListDecisionsReply>("io.parkd.Review.ListDecisions", access: .read)
    public static let supersedeDecision = VarlinkMethod<SupersedeDecision, SupersedeDecisionReply>(
        "io.parkd.Review.SupersedeDecision", access: .write)

    static let noticeMethods: [any DeclaredMethod] = [
        publishNotice, getNotice, closeNotice, addObjection, resolveObjection, listDecisions, supersedeDecision,
    ]

    static let noticeDefinition = """

        # The public notice (公示) of a closed session's results.
        type Notice (
          # The session whose results are posted.
          session: int,
          # The first day of the notice (YYYY-MM-DD).
          startsOn: string,
          # The last day objections are taken (YYYY-MM-DD), counted in working days.
          endsOn: string,
          # How many working days it runs.
          workingDays: int,
          # running (objections taken), ended (its last day has passed) or closed (decided).
          status: string,
          # When it was published (RFC 3339, UTC).
          publishedAt: string,
          # User name of whoever published it.
          publishedBy: string,
          # When it was closed (RFC 3339, UTC).
          closedAt: ?string,
          # User name of whoever (or the timer that) closed it.
          closedBy: ?string
        )

        # One applicant's result as the notice posts it: no reviewer is named.
        type NoticeEntry (
          # The application's id.
          application: int,
          # The firm's credit code as given.
          creditCode: string,
          # The firm's name.
          name: string,
          # The session's score (trimmed mean, 0.01); null for an application withdrawn before the close.
          score: ?string,
          # passed, failed, vetoed or withdrawn.
          outcome: string
        )

        # An objection to one applicant's result, raised during its notice.
        type Objection (
          # Stable numeric id.
          id: int,
          # The session whose notice it was raised on.
          session: int,
          # The application objected to.
          application: int,
          # Who raised it, as they gave their name.
          objector: string,
          # On what grounds (at most 2,000 characters; it may run over several lines).
          grounds: string,
          # The evidence offered, as text (at most 8,000 characters; it may run over several lines).
          evidence: ?string,
          # When it was recorded (RFC 3339, UTC).
          recordedAt: string,
          # User name of whoever recorded it.
          recordedBy: string,
          # upheld or dismissed; null while open (an open objection holds the applicant's decision).
          resolution: ?string,
          # Why it was so resolved.
          reason: ?string,
          # When it was resolved (RFC 3339, UTC).
          resolvedAt: ?string,
          # User name of whoever resolved it.
          resolvedBy: ?string
        )

        # One criterion's part of a decision's score.
        type CriterionMean (
          # The criterion's name.
          criterion: string,
          # Its mean over the sheets that counted ("15.17").
          mean: string
        )

        # A final decision on an application: never edited, only superseded by a later one.
        type Decision (
          # Stable numeric id.
          id: int,
          # The session whose result it follows.
          session: int,
          # The application decided.
          application: int,
          # The firm's tenant record it moved.
          tenant: ?int,
          # approved or rejected: the tenant's status it moved the firm to.
          verdict: string,
          # The session's result: passed, failed or vetoed.
          outcome: string,
          # The session's score (trimmed mean, 0.01).
          score: string,
          # Why: the score against the threshold, each veto's item and reason, or a correction's reason.
          reasons: []string,
          # The score broken down: each criterion's mean over the sheets that counted, in the rules' order.
          breakdown: []CriterionMean,
          # The decision this one supersedes.
          supersedes: ?int,
          # The decision that replaced this one: one that superseded it (a correction), or the
          # decision of a later review of the application (after an accepted appeal).
          supersededBy: ?int,
          # The day it was made (YYYY-MM-DD).
          decidedOn: string,
          # When it was recorded (RFC 3339, UTC).
          recordedAt: string,
          # User name of whoever (or the timer that) recorded it.
          recordedBy: string
        )

        # An applicant whose decision open objections hold.
        type HeldApplication (
          # The application's id.
          application: int,
          # The open objections' ids.
          objections: []int
        )

        # Puts a closed session's results on public notice from today, for a number of working
        # days counted with the working-day calendar.
        method PublishNotice(
          # The session's id.
          session: int,
          # Working days; the configuration's reviews.notice_days when null.
          days: ?int
        ) -> (
          # The notice.
          notice: Notice
        )

        # A session's notice as posted, with the objections raised. No reviewer is named.
        method GetNotice(
          # The session's id.
          session: int
        ) -> (
          # The notice.
          notice: Notice,
          # Each applicant of the agenda, in its order.
          entries: []NoticeEntry,
          # The objections, oldest first.
          objections: []Objection
        )

        # Closes a session's notice after its last day: each applicant without an open
        # objection gets its final decision, which moves its tenant.
        method CloseNotice(
          # The session's id.
          session: int
        ) -> (
          # The notice, closed.
          notice: Notice,
          # The decisions made.
          decided: []Decision,
          # The applicants whose decision open objections hold.
          held: []HeldApplication,
          # The applicants whose result an upheld objection withdrew: no decision follows from it.
          withdrawn: []int
        )

        # Records an objection to an applicant's result while its session's notice runs.
        method AddObjection(
          # The application objected to.
          application: int,
          # Who raises it.
          objector: string,
          # On what grounds (at most 2,000 characters; it may run over several lines).
          grounds: string,
          # The evidence offered, as text (at most 8,000 characters; it may run over several lines).
          evidence: ?string
        ) -> (
          # The objection recorded.
          objection: Objection
        )

        # Resolves an open objection with a reason. After the notice's close, dismissing an
        # applicant's last open objection makes its decision final.
        method ResolveObjection(
          # The objection's id.
          objection: int,
          # upheld or dismissed.
          resolution: string,
          # Why.
          reason: string
        ) -> (
          # The objection, resolved.
          objection: Objection,
          # The decisions this resolution released.
          decided: []Decision
        )

        # Final decisions, oldest first.
        method ListDecisions(
          # Only this application's.
          application: ?int
        ) -> (
          # The decisions.
          decisions: []Decision
        )

        # Records a decision superseding the latest one on its application, for a corrected
        # error: the earlier stays as it was.
        method SupersedeDecision(
          # The decision superseded.
          decision: int,
          # approved or rejected.
          verdict: string,
          # The correction's reason.
          reason: string
        ) -> (
          # The new decision.
          decision: Decision
        )

        # The session's results have not been put on public notice.
        error NotOnNotice (
          # The session's id.
          session: int
        )

        # No objection to a review result has this id.
        error NoSuchObjection (
          # The id asked for.
          objection: int
        )

        # No review decision has this id.
        error NoSuchDecision (
          # The id asked for.
          decision: int
        )

        """

    @MemberwiseInit
    public struct Notice: Codable, Sendable, Equatable {
        public var session: Int64
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
    public struct NoticeEntry: Codable, Sendable, Equatable {
        public var application: Int64
        public var creditCode: String
        public var name: String
        public var score: String?
        public var outcome: String
    }

    @MemberwiseInit
    public struct Objection: Codable, Sendable, Equatable {
        public var id: Int64
        public var session: Int64
        public var application: Int64
        public var objector: String
        public var grounds: String
        public var evidence: String?
        public var recordedAt: String
        public var recordedBy: String
        public var resolution: String?
        public var reason: String?
        public var resolvedAt: String?
        public var resolvedBy: String?
    }

    @MemberwiseInit
    public struct Decision: Codable, Sendable, Equatable {
        public var id: Int64
        public var session: Int64
        public var application: Int64
        public var tenant: Int64?
        public var verdict: String
        public var outcome: String
        public var score: String
        public var reasons: [String]
        public var breakdown: [CriterionMean]
        public var supersedes: Int64?
        public var supersededBy: Int64?
        public var decidedOn: String
        public var recordedAt: String
        public var recordedBy: String
    }

    @MemberwiseInit
    public struct CriterionMean: Codable, Sendable, Equatable {
        public var criterion: String
        public var mean: String
    }

    @MemberwiseInit
    public struct HeldApplication: Codable, Sendable, Equatable {
        public var application: Int64
        public var objections: [Int64]
    }

    @MemberwiseInit
    public struct PublishNotice: Codable, Sendable {
        public var session: Int64
        public var days: Int? = nil
    }

    @MemberwiseInit
    public struct NoticeReply: Codable, Sendable {
        public var notice: Notice
    }

    public typealias PublishNoticeReply = NoticeReply

    @MemberwiseInit
    public struct GetNotice: Codable, Sendable {
        public var session: Int64
    }

    @MemberwiseInit
    public struct GetNoticeReply: Codable, Sendable {
        public var notice: Notice
        public var entries: [NoticeEntry]
        public var objections: [Objection]
    }

    @MemberwiseInit
    public struct CloseNotice: Codable, Sendable {
        public var session: Int64
    }

    @MemberwiseInit
    public struct CloseNoticeReply: Codable, Sendable {
        public var notice: Notice
        public var decided: [Decision]
        public var held: [HeldApplication]
        public var withdrawn: [Int64]
    }

    @MemberwiseInit
    public struct AddObjection: Codable, Sendable {
        public var application: Int64
        public var objector: String
        public var grounds: String
        public var evidence: String? = nil
    }

    @MemberwiseInit
    public struct AddObjectionReply: Codable, Sendable {
        public var objection: Objection
    }

    @MemberwiseInit
    public struct ResolveObjection: Codable, Sendable {
        public var objection: Int64
        public var resolution: String
        public var reason: String
    }

    @MemberwiseInit
    public struct ResolveObjectionReply: Codable, Sendable {
        public var objection: Objection
        public var decided: [Decision]
    }

    @MemberwiseInit
    public struct ListDecisions: Codable, Sendable {
        public var application: Int64? = nil
    }

    @MemberwiseInit
    public struct ListDecisionsReply: Codable, Sendable {
        public var decisions: [Decision]
    }

    @MemberwiseInit
    public struct SupersedeDecision: Codable, Sendable {
        public var decision: Int64
        public var verdict: String
        public var reason: String
    }

    @MemberwiseInit
    public struct DecisionReply: Codable, Sendable {
        public var decision: Decision
    }

    public typealias SupersedeDecisionReply = DecisionReply
}
