/// The kinds of conflict of interest (回避) that keep a reviewer from an applicant.
public enum ConflictType: String, CaseIterable, Sendable {
    /// Employed by the applicant or its group in the last 3 years.
    case employment
    /// Investment in, or control of, the applicant.
    case investment
    /// The applicant's legal representative also represents a firm of the reviewer's.
    case sharedLegalRepresentative
    /// Kin of the applicant's legal representative or a shareholder.
    case kinship
    case other

    public static func parse(_ text: String, field: String = "type") throws(DomainError) -> ConflictType {
        guard let type = ConflictType(rawValue: text) else {
            throw .invalid(field, "'\(text)' is not a conflict type; use one of \(allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return type
    }
}
