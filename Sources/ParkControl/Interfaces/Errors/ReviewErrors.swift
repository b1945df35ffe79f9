extension ReviewAPI {
    public static let errors: [any DeclaredError.Type] = [NoSuchSession.self, SessionSealed.self]

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
}
