extension ApplicationAPI {
    public static let errors: [any DeclaredError.Type] = [NoSuchApplication.self]

    public struct NoSuchApplication: DeclaredError {
        public static let name = "io.parkd.Application.NoSuchApplication"
        public static let kind = FailureKind.notFound
        public var application: Int64
        public init(application: Int64) { self.application = application }
        public var sentence: String { "no application has id \(application)" }
    }
}
