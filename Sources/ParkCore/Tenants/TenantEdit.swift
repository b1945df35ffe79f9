/// Changes to a tenant's fields: nil leaves a field alone; an empty string clears an optional one.
public struct TenantEdit: Sendable {
    public var name: String?
    public var creditCode: String?
    public var businessLines: [String]?
    public var origin: String?
    public var addTags: [String] = []
    public var removeTags: [String] = []
    public var contactPerson: String?
    public var contactPhone: String?
    public var dispatchLicence: String?
    public var hrServiceLicence: String?

    public init() {}
}

extension Tenant {
    /// Applies an edit, checking every changed field; the tenant is unchanged when it throws.
    public mutating func apply(_ edit: TenantEdit) throws(DomainError) {
        var edited = self
        try edited.particulars.apply(edit)
        if let code = edit.creditCode { edited.creditCode = try CreditCode(code) }
        self = edited
    }
}
