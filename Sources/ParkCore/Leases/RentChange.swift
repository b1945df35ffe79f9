import MemberwiseInit

/// A contracted rent per m² per month, in force from a day on.
@MemberwiseInit
public struct RentChange: Equatable, Sendable {
    public var from: CivilDate
    public var rent: Money
}
