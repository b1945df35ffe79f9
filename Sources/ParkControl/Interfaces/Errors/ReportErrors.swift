import MemberwiseInit

extension ReportAPI {
    public static let errors: [any DeclaredError.Type] = [NoSuchImport.self, ImportRefused.self]

    public struct NoSuchImport: DeclaredError {
        public static let name = "io.parkd.Report.NoSuchImport"
        public static let kind = FailureKind.notFound
        public var `import`: String
        public init(import: String) { self.import = `import` }
        public var sentence: String { "no import in progress has handle '\(`import`)' (it was finished, or parkd restarted)" }
    }

    @MemberwiseInit
    public struct ImportRefused: DeclaredError {
        public static let name = "io.parkd.Report.ImportRefused"
        public static let kind = FailureKind.invalidInput
        public var problems: [ImportProblem]
        public var sentence: String {
            (["the file was refused, nothing was imported (\(problems.count) problem\(problems.count == 1 ? "" : "s")):"]
                + problems.map { "  line \($0.line), \($0.column): \($0.reason)" }).joined(separator: "\n")
        }
    }

    /// A problem of an imported file: where, and what is wrong.
    @MemberwiseInit
    public struct ImportProblem: Codable, Sendable, Equatable {
        public var line: Int
        public var column: String
        public var reason: String
    }
}
