import MemberwiseInit

/// A unit as a lease holds it: its area is fixed when the lease is signed.
@MemberwiseInit
public struct LeasedUnit: Equatable, Sendable {
    public var unitID: Int64
    public var label: String
    public var area: Area
    public var kind: UnitKind
}
