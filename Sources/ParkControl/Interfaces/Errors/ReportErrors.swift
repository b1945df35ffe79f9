import MemberwiseInit

extension ReportAPI {
    public static let errors: [any DeclaredError.Type] = [NoSuchReport.self, NoSuchImport.self, ImportRefused.self, ImportsBusy.self]

    @MemberwiseInit
    public struct NoSuchReport: DeclaredError {
        public static let name = "io.parkd.Report.NoSuchReport"
        public static let kind = FailureKind.notFound
        public var tenant: Int64
        public var month: String
        public var sentence: String { "tenant \(tenant) has no report for \(month)" }
    }

    @MemberwiseInit
    public struct ImportsBusy: DeclaredError {
        public static let name = "io.parkd.Report.ImportsBusy"
        public static let kind = FailureKind.temporaryFailure
        public var open: Int
        public var sentence: String { "\(open) imports are being uploaded already; try again once one is finished" }
    }

    public struct NoSuchImport: DeclaredError {
        public static let name = "io.parkd.Report.NoSuchImport"
        public static let kind = FailureKind.notFound
        public var `import`: String
        public init(import: String) { self.import = `import` }
        public var sentence: String { "no import in progress has handle '\(`import`)' (it was finished, left unused for 10 minutes, or parkd restarted)" }
    }

    @MemberwiseInit
    public struct ImportRefused: DeclaredError {
        public static let name = "io.parkd.Report.ImportRefused"
        public static let kind = FailureKind.invalidInput
        public var problems: [ImportProblem]
        public var more: Int? = nil
        /// The most problems one refusal lists: a reply stays well within a message.
        public static let listed = 1_000
        public var sentence: String {
            let count = problems.count + (more ?? 0)
            return (["the file was refused, nothing was imported (\(count) problem\(count == 1 ? "" : "s")):"]
                + problems.map { "  line \($0.line), \($0.column): \($0.reason)" }
                + (more.map { ["  … and \($0) more"] } ?? [])).joined(separator: "\n")
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
