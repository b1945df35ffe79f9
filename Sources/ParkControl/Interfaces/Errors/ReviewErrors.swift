extension ReviewAPI {
    public static let errors: [any DeclaredError.Type] = [NoSuchSession.self]

    public struct NoSuchSession: DeclaredError {
        public static let name = "io.parkd.Review.NoSuchSession"
        public static let kind = FailureKind.notFound
        public var session: Int64
        public init(session: Int64) { self.session = session }
        public var sentence: String { "no review session has id \(session)" }
    }
}
