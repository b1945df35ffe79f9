import GRDB
import ParkCore

/// A tenant as stored, with its bookkeeping.
public struct StoredTenant: Sendable, Equatable {
    public var tenant: Tenant
    public var id: Int64 { tenant.id! }
    public var createdAt: String
    public var updatedAt: String
    public var history: [RecordedStatusChange]
}
