/// What was paid, per tenant and rule, as it is published: the amounts with the lines and the
/// sum they add up to.
public struct PaymentPublication: Sendable, Equatable {
    public let paid: [PaidAmount]
    /// The lines paid, all tenants and rules together.
    public let lines: Int
    /// What was paid, all tenants and rules together.
    public let total: Money

    /// `paid` added up; `what` names it in the refusal of a total past the largest amount
    /// parkd holds ("what was paid in 2026").
    public init(_ paid: [PaidAmount], _ what: String) throws(CashingRefusal) {
        self.paid = paid
        lines = paid.reduce(0) { $0 + $1.lines }
        total = try PostedTotal.of(paid.map(\.amount), what)
    }
}
