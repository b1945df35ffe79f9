/// A reviewer's written dissent about one applicant, shown with the result once the session
/// closes; sealed like a sheet until then.
public struct Dissent: Equatable, Sendable {
    public var application: Int64
    public var reviewer: Reviewer
    public var text: String

    public init(application: Int64, reviewer: Reviewer, text: String) throws(DomainError) {
        self.application = application
        self.reviewer = reviewer
        self.text = try FieldText.text(text, field: "text", maxLength: 2000)
    }

    /// Restores a dissent exactly as stored.
    public init(restoring application: Int64, reviewer: Reviewer, text: String) {
        self.application = application
        self.reviewer = reviewer
        self.text = text
    }

    public var canonicalText: String { "dissent\napplication=\(application)\nuid=\(reviewer.uid)\ntext=\(text)" }

    /// What the audit trail records instead of the text.
    public func commitment(salt: String) -> String { ScoreSheet.commitment(salt: salt, text: canonicalText) }
}

extension Dissent {
    /// Whether the dissent is published with the result whose counted sheets were written by
    /// `counted` (their uids): a dissent stands beside a sheet that counted. A reviewer who
    /// became conflicted with the applicant, or left the panel, before the close neither
    /// scores nor dissents on it.
    public func isPublished(besideSheetsOf counted: Set<Int64>) -> Bool {
        counted.contains(reviewer.uid)
    }
}
