import MemberwiseInit

/// The most an amount field may hold, and the unit the refusal names it in.
@MemberwiseInit
public struct AmountLimit: Sendable {
    public let most: Money
    /// What the bound is counted in: "yuan", "yuan per m² per month".
    public let unit: String

    /// Any amount parkd can hold.
    public static let anyAmount = AmountLimit(most: .largest, unit: "yuan")

    /// The refusal of `shown` (the amount as given, or as held), naming the bound.
    public func refusal(_ shown: String, field: String) -> DomainError {
        .invalid(field, "\(shown) is too large: at most \(most) \(unit)")
    }
}
