import MemberwiseInit

/// Rent due for one month of a lease.
@MemberwiseInit
public struct RentDue: Equatable, Sendable {
    public var amount: Money
    public var daysLeased: Int
    public var daysInMonth: Int
}
