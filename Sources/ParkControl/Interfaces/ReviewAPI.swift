import MemberwiseInit

/// `io.parkd.Review`: entry review sessions and their panels.
public enum ReviewAPI {
    public static let interface = VarlinkInterface(
        name: "io.parkd.Review", methods: [
            createSession, listSessions, getSession, changePanel, assignments, declareAffiliation, declareConflict, listConflicts,
            dismissConflict, score, dissent, submissions, closeSession, result, verify,
        ] + noticeMethods + appealMethods, errors: errors,
        definition: """
        # Entry review meetings (入驻评审会): sessions with an agenda of applications awaiting
        # review and a panel of reviewers, local users of the reviewer group known by uid. The
        # panel is visible to administrators and auditors; a reviewer sees only their own
        # assignments (Assignments).
        interface io.parkd.Review

        # An application on a session's agenda.
        type AgendaItem (
          # The application's id.
          application: int,
          # The firm's name.
          name: string,
          # The firm's credit code as given.
          creditCode: string
        )

        # A reviewer on a panel.
        type PanelMember (
          # The reviewer's uid.
          uid: int,
          # The reviewer's user name.
          user: string
        )

        # A review session.
        type Session (
          # Stable numeric id.
          id: int,
          # Day of the meeting (YYYY-MM-DD).
          heldOn: string,
          # Where it meets.
          venue: string,
          # The chair's name.
          chair: string,
          # open or closed.
          status: string,
          # The applications it reviews, in the agenda's order.
          agenda: []AgendaItem,
          # The reviewers, an odd number of at least 5.
          panel: []PanelMember,
          # When it was scheduled (RFC 3339, UTC).
          createdAt: string,
          # User name of whoever scheduled it.
          createdBy: string
        )

        # A session the caller sits on, without the other members' names.
        type Assignment (
          # The session's id.
          session: int,
          # Day of the meeting (YYYY-MM-DD).
          heldOn: string,
          # Where it meets.
          venue: string,
          # The chair's name.
          chair: string,
          # open or closed.
          status: string,
          # How many reviewers sit on the panel.
          panelSize: int,
          # The applications to review, in the agenda's order.
          agenda: []AgendaItem
        )

        # A tie a reviewer declared.
        type Affiliation (
          # employer, investment, kin, legalRepresentative or other.
          kind: string,
          # The firm or person.
          party: string,
          # The tie's last day (YYYY-MM-DD), when it has ended.
          until: ?string
        )

        # A conflict declared for a reviewer and an applicant.
        type DeclaredConflict (
          # employment, investment, sharedLegalRepresentative, kinship or other.
          type: string,
          # In the declarer's words.
          note: ?string
        )

        # A conflict parkd detected from the reviewer's declared ties and the applicant's related parties.
        type DetectedConflict (
          # employment, investment, sharedLegalRepresentative, kinship or other.
          type: string,
          # What matched.
          detail: string
        )

        # One reviewer's conflicts with one applicant (回避).
        type Conflict (
          # The application's id.
          application: int,
          # The reviewer's uid.
          uid: int,
          # The reviewer's user name.
          user: string,
          # Conflicts declared.
          declared: []DeclaredConflict,
          # Conflicts detected.
          detected: []DetectedConflict,
          # Why an administrator dismissed the detected conflicts, when one did.
          dismissal: ?string,
          # Whether the reviewer sits out the applicant: a declared conflict, or a detected one not dismissed.
          conflicted: bool
        )

        # Schedules a session.
        method CreateSession(
          # Day of the meeting (YYYY-MM-DD).
          heldOn: string,
          # Where it meets.
          venue: string,
          # The chair's name.
          chair: string,
          # Ids of applications awaiting review and on no other open session's agenda.
          applications: []int,
          # Reviewers, by user name or uid: members of the reviewer group, an odd number of at least 5.
          panel: []string
        ) -> (
          # The session scheduled.
          session: Session
        )

        # Every session, by id.
        method ListSessions() -> (
          # The sessions.
          sessions: []Session
        )

        # One session.
        method GetSession(
          # The session's id.
          session: int
        ) -> (
          # The session.
          session: Session
        )

        # Adds reviewers to an open session's panel and removes others; the panel that results
        # must again have an odd number of at least 5 members.
        method ChangePanel(
          # The session's id.
          session: int,
          # Reviewers to add, by user name or uid.
          add: ?[]string,
          # Reviewers to remove, by user name or uid.
          remove: ?[]string
        ) -> (
          # The session as it is now.
          session: Session
        )

        # The caller's own assignments: the sessions whose panel holds the caller's uid.
        method Assignments() -> (
          # The sessions, by id.
          assignments: []Assignment
        )

        # Declares a tie of the caller's (or, by an administrator, of `reviewer`) to a party:
        # the conflicts with applicants are detected from it.
        method DeclareAffiliation(
          # employer, investment, kin, legalRepresentative or other.
          kind: string,
          # The firm or person.
          party: string,
          # The tie's last day (YYYY-MM-DD), when it has ended.
          until: ?string,
          # The reviewer, by user name or uid; administrators only (a reviewer declares their own).
          reviewer: ?string
        ) -> (
          # Every tie the reviewer has declared, oldest first.
          affiliations: []Affiliation
        )

        # Declares a conflict of the caller's (or, by an administrator, of `reviewer`) with an
        # application on a session whose panel holds the reviewer.
        method DeclareConflict(
          # The application's id.
          application: int,
          # employment, investment, sharedLegalRepresentative, kinship or other.
          type: string,
          # In the declarer's words.
          note: ?string,
          # The reviewer, by user name or uid; administrators only.
          reviewer: ?string
        ) -> (
          # The reviewer's conflicts with the application now.
          conflict: Conflict
        )

        # A session's conflicts, pair by pair (administrators and auditors: every member's; a reviewer: their own).
        method ListConflicts(
          # The session's id.
          session: int
        ) -> (
          # The pairs with a declared or detected conflict.
          conflicts: []Conflict
        )

        # Dismisses the detected conflicts of a reviewer with an application, with a reason
        # (a declared conflict stands).
        method DismissConflict(
          # The application's id.
          application: int,
          # The reviewer, by user name or uid.
          reviewer: string,
          # Why the detection does not hold.
          reason: string
        ) -> (
          # The reviewer's conflicts with the application now.
          conflict: Conflict
        )

        # A criterion's score on a sheet.
        type CriterionScore (
          # The criterion's name, as the configuration (reviews.scoring.criteria) names it.
          criterion: string,
          # 0 to the criterion's weight, in steps of 0.5 ("17.5").
          score: string
        )

        # A veto on a single-veto item, with its reason.
        type Veto (
          # The veto item's name (reviews.scoring.vetoes).
          item: string,
          # Why, in the reviewer's words.
          reason: string
        )

        # One version of a reviewer's sheet: answered to its reviewer, and to everyone once the session is closed.
        type Sheet (
          # The session it counts for.
          session: int,
          # The application scored.
          application: int,
          # The reviewer's uid.
          uid: int,
          # The reviewer's user name.
          user: string,
          # 1 for the first submission, one more for each amendment.
          version: int,
          # A score for every criterion, in the rules' order.
          scores: []CriterionScore,
          # The sum of the scores.
          total: string,
          # The veto, when the reviewer vetoed.
          veto: ?Veto,
          # When this version was submitted (RFC 3339, UTC).
          submittedAt: string,
          # The salt of the commitment, revealed once the session is closed.
          salt: ?string,
          # SHA-256 of the salt and the sheet: what the audit trail records instead of the scores.
          commitment: string
        )

        # Whether one panel member has submitted for one applicant.
        type Submission (
          # The reviewer's uid.
          uid: int,
          # The reviewer's user name.
          user: string,
          # submitted, notSubmitted, or conflicted (sits the applicant out).
          state: string
        )

        # Who has submitted for one applicant of a session.
        type ApplicantSubmissions (
          # The application's id.
          application: int,
          # The firm's name.
          name: string,
          # The firm's credit code as given.
          creditCode: string,
          # Every panel member, in the panel's order.
          members: []Submission
        )

        # A reviewer's written dissent, shown with the result.
        type DissentNote (
          # The reviewer's uid.
          uid: int,
          # The reviewer's user name.
          user: string,
          # The dissent, in the reviewer's words (the latest version).
          text: string,
          # How many versions the reviewer wrote.
          version: int,
          # When the latest version was written (RFC 3339, UTC).
          submittedAt: string
        )

        # One applicant's result.
        type ApplicantResult (
          # The application's id.
          application: int,
          # The firm's name.
          name: string,
          # The firm's credit code as given.
          creditCode: string,
          # Panel members not conflicted with the applicant.
          eligible: int,
          # The trimmed mean of the totals (5 or more sheets: the highest and the lowest dropped; else the plain mean), rounded half-up to 0.01 once; null for a withdrawn application.
          score: ?string,
          # passed, failed, vetoed, or withdrawn.
          outcome: string,
          # The sheets that counted: the latest version of each eligible reviewer's.
          sheets: []Sheet,
          # The reviewers (user names) whose totals were dropped: the highest and the lowest.
          dropped: []string,
          # The dissents written about the applicant.
          dissents: []DissentNote
        )

        # A criterion of the rules a session was scored by.
        type Criterion (
          # Its name.
          name: string,
          # Its weight: the most it scores.
          weight: string
        )

        # A single-veto item of the rules a session was scored by.
        type VetoItem (
          # Its name.
          name: string,
          # What it is.
          description: string
        )

        # A closed session's results.
        type Results (
          # The session's id.
          session: int,
          # Day of the meeting (YYYY-MM-DD).
          heldOn: string,
          # Where it met.
          venue: string,
          # The chair's name.
          chair: string,
          # When it was closed (RFC 3339, UTC).
          closedAt: string,
          # The pass threshold; a score equal to it passes.
          threshold: string,
          # From how many counted sheets the highest and the lowest total are dropped.
          trimmedFrom: int,
          # The criteria and their weights.
          criteria: []Criterion,
          # The single-veto items.
          vetoItems: []VetoItem,
          # Each applicant of the agenda, in its order.
          applicants: []ApplicantResult
        )

        # Submits (or amends) the caller's own sheet for an application on an open session
        # whose panel holds the caller, who must not be conflicted with it. Every amendment is a
        # new version. Until the session closes no one else sees the scores: the audit trail
        # records only the sheet's commitment.
        method Score(
          # The application's id.
          application: int,
          # A score for every criterion.
          scores: []CriterionScore,
          # A veto item, to reject the applicant whatever its score.
          veto: ?string,
          # Why the veto; required with it, refused without.
          reason: ?string
        ) -> (
          # The caller's sheet as recorded.
          sheet: Sheet
        )

        # Writes (or amends) the caller's own dissent about an application, shown with the
        # result; sealed like a sheet until the session closes.
        method Dissent(
          # The application's id.
          application: int,
          # The dissent.
          text: string
        ) -> (
          # The session it is shown with.
          session: int,
          # The dissent's version: 1 for the first, one more for each amendment.
          version: int,
          # The commitment the audit trail records instead of the text.
          commitment: string
        )

        # Who has submitted a sheet for each applicant of a session: before the close, all
        # there is to know.
        method Submissions(
          # The session's id.
          session: int
        ) -> (
          # open or closed.
          status: string,
          # The agenda's applications, in its order.
          applicants: []ApplicantSubmissions
        )

        # Closes an open session: for each applicant at least two thirds of its non-conflicted
        # reviewers (and never fewer than 3) must have submitted. The results are computed once
        # and every sheet becomes immutable.
        method CloseSession(
          # The session's id.
          session: int
        ) -> (
          # The session's results.
          results: Results
        )

        # A closed session's results, every counted sheet revealed.
        method Result(
          # The session's id.
          session: int
        ) -> (
          # The session's results.
          results: Results
        )

        # Recomputes a closed session's results from its stored sheets and checks every sheet
        # and dissent version against its commitment in the audit trail.
        method Verify(
          # The session's id.
          session: int
        ) -> (
          # Sheet and dissent versions checked.
          checked: int,
          # Whether everything agrees.
          agrees: bool,
          # What does not agree, one line each.
          differences: []string
        )

        # No review session has this id.
        error NoSuchSession (
          # The id asked for.
          session: int
        )

        # The session is open: its scores and anything derived from them are sealed until it closes.
        error SessionSealed (
          # The session's id.
          session: int
        )

        """ + noticeDefinition + appealDefinition)

