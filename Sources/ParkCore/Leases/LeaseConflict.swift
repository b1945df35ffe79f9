import MemberwiseInit

/// Another lease holds a unit on one of the days asked for.
@MemberwiseInit
public struct LeaseConflict: Error, Equatable, Sendable, CustomStringConvertible {
    /// The unit both leases would hold.
    public let unit: String
    /// The lease in the way, and its days.
    public let lease: Int64
    public let from: CivilDate
    public let to: CivilDate

    public var description: String { "unit \(unit) is held by lease \(lease) from \(from) to \(to)" }
}
