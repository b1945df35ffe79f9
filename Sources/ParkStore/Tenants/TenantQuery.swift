import GRDB
import ParkCore

/// Filters for listing tenants, a page at a time in id order.
public struct TenantQuery: Sendable {
    public var status: TenantStatus?
    public var businessLine: BusinessLine?
    public var limit: Int
    /// Only tenants with a larger id (the previous page's cursor).
    public var afterID: Int64?

    public init(status: TenantStatus? = nil, businessLine: BusinessLine? = nil, limit: Int = 100, afterID: Int64? = nil) {
        self.status = status
        self.businessLine = businessLine
        self.limit = limit
        self.afterID = afterID
    }
}
