import MemberwiseInit

extension PolicyAPI {
    public static let errors: [any DeclaredError.Type] = [NoSuchPolicy.self, PolicyRejected.self]

    @MemberwiseInit
    public struct NoSuchPolicy: DeclaredError {
        public static let name = "io.parkd.Policy.NoSuchPolicy"
        public static let kind = FailureKind.notFound
        public var id: String
        public var sentence: String { "no policy in force has id '\(id)'" }
    }

    @MemberwiseInit
    public struct PolicyRejected: DeclaredError {
        public static let name = "io.parkd.Policy.PolicyRejected"
        public static let kind = FailureKind.invalidInput
        public var problems: [Problem]
        public var sentence: String {
            (["refused, each problem with its file:"] + problems.map { problem in
                let position = [problem.line, problem.column].compactMap { $0.map(String.init) }.joined(separator: ":")
                return "  \(problem.file):\(position.isEmpty ? "" : position + ":") \(problem.message)"
            }).joined(separator: "\n")
        }
    }
}
