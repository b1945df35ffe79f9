import MemberwiseInit

extension SubmissionAPI {
    public static let errors: [any DeclaredError.Type] = [NoSuchQuarantinedFile.self, NoSuchSubmission.self]

    @MemberwiseInit
    public struct NoSuchSubmission: DeclaredError {
        public static let name = "io.parkd.Submission.NoSuchSubmission"
        public static let kind = FailureKind.notFound
        public var submission: String
        public var sentence: String { "no submission is recorded as '\(submission)'" }
    }

    @MemberwiseInit
    public struct NoSuchQuarantinedFile: DeclaredError {
        public static let name = "io.parkd.Submission.NoSuchQuarantinedFile"
        public static let kind = FailureKind.notFound
        public var file: String
        public var sentence: String { "no file '\(file)' is in the spool's quarantine" }
    }
}
