/// Where a firm stands in its life in the park.
///
/// applicant → reviewing → approved → active → exiting → exited, and applicant or reviewing → rejected
/// (a failed prescreen, a rejected review).
public enum TenantStatus: String, ClosedChoice, Codable {
    case applicant, reviewing, approved, rejected, active, exiting, exited

    /// The statuses this one may change to.
    public var next: [TenantStatus] {
        switch self {
        case .applicant: [.reviewing, .rejected]
        case .reviewing: [.approved, .rejected]
        case .approved: [.active]
        case .active: [.exiting]
        case .exiting: [.exited]
        case .rejected, .exited: []
        }
    }

    public static let choiceName = "a status"
    public static let choiceField = "status"
}
