/// What ties a reviewer to a party, as the reviewer declares it.
public enum AffiliationKind: String, ClosedChoice {
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

    public static let choiceName = "an affiliation"
    public static let choiceField = "kind"
}
