/// Where a review session stands.
public enum ReviewSessionStatus: String, CaseIterable, Sendable {
    /// Scheduled or sitting: its panel may change.
    case open
    /// Closed: its sheets and result are final.
    case closed
}
