/// Where an application stands.
public enum ApplicationStatus: String, CaseIterable, Sendable {
    /// Passed the prescreen; waits for a review session (the tenant is reviewing).
    case awaitingReview
    /// Failed the prescreen; ended (the tenant, when the registry could hold it, is rejected).
    case prescreenFailed
    /// Withdrawn by the firm; ended.
    case withdrawn

    /// Whether the application is still in the process.
    public var isOpen: Bool { self == .awaitingReview }

    public static func parse(_ text: String, field: String = "status") throws(DomainError) -> ApplicationStatus {
        guard let status = ApplicationStatus(rawValue: text) else {
            throw .invalid(field, "'\(text)' is not an application status; use one of \(allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return status
    }
}
