import MemberwiseInit

/// `io.parkd.Review`: blind scoring, the close and its results.
extension ReviewAPI {
    public static let score = VarlinkMethod<Score, ScoreReply>("io.parkd.Review.Score", access: .reviewerChange)
    public static let dissent = VarlinkMethod<Dissent, DissentReply>("io.parkd.Review.Dissent", access: .reviewerChange)
    public static let submissions = VarlinkMethod<Submissions, SubmissionsReply>("io.parkd.Review.Submissions", access: .read)
    public static let closeSession = VarlinkMethod<CloseSession, CloseSessionReply>("io.parkd.Review.CloseSession", access: .write)
    public static let result = VarlinkMethod<Result, ResultReply>("io.parkd.Review.Result", access: .read)
    public static let verify = VarlinkMethod<Verify, VerifyReply>("io.parkd.Review.Verify", access: .read)

    /// Of a sheet or a dissent, the parameters the audit trail records as sent. It records
    /// every other (the scores, a veto and its reason, a dissent's text, and any parameter the
    /// method does not know) as their commitment instead (`sealed`), whose salt is revealed at
    /// close.
    public static let openParameters: [String: Set<String>] = [
        score.name: ["application"], dissent.name: ["application"],
    ]

    @MemberwiseInit
    public struct CriterionScore: Codable, Sendable, Equatable {
        public var criterion: String
        public var score: String
    }

    @MemberwiseInit
    public struct Veto: Codable, Sendable, Equatable {
        public var item: String
        public var reason: String
    }

    @MemberwiseInit
    public struct Sheet: Codable, Sendable, Equatable {
        public var session: Int64
        public var application: Int64
        public var uid: Int64
        public var user: String
        public var version: Int
        public var scores: [CriterionScore]
        public var total: String
        public var veto: Veto?
        public var submittedAt: String
        public var salt: String?
        public var commitment: String
    }

    @MemberwiseInit
    public struct Submission: Codable, Sendable, Equatable {
        public var uid: Int64
        public var user: String
        public var state: String
    }

    @MemberwiseInit
    public struct ApplicantSubmissions: Codable, Sendable, Equatable {
        public var application: Int64
        public var name: String
        public var creditCode: String
        public var members: [Submission]
    }

    @MemberwiseInit
    public struct DissentNote: Codable, Sendable, Equatable {
        public var uid: Int64
        public var user: String
        public var text: String
        public var version: Int
        public var submittedAt: String
    }

    @MemberwiseInit
    public struct ApplicantResult: Codable, Sendable, Equatable {
        public var application: Int64
        public var name: String
        public var creditCode: String
        public var eligible: Int
        public var score: String?
        public var outcome: String
        public var sheets: [Sheet]
        public var dropped: [String]
        public var dissents: [DissentNote]
    }

    @MemberwiseInit
    public struct Criterion: Codable, Sendable, Equatable {
        public var name: String
        public var weight: String
    }

    @MemberwiseInit
    public struct VetoItem: Codable, Sendable, Equatable {
        public var name: String
        public var description: String
    }

    @MemberwiseInit
    public struct Results: Codable, Sendable, Equatable {
        public var session: Int64
        public var heldOn: String
        public var venue: String
        public var chair: String
        public var closedAt: String
        public var threshold: String
        public var trimmedFrom: Int
        public var criteria: [Criterion]
        public var vetoItems: [VetoItem]
        public var applicants: [ApplicantResult]
    }

    @MemberwiseInit
    public struct Score: Codable, Sendable {
        public var application: Int64
        public var scores: [CriterionScore]
        public var veto: String? = nil
        public var reason: String? = nil
    }

    @MemberwiseInit
    public struct ScoreReply: Codable, Sendable {
        public var sheet: Sheet
    }

    @MemberwiseInit
    public struct Dissent: Codable, Sendable {
        public var application: Int64
        public var text: String
    }

    @MemberwiseInit
    public struct DissentReply: Codable, Sendable {
        public var session: Int64
        public var version: Int
        public var commitment: String
    }

    @MemberwiseInit
    public struct Submissions: Codable, Sendable {
        public var session: Int64
    }

    @MemberwiseInit
    public struct SubmissionsReply: Codable, Sendable {
        public var status: String
        public var applicants: [ApplicantSubmissions]
    }

    @MemberwiseInit
    public struct CloseSession: Codable, Sendable {
        public var session: Int64
    }

    @MemberwiseInit
    public struct Result: Codable, Sendable {
        public var session: Int64
    }

    /// The reply of every method that answers with a closed session's results.
    @MemberwiseInit
    public struct ResultsReply: Codable, Sendable {
        public var results: Results
    }

    public typealias CloseSessionReply = ResultsReply
    public typealias ResultReply = ResultsReply

    @MemberwiseInit
    public struct Verify: Codable, Sendable {
        public var session: Int64
    }

    @MemberwiseInit
    public struct VerifyReply: Codable, Sendable {
        public var checked: Int
        public var agrees: Bool
        public var differences: [String]
    }
}
