/// Where an application stands.
public enum ApplicationStatus: String, ClosedChoice {
    /// Passed the prescreen; waits for a review session (the tenant is reviewing).
    case awaitingReview
    /// Failed the prescreen; ended (the tenant, when the registry could hold it, is rejected).
    case prescreenFailed
    /// Withdrawn by the firm; ended.
    case withdrawn
    /// Reviewed, and the final decision in force approves it (the notice of its result closed,
    /// or a decision superseding another).
    case approved
    /// Reviewed, and the final decision in force rejects it; an accepted appeal takes it back
    /// to `awaitingReview`.
    case rejected

    /// Where an application stands once a final decision on it is in force.
    public static func decided(_ verdict: ReviewDecision.Verdict) -> ApplicationStatus {
        verdict == .approved ? .approved : .rejected
    }

    /// Whether the application is still in the process.
    public var isOpen: Bool { self == .awaitingReview }

    public static let choiceName = "an application status"
    public static let choiceField = "status"
}
