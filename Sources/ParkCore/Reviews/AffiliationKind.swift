/// What ties a reviewer to a party, as the reviewer declares it.
public enum AffiliationKind: String, CaseIterable, Sendable {
    /// The party (a firm) employs or employed the reviewer.
    case employer
    /// The reviewer invests in or controls the party (a firm).
    case investment
    /// The party (a person) is the reviewer's kin.
    case kin
    /// The party (a person) is the legal representative of a firm the reviewer represents or works for.
    case legalRepresentative
    /// Any other tie to the party.
    case other

    public static func parse(_ text: String, field: String = "kind") throws(DomainError) -> AffiliationKind {
        guard let kind = AffiliationKind(rawValue: text) else {
            throw .invalid(field, "'\(text)' is not an affiliation; use one of \(allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return kind
    }
}
