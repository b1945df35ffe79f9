import MemberwiseInit

extension ReviewAPI {
    public static let errors: [any DeclaredError.Type] = [NoSuchSession.self, SessionSealed.self, NotOnNotice.self, NoSuchObjection.self, NoSuchDecision.self, NoSuchAppeal.self]

    @MemberwiseInit
    public struct NoSuchSession: DeclaredError {
        public static let name = "io.parkd.Review.NoSuchSession"
        public static let kind = FailureKind.notFound
        public var session: Int64
        public var sentence: String { "no review session has id \(session)" }
    }

    @MemberwiseInit
    public struct SessionSealed: DeclaredError {
        public static let name = "io.parkd.Review.SessionSealed"
        public static let kind = FailureKind.invalidInput
        public var session: Int64
        public var sentence: String { "review session \(session) is open: its scores are sealed until it closes (review submissions shows who has submitted)" }
    }

    @MemberwiseInit
    public struct NotOnNotice: DeclaredError {
        public static let name = "io.parkd.Review.NotOnNotice"
        public static let kind = FailureKind.notFound
        public var session: Int64
        public var sentence: String { "review session \(session) has not been put on notice; publish it with `parkctl review notice publish \(session)`" }
    }

    @MemberwiseInit
    public struct NoSuchObjection: DeclaredError {
        public static let name = "io.parkd.Review.NoSuchObjection"
        public static let kind = FailureKind.notFound
        public var objection: Int64
        public var sentence: String { "no objection to a review result has id \(objection)" }
    }

    @MemberwiseInit
    public struct NoSuchDecision: DeclaredError {
        public static let name = "io.parkd.Review.NoSuchDecision"
        public static let kind = FailureKind.notFound
        public var decision: Int64
        public var sentence: String { "no review decision has id \(decision)" }
    }

    @MemberwiseInit
    public struct NoSuchAppeal: DeclaredError {
        public static let name = "io.parkd.Review.NoSuchAppeal"
        public static let kind = FailureKind.notFound
        public var appeal: Int64
        public var sentence: String { "no appeal has id \(appeal)" }
    }
}