    public static let createSession = VarlinkMethod<CreateSession, CreateSessionReply>("io.parkd.Review.CreateSession", access: .write)
    public static let listSessions = VarlinkMethod<NoParameters, ListSessionsReply>("io.parkd.Review.ListSessions", access: .read)
    public static let getSession = VarlinkMethod<GetSession, GetSessionReply>("io.parkd.Review.GetSession", access: .read)
    public static let changePanel = VarlinkMethod<ChangePanel, ChangePanelReply>("io.parkd.Review.ChangePanel", access: .write)
    public static let assignments = VarlinkMethod<NoParameters, AssignmentsReply>("io.parkd.Review.Assignments", access: .reviewer)
    public static let declareAffiliation = VarlinkMethod<DeclareAffiliation, DeclareAffiliationReply>(
        "io.parkd.Review.DeclareAffiliation", access: .reviewerChange)
    public static let declareConflict = VarlinkMethod<DeclareConflict, DeclareConflictReply>("io.parkd.Review.DeclareConflict", access: .reviewerChange)
    public static let listConflicts = VarlinkMethod<ListConflicts, ListConflictsReply>("io.parkd.Review.ListConflicts", access: .reviewerOrRead)
    public static let dismissConflict = VarlinkMethod<DismissConflict, DismissConflictReply>("io.parkd.Review.DismissConflict", access: .write)

