import ParkCore

/// An application as stored: the form, its prescreen, where it stands and the firm's record.
public struct StoredApplication: Sendable, Equatable {
    public var id: Int64
    public var form: ApplicationForm
    public var status: ApplicationStatus
    public var checks: [PrescreenCheck]
    /// The firm's record in the registry; nil when the credit code is not valid.
    public var tenantID: Int64?
    /// The tenant's status now.
    public var tenantStatus: TenantStatus?
    public var withdrawnOn: CivilDate?
    public var withdrawalReason: String?
    public var createdAt: String
    public var createdBy: String
    public var updatedAt: String
}
