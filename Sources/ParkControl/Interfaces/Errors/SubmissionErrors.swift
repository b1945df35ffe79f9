extension SubmissionAPI {
    public static let errors: [any DeclaredError.Type] = [NoSuchQuarantinedFile.self, NoSuchSubmission.self]

    public struct NoSuchSubmission: DeclaredError {
        public static let name = "io.parkd.Submission.NoSuchSubmission"
        public static let kind = FailureKind.notFound
        public var submission: String
        public init(submission: String) { self.submission = submission }
        public var sentence: String { "no submission is recorded as '\(submission)'" }
    }

    public struct NoSuchQuarantinedFile: DeclaredError {
        public static let name = "io.parkd.Submission.NoSuchQuarantinedFile"
        public static let kind = FailureKind.notFound
        public var file: String
        public init(file: String) { self.file = file }
        public var sentence: String { "no file '\(file)' is in the spool's quarantine" }
    }
}
