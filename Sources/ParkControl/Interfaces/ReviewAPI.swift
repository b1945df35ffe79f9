/// `io.parkd.Review`: entry review sessions and their panels.
public enum ReviewAPI {
    public static let interface = VarlinkInterface(
        name: "io.parkd.Review", methods: [createSession, listSessions, getSession, changePanel, assignments], errors: errors,
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

        # No review session has this id.
        error NoSuchSession (
          # The id asked for.
          session: int
        )

        """)

    public static let createSession = VarlinkMethod<CreateSession, SessionReply>("io.parkd.Review.CreateSession", access: .write)
    public static let listSessions = VarlinkMethod<NoParameters, ListSessionsReply>("io.parkd.Review.ListSessions", access: .read)
    public static let getSession = VarlinkMethod<GetSession, SessionReply>("io.parkd.Review.GetSession", access: .read)
    public static let changePanel = VarlinkMethod<ChangePanel, SessionReply>("io.parkd.Review.ChangePanel", access: .write)
    public static let assignments = VarlinkMethod<NoParameters, AssignmentsReply>("io.parkd.Review.Assignments", access: .reviewer)

    public struct AgendaItem: Codable, Sendable, Equatable {
        public var application: Int64
        public var name: String
        public var creditCode: String
        public init(application: Int64, name: String, creditCode: String) {
            self.application = application
            self.name = name
            self.creditCode = creditCode
        }
    }

    public struct PanelMember: Codable, Sendable, Equatable {
        public var uid: Int64
        public var user: String
        public init(uid: Int64, user: String) {
            self.uid = uid
            self.user = user
        }
    }

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
        public init(
            id: Int64, heldOn: String, venue: String, chair: String, status: String, agenda: [AgendaItem], panel: [PanelMember],
            createdAt: String, createdBy: String
        ) {
            self.id = id
            self.heldOn = heldOn
            self.venue = venue
            self.chair = chair
            self.status = status
            self.agenda = agenda
            self.panel = panel
            self.createdAt = createdAt
            self.createdBy = createdBy
        }
    }

    public struct Assignment: Codable, Sendable, Equatable {
        public var session: Int64
        public var heldOn: String
        public var venue: String
        public var chair: String
        public var status: String
        public var panelSize: Int
        public var agenda: [AgendaItem]
        public init(session: Int64, heldOn: String, venue: String, chair: String, status: String, panelSize: Int, agenda: [AgendaItem]) {
            self.session = session
            self.heldOn = heldOn
            self.venue = venue
            self.chair = chair
            self.status = status
            self.panelSize = panelSize
            self.agenda = agenda
        }
    }

    public struct CreateSession: Codable, Sendable {
        public var heldOn: String
        public var venue: String
        public var chair: String
        public var applications: [Int64]
        public var panel: [String]
        public init(heldOn: String, venue: String, chair: String, applications: [Int64], panel: [String]) {
            self.heldOn = heldOn
            self.venue = venue
            self.chair = chair
            self.applications = applications
            self.panel = panel
        }
    }

    /// The reply of every method that answers with one session.
    public struct SessionReply: Codable, Sendable {
        public var session: Session
        public init(session: Session) { self.session = session }
    }

    public typealias CreateSessionReply = SessionReply
    public typealias GetSessionReply = SessionReply
    public typealias ChangePanelReply = SessionReply

    public struct ListSessionsReply: Codable, Sendable {
        public var sessions: [Session]
        public init(sessions: [Session]) { self.sessions = sessions }
    }

    public struct GetSession: Codable, Sendable {
        public var session: Int64
        public init(session: Int64) { self.session = session }
    }

    public struct ChangePanel: Codable, Sendable {
        public var session: Int64
        public var add: [String]?
        public var remove: [String]?
        public init(session: Int64, add: [String]? = nil, remove: [String]? = nil) {
            self.session = session
            self.add = add
            self.remove = remove
        }
    }

    public struct AssignmentsReply: Codable, Sendable {
        public var assignments: [Assignment]
        public init(assignments: [Assignment]) { self.assignments = assignments }
    }
}
