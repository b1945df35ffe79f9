/// A unit as a lease holds it: its area is fixed when the lease is signed.
public struct LeasedUnit: Equatable, Sendable {
    public var unitID: Int64
    public var label: String
    public var area: Area
    public var kind: UnitKind

    public init(unitID: Int64, label: String, area: Area, kind: UnitKind) {
        self.unitID = unitID
        self.label = label
        self.area = area
        self.kind = kind
    }
}
