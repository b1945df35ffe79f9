/// Where an application stands.
public enum ApplicationStatus: String, ClosedChoice {
    /// Passed the prescreen; waits for a review session (the tenant is reviewing).
    case awaitingReview
    /// Failed the prescreen; ended (the tenant, when the registry could hold it, is rejected).
    case prescreenFailed
    /// Withdrawn by the firm; ended.
    case withdrawn

    /// Whether the application is still in the process.
    public var isOpen: Bool { self == .awaitingReview }

    public static let choiceName = "an application status"
    public static let choiceField = "status"
}
