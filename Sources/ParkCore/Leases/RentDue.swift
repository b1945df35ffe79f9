/// Rent due for one month of a lease.
public struct RentDue: Equatable, Sendable {
    public var amount: Money
    public var daysLeased: Int
    public var daysInMonth: Int

    public init(amount: Money, daysLeased: Int, daysInMonth: Int) {
        self.amount = amount
        self.daysLeased = daysLeased
        self.daysInMonth = daysInMonth
    }
}