    @MemberwiseInit
    public struct Affiliation: Codable, Sendable, Equatable {
        public var kind: String
        public var party: String
        public var until: String?
    }

    @MemberwiseInit
    public struct DeclareAffiliationReply: Codable, Sendable {
        public var affiliations: [Affiliation]
    }

    @MemberwiseInit
    public struct DeclaredConflict: Codable, Sendable, Equatable {
        public var type: String
        public var note: String?
    }

    @MemberwiseInit
    public struct DetectedConflict: Codable, Sendable, Equatable {
        public var type: String
        public var detail: String
    }

    @MemberwiseInit
    public struct Conflict: Codable, Sendable, Equatable {
        public var application: Int64
        public var uid: Int64
        public var user: String
        public var declared: [DeclaredConflict]
        public var detected: [DetectedConflict]
        public var dismissal: String?
        public var conflicted: Bool
    }

    @MemberwiseInit
    public struct DeclareAffiliation: Codable, Sendable {
        public var kind: String
        public var party: String
        public var until: String? = nil
        public var reviewer: String? = nil
    }

    @MemberwiseInit
    public struct DeclareConflict: Codable, Sendable {
        public var application: Int64
        public var type: String
        public var note: String? = nil
        public var reviewer: String? = nil
    }

    /// The reply of every method that answers with one reviewer's conflicts with one application.
    @MemberwiseInit
    public struct ConflictReply: Codable, Sendable {
        public var conflict: Conflict
    }

