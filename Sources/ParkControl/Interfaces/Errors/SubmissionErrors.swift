extension SubmissionAPI {
    public static let errors: [any DeclaredError.Type] = [NoSuchSubmission.self]

    public struct NoSuchSubmission: DeclaredError {
        public static let name = "io.parkd.Submission.NoSuchSubmission"
        public static let kind = FailureKind.notFound
        public var submission: String
        public init(submission: String) { self.submission = submission }
        public var sentence: String { "no submission is recorded as '\(submission)'" }
    }
}
