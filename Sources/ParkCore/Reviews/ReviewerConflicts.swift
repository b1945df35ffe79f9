import MemberwiseInit

/// One reviewer's conflicts with one applicant: declared by the reviewer (or an administrator),
/// detected by parkd, and a dismissal of the detected ones.
@MemberwiseInit
public struct ReviewerConflicts: Equatable, Sendable {
    /// A conflict declared for the applicant.
    @MemberwiseInit
    public struct Declared: Equatable, Sendable {
        public var type: ConflictType
        public var note: String?
    }

    public var application: Int64
    public var reviewer: Reviewer
    public var declared: [Declared]
    public var detected: [DetectedConflict]
    /// Why an administrator dismissed the detected conflicts, when one did.
    public var dismissal: String?

    /// Whether the reviewer sits out this applicant: a declared conflict always, a detected one
    /// until it is dismissed.
    public var isConflicted: Bool { !declared.isEmpty || (!detected.isEmpty && dismissal == nil) }

    /// Whether there is anything to show.
    public var isEmpty: Bool { declared.isEmpty && detected.isEmpty }

    /// Decides a dismissal: only detected conflicts are dismissed, once, with a reason.
    public func dismissing(reason: String) throws(DomainError) -> String {
        guard !detected.isEmpty else {
            throw .invalid("reviewer", "\(reviewer.name) has no detected conflict with application \(application) to dismiss"
                + (declared.isEmpty ? "" : "; a declared conflict stands"))
        }
        guard dismissal == nil else {
            throw .invalid("reviewer", "the detected conflicts of \(reviewer.name) with application \(application) are dismissed already")
        }
        return try TenantField.text(reason, field: "reason", maxLength: 500)
    }
}
