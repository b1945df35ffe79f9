import MemberwiseInit

/// What was paid to one tenant under one rule in a year.
@MemberwiseInit
public struct PaidAmount: Sendable, Equatable {
    public var year: Int
    public var tenant: Int64
    public var tenantName: String
    public var rule: String
    public var lines: Int
    public var amount: Money
}
