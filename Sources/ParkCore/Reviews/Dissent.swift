/// A reviewer's written dissent about one applicant, shown with the result once the session
/// closes; sealed like a sheet until then.
public struct Dissent: Equatable, Sendable {
    public var application: Int64
    public var reviewer: Reviewer
    public var text: String

    public init(application: Int64, reviewer: Reviewer, text: String) throws(DomainError) {
        self.application = application
        self.reviewer = reviewer
        self.text = try TenantField.text(text, field: "text", maxLength: 2000)
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
