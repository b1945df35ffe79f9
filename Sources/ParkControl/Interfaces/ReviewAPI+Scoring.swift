/// `io.parkd.Review`: blind scoring, the close and its results.
extension ReviewAPI {
    public static let score = VarlinkMethod<Score, ScoreReply>("io.parkd.Review.Score", access: .reviewerChange)
    public static let dissent = VarlinkMethod<Dissent, DissentReply>("io.parkd.Review.Dissent", access: .reviewerChange)
    public static let submissions = VarlinkMethod<Submissions, SubmissionsReply>("io.parkd.Review.Submissions", access: .read)
    public static let closeSession = VarlinkMethod<CloseSession, ResultsReply>("io.parkd.Review.CloseSession", access: .write)
    public static let result = VarlinkMethod<Result, ResultsReply>("io.parkd.Review.Result", access: .read)
    public static let verify = VarlinkMethod<Verify, VerifyReply>("io.parkd.Review.Verify", access: .read)

    /// The parameters of a sheet or a dissent that the audit trail never records: it records
    /// their commitment instead (`sealed`), whose salt is revealed at close.
    public static let sealedParameters: [String: Set<String>] = [
        score.name: ["scores", "veto", "reason"], dissent.name: ["text"],
    ]

    public struct CriterionScore: Codable, Sendable, Equatable {
        public var criterion: String
        public var score: String
        public init(criterion: String, score: String) {
            self.criterion = criterion
            self.score = score
        }
    }

    public struct Veto: Codable, Sendable, Equatable {
        public var item: String
        public var reason: String
        public init(item: String, reason: String) {
            self.item = item
            self.reason = reason
        }
    }

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
        public init(
            session: Int64, application: Int64, uid: Int64, user: String, version: Int, scores: [CriterionScore], total: String, veto: Veto?,
            submittedAt: String, salt: String?, commitment: String
        ) {
            self.session = session
            self.application = application
            self.uid = uid
            self.user = user
            self.version = version
            self.scores = scores
            self.total = total
            self.veto = veto
            self.submittedAt = submittedAt
            self.salt = salt
            self.commitment = commitment
        }
    }

    public struct Submission: Codable, Sendable, Equatable {
        public var uid: Int64
        public var user: String
        public var state: String
        public init(uid: Int64, user: String, state: String) {
            self.uid = uid
            self.user = user
            self.state = state
        }
    }

    public struct ApplicantSubmissions: Codable, Sendable, Equatable {
        public var application: Int64
        public var name: String
        public var creditCode: String
        public var members: [Submission]
        public init(application: Int64, name: String, creditCode: String, members: [Submission]) {
            self.application = application
            self.name = name
            self.creditCode = creditCode
            self.members = members
        }
    }

    public struct DissentNote: Codable, Sendable, Equatable {
        public var uid: Int64
        public var user: String
        public var text: String
        public var version: Int
        public var submittedAt: String
        public init(uid: Int64, user: String, text: String, version: Int, submittedAt: String) {
            self.uid = uid
            self.user = user
            self.text = text
            self.version = version
            self.submittedAt = submittedAt
        }
    }

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
        public init(
            application: Int64, name: String, creditCode: String, eligible: Int, score: String?, outcome: String, sheets: [Sheet],
            dropped: [String], dissents: [DissentNote]
        ) {
            self.application = application
            self.name = name
            self.creditCode = creditCode
            self.eligible = eligible
            self.score = score
            self.outcome = outcome
            self.sheets = sheets
            self.dropped = dropped
            self.dissents = dissents
        }
    }

    public struct Criterion: Codable, Sendable, Equatable {
        public var name: String
        public var weight: String
        public init(name: String, weight: String) {
            self.name = name
            self.weight = weight
        }
    }

    public struct VetoItem: Codable, Sendable, Equatable {
        public var name: String
        public var description: String
        public init(name: String, description: String) {
            self.name = name
            self.description = description
        }
    }

    public struct Results: Codable, Sendable, Equatable {
        public var session: Int64
        public var heldOn: String
        public var venue: String
        public var chair: String
        public var closedAt: String
        public var threshold: String
        public var criteria: [Criterion]
        public var vetoItems: [VetoItem]
        public var applicants: [ApplicantResult]
        public init(
            session: Int64, heldOn: String, venue: String, chair: String, closedAt: String, threshold: String, criteria: [Criterion],
            vetoItems: [VetoItem], applicants: [ApplicantResult]
        ) {
            self.session = session
            self.heldOn = heldOn
            self.venue = venue
            self.chair = chair
            self.closedAt = closedAt
            self.threshold = threshold
            self.criteria = criteria
            self.vetoItems = vetoItems
            self.applicants = applicants
        }
    }

    public struct Score: Codable, Sendable {
        public var application: Int64
        public var scores: [CriterionScore]
        public var veto: String?
        public var reason: String?
        public init(application: Int64, scores: [CriterionScore], veto: String? = nil, reason: String? = nil) {
            self.application = application
            self.scores = scores
            self.veto = veto
            self.reason = reason
        }
    }

    public struct ScoreReply: Codable, Sendable {
        public var sheet: Sheet
        public init(sheet: Sheet) { self.sheet = sheet }
    }

    public struct Dissent: Codable, Sendable {
        public var application: Int64
        public var text: String
        public init(application: Int64, text: String) {
            self.application = application
            self.text = text
        }
    }

    public struct DissentReply: Codable, Sendable {
        public var session: Int64
        public var version: Int
        public var commitment: String
        public init(session: Int64, version: Int, commitment: String) {
            self.session = session
            self.version = version
            self.commitment = commitment
        }
    }

    public struct Submissions: Codable, Sendable {
        public var session: Int64
        public init(session: Int64) { self.session = session }
    }

    public struct SubmissionsReply: Codable, Sendable {
        public var status: String
        public var applicants: [ApplicantSubmissions]
        public init(status: String, applicants: [ApplicantSubmissions]) {
            self.status = status
            self.applicants = applicants
        }
    }

    public struct CloseSession: Codable, Sendable {
        public var session: Int64
        public init(session: Int64) { self.session = session }
    }

    public struct Result: Codable, Sendable {
        public var session: Int64
        public init(session: Int64) { self.session = session }
    }

    /// The reply of every method that answers with a closed session's results.
    public struct ResultsReply: Codable, Sendable {
        public var results: Results
        public init(results: Results) { self.results = results }
    }

    public typealias CloseSessionReply = ResultsReply
    public typealias ResultReply = ResultsReply

    public struct Verify: Codable, Sendable {
        public var session: Int64
        public init(session: Int64) { self.session = session }
    }

    public struct VerifyReply: Codable, Sendable {
        public var checked: Int
        public var agrees: Bool
        public var differences: [String]
        public init(checked: Int, agrees: Bool, differences: [String]) {
            self.checked = checked
            self.agrees = agrees
            self.differences = differences
        }
    }
}
