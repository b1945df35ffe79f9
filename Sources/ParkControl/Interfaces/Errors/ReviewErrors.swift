extension ReviewAPI {
    public static let errors: [any DeclaredError.Type] = [NoSuchSession.self, SessionSealed.self, NotOnNotice.self, NoSuchObjection.self, NoSuchDecision.self, NoSuchAppeal.self]

    public struct NoSuchSession: DeclaredError {
        public static let name = "io.parkd.Review.NoSuchSession"
        public static let kind = FailureKind.notFound
        public var session: Int64
        public init(session: Int64) { self.session = session }
        public var sentence: String { "no review session has id \(session)" }
    }

    public struct SessionSealed: DeclaredError {
        public static let name = "io.parkd.Review.SessionSealed"
        public static let kind = FailureKind.invalidInput
        public var session: Int64
        public init(session: Int64) { self.session = session }
        public var sentence: String { "review session \(session) is open: its scores are sealed until it closes (review submissions shows who has submitted)" }
    }

    public struct NotOnNotice: DeclaredError {
        public static let name = "io.parkd.Review.NotOnNotice"
        public static let kind = FailureKind.notFound
        public var session: Int64
        public init(session: Int64) { self.session = session }
        public var sentence: String { "review session \(session) has not been put on notice; publish it with `parkctl review notice publish \(session)`" }
    }

    public struct NoSuchObjection: DeclaredError {
        public static let name = "io.parkd.Review.NoSuchObjection"
        public static let kind = FailureKind.notFound
        public var objection: Int64
        public init(objection: Int64) { self.objection = objection }
        public var sentence: String { "no objection to a review result has id \(objection)" }
    }

    public struct NoSuchDecision: DeclaredError {
        public static let name = "io.parkd.Review.NoSuchDecision"
        public static let kind = FailureKind.notFound
        public var decision: Int64
        public init(decision: Int64) { self.decision = decision }
        public var sentence: String { "no review decision has id \(decision)" }
    }

    public struct NoSuchAppeal: DeclaredError {
        public static let name = "io.parkd.Review.NoSuchAppeal"
        public static let kind = FailureKind.notFound
        public var appeal: Int64
        public init(appeal: Int64) { self.appeal = appeal }
        public var sentence: String { "no appeal has id \(appeal)" }
    }
}
