/// The kinds of conflict of interest (回避) that keep a reviewer from an applicant.
public enum ConflictType: String, ClosedChoice {
    /// Employed by the applicant or its group in the last 3 years.
    case employment
    /// Investment in, or control of, the applicant.
    case investment
    /// The applicant's legal representative also represents a firm of the reviewer's.
    case sharedLegalRepresentative
    /// Kin of the applicant's legal representative or a shareholder.
    case kinship
    case other

    public static let choiceName = "a conflict type"
    public static let choiceField = "type"
}