    public typealias DeclareConflictReply = ConflictReply
    public typealias DismissConflictReply = ConflictReply

    @MemberwiseInit
    public struct ListConflicts: Codable, Sendable {
        public var session: Int64
    }

    @MemberwiseInit
    public struct ListConflictsReply: Codable, Sendable {
        public var conflicts: [Conflict]
    }

    @MemberwiseInit
    public struct DismissConflict: Codable, Sendable {
        public var application: Int64
        public var reviewer: String
        public var reason: String
    }

    @MemberwiseInit
    public struct AgendaItem: Codable, Sendable, Equatable {
        public var application: Int64
        public var name: String
        public var creditCode: String
    }

    @MemberwiseInit
    public struct PanelMember: Codable, Sendable, Equatable {
        public var uid: Int64
        public var user: String
    }

    @MemberwiseInit
    public struct Session: Codable, Sendable, Equatable {
        public var id: Int64
        public var heldOn: String
        public var venue: String
        public var chair: String
        public var status: String
        public var agenda: [AgendaItem]
        public var panel: [PanelMember]
        public var createdAt: String
        public var createdBy: String
    }

    @MemberwiseInit
    public struct Assignment: Codable, Sendable, Equatable {
        public var session: Int64
        public var heldOn: String
        public var venue: String
        public var chair: String
        public var status: String
        public var panelSize: Int
        public var agenda: [AgendaItem]
    }

    @MemberwiseInit
    public struct CreateSession: Codable, Sendable {
        public var heldOn: String
        public var venue: String
        public var chair: String
        public var applications: [Int64]
        public var panel: [String]
    }

    /// The reply of every method that answers with one session.
    @MemberwiseInit
    public struct SessionReply: Codable, Sendable {
        public var session: Session
    }

    public typealias CreateSessionReply = SessionReply
    public typealias GetSessionReply = SessionReply
    public typealias ChangePanelReply = SessionReply

    @MemberwiseInit
    public struct ListSessionsReply: Codable, Sendable {
        public var sessions: [Session]
    }

    @MemberwiseInit
    public struct GetSession: Codable, Sendable {
        public var session: Int64
    }

    @MemberwiseInit
    public struct ChangePanel: Codable, Sendable {
        public var session: Int64
        public var add: [String]? = nil
        public var remove: [String]? = nil
    }

    @MemberwiseInit
    public struct AssignmentsReply: Codable, Sendable {
        public var assignments: [Assignment]
    }
}
