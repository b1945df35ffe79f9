/// A hard criterion of the automatic prescreen. The configuration says which apply.
public enum PrescreenCriterion: String, ClosedChoice {
    /// The credit code is valid (GB 32100-2015).
    case creditCode
    /// An HR service licence for the HR lines other than dispatch, a dispatch licence for dispatch.
    case licences
    /// Registered capital at least the configured minimum.
    case registeredCapital
    /// The firm is not a tenant already (its registry record, if any, is an applicant's).
    case notATenant
    /// No other application of the firm is open.
    case noOpenApplication
    /// The firm is not on the park's blocklist (失信 list).
    case notBlocklisted

    public static let choiceName = "a prescreen criterion"
    public static let choiceField = "criterion"
}
