import MemberwiseInit

extension IncubatorAPI {
    public static let errors: [any DeclaredError.Type] = [NoSuchProject.self]

    @MemberwiseInit
    public struct NoSuchProject: DeclaredError {
        public static let name = "io.parkd.Incubator.NoSuchProject"
        public static let kind = FailureKind.notFound
        public var project: Int64
        public var sentence: String { "no incubator project has id \(project)" }
    }
}
