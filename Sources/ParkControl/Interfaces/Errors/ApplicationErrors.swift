import MemberwiseInit

extension ApplicationAPI {
    public static let errors: [any DeclaredError.Type] = [NoSuchApplication.self]

    @MemberwiseInit
    public struct NoSuchApplication: DeclaredError {
        public static let name = "io.parkd.Application.NoSuchApplication"
        public static let kind = FailureKind.notFound
        public var application: Int64
        public var sentence: String { "no application has id \(application)" }
    }
}
