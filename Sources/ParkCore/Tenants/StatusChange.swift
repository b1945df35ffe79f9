import MemberwiseInit

/// One recorded change of a tenant's status.
@MemberwiseInit
public struct StatusChange: Equatable, Sendable {
    public var from: TenantStatus
    public var to: TenantStatus
    /// The day the change takes effect.
    public var on: CivilDate
    public var reason: String
}
