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
    /// The detected conflicts the dismissal covers (`DetectedConflict.key`): those detected when
    /// it was made; nil for a dismissal made before parkd kept them, which covers any.
    public var dismissed: [String]? = nil

    /// The detected conflicts no dismissal covers: all of them without one, those detected
    /// since it was made with one (a tie the reviewer declared later, such as employment by the
    /// applicant, is never dismissed unseen).
    public var standingDetections: [DetectedConflict] {
        guard dismissal != nil else { return detected }
        guard let dismissed else { return [] }
        return detected.filter { !dismissed.contains($0.key) }
    }

    /// Whether the reviewer sits out this applicant: a declared conflict always, a detected one
    /// that no dismissal covers.
    public var isConflicted: Bool { !declared.isEmpty || !standingDetections.isEmpty }

    /// Whether there is anything to show.
    public var isEmpty: Bool { declared.isEmpty && detected.isEmpty }

    /// Decides a dismissal: only detected conflicts are dismissed, once, with a reason.
    public func dismissing(reason: String) throws(DomainError) -> String {
        guard !detected.isEmpty else {
            throw .invalid("reviewer", "\(reviewer.name) has no detected conflict with application \(application) to dismiss"
                + (declared.isEmpty ? "" : "; a declared conflict stands"))
        }
        guard dismissal == nil else {
            let since = standingDetections
            throw .invalid("reviewer", "the detected conflicts of \(reviewer.name) with application \(application) are dismissed already"
                + (since.isEmpty ? "" : "; detected since, and standing: " + since.map(\.key).joined(separator: "; ")))
        }
        return try FieldText.text(reason, field: "reason", maxLength: 500)
    }
}
