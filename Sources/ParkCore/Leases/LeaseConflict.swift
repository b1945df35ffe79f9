/// Another lease holds a unit on one of the days asked for.
public struct LeaseConflict: Error, Equatable, Sendable, CustomStringConvertible {
    /// The unit both leases would hold.
    public let unit: String
    /// The lease in the way, and its days.
    public let lease: Int64
    public let from: CivilDate
    public let to: CivilDate

    public init(unit: String, lease: Int64, from: CivilDate, to: CivilDate) {
        self.unit = unit
        self.lease = lease
        self.from = from
        self.to = to
    }

    public var description: String { "unit \(unit) is held by lease \(lease) from \(from) to \(to)" }
}
