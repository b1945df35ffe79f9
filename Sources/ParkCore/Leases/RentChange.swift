/// A contracted rent per m² per month, in force from a day on.
public struct RentChange: Equatable, Sendable {
    public var from: CivilDate
    public var rent: Money

    public init(from: CivilDate, rent: Money) {
        self.from = from
        self.rent = rent
    }
}
