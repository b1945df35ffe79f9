import GRDB
import MemberwiseInit
import ParkCore

/// Filters for listing tenants, a page at a time in id order.
@MemberwiseInit
public struct TenantQuery: Sendable {
    public var status: TenantStatus? = nil
    public var businessLine: BusinessLine? = nil
    public var limit: Int = 100
    /// Only tenants with a larger id (the previous page's cursor).
    public var afterID: Int64? = nil
}
