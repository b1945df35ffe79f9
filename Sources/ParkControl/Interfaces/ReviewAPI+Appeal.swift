import MemberwiseInit

/// `io.parkd.Review`: appeals against final rejections.
extension ReviewAPI {
    public static let addAppeal = VarlinkMethod<AddAppeal, AddAppealReply>("io.parkd.Review.AddAppeal", access: .write)
    public static let decideAppeal = VarlinkMethod<DecideAppeal, DecideAppealReply>("io.parkd.Review.DecideAppeal", access: .write)
    public static let listAppeals = VarlinkMethod<ListAppeals, ListAppealsReply>("io.parkd.Review.ListAppeals", access: .read)

    static let appealMethods: [any DeclaredMethod] = [addAppeal, decideAppeal, listAppeals]

    static let appealDefinition = """

        # An appeal (申诉) against a final rejection.
        type Appeal (
          # Stable numeric id.
          id: int,
          # The application appealed for.
          application: int,
          # The rejection decision appealed against.
          decision: int,
          # The session whose result the rejection followed.
          session: int,
          # procedural-error, undisclosed-conflict or factual-error.
          ground: string,
          # The appeal in the firm's words.
          text: string,
          # The day it was filed (YYYY-MM-DD).
          filedOn: string,
          # The last day it could be filed (YYYY-MM-DD), counted in working days after the rejection.
          deadline: string,
          # When it was recorded (RFC 3339, UTC).
          recordedAt: string,
          # User name of whoever recorded it.
          recordedBy: string,
          # accepted or refused; null while undecided.
          outcome: ?string,
          # Why it was so decided.
          reason: ?string,
          # When it was decided (RFC 3339, UTC).
          decidedAt: ?string,
          # User name of whoever decided it.
          decidedBy: ?string
        )

        # Files an appeal against the latest decision on an application, a final rejection,
        # within the configured working days after it (reviews.appeal_days), once.
        method AddAppeal(
          # The application's id.
          application: int,
          # procedural-error, undisclosed-conflict or factual-error.
          ground: string,
          # The appeal in the firm's words.
          text: string
        ) -> (
          # The appeal recorded.
          appeal: Appeal
        )

        # Accepts or refuses an undecided appeal with a reason. An accepted appeal moves the firm
        # from rejected back to reviewing; the application then goes on a new session whose panel
        # majority did not sit on the one that rejected it.
        method DecideAppeal(
          # The appeal's id.
          appeal: int,
          # accepted or refused.
          outcome: string,
          # Why.
          reason: string
        ) -> (
          # The appeal, decided.
          appeal: Appeal
        )

        # Appeals, oldest first.
        method ListAppeals(
          # Only this application's.
          application: ?int
        ) -> (
          # The appeals.
          appeals: []Appeal
        )

        # No appeal has this id.
        error NoSuchAppeal (
          # The id asked for.
          appeal: int
        )

        """

    @MemberwiseInit
    public struct Appeal: Codable, Sendable, Equatable {
        public var id: Int64
        public var application: Int64
        public var decision: Int64
        public var session: Int64
        public var ground: String
        public var text: String
        public var filedOn: String
        public var deadline: String
        public var recordedAt: String
        public var recordedBy: String
        public var outcome: String?
        public var reason: String?
        public var decidedAt: String?
        public var decidedBy: String?
    }

    @MemberwiseInit
    public struct AddAppeal: Codable, Sendable {
        public var application: Int64
        public var ground: String
        public var text: String
    }

    @MemberwiseInit
    public struct DecideAppeal: Codable, Sendable {
        public var appeal: Int64
        public var outcome: String
        public var reason: String
    }

    /// The reply of every method that answers with one appeal.
    @MemberwiseInit
    public struct AppealReply: Codable, Sendable {
        public var appeal: Appeal
    }

    public typealias AddAppealReply = AppealReply
    public typealias DecideAppealReply = AppealReply

    @MemberwiseInit
    public struct ListAppeals: Codable, Sendable {
        public var application: Int64? = nil
    }

    @MemberwiseInit
    public struct ListAppealsReply: Codable, Sendable {
        public var appeals: [Appeal]
    }
}
