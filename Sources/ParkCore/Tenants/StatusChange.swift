/// One recorded change of a tenant's status.
public struct StatusChange: Equatable, Sendable {
    public var from: TenantStatus
    public var to: TenantStatus
    /// The day the change takes effect.
    public var on: CivilDate
    public var reason: String

    public init(from: TenantStatus, to: TenantStatus, on: CivilDate, reason: String) {
        self.from = from
        self.to = to
        self.on = on
        self.reason = reason
    }
}
