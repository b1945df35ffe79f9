/// A hard criterion of the automatic prescreen. The configuration says which apply.
public enum PrescreenCriterion: String, CaseIterable, Sendable {
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

    public static func parse(_ text: String, field: String) throws(DomainError) -> PrescreenCriterion {
        guard let criterion = PrescreenCriterion(rawValue: text) else {
            throw .invalid(field, "'\(text)' is not a prescreen criterion; use one of \(allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return criterion
    }
}
