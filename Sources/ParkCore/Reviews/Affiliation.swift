/// A reviewer's declared tie to a party (a firm or a person): what conflicts of interest are
/// detected from, against an applicant's related parties.
public struct Affiliation: Equatable, Sendable {
    public var kind: AffiliationKind
    public var party: String
    /// The tie's last day, when it has ended (an employment left); nil while it lasts.
    public var until: CivilDate?

    public init(kind: AffiliationKind, party: String, until: CivilDate?, today: CivilDate) throws(DomainError) {
        if let until, until > today { throw .invalid("until", "\(until) is in the future (today is \(today)); leave it out while the tie lasts") }
        self.kind = kind
        self.party = try FieldText.text(party, field: "party", maxLength: 100)
        self.until = until
    }

    /// Restores an affiliation exactly as stored.
    public init(restoring kind: AffiliationKind, party: String, until: CivilDate?) {
        self.kind = kind
        self.party = party
        self.until = until
    }
}
