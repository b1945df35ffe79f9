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
        if let name = edit.name { edited.name = try TenantField.name(name) }
        if let code = edit.creditCode { edited.creditCode = try CreditCode(code) }
        if let lines = edit.businessLines { edited.businessLines = try TenantField.businessLines(lines) }
        if let origin = edit.origin { edited.origin = try Origin.parse(origin) }
        let added = try TenantField.tags(edit.addTags, field: "addTags")
        let removed = Set(edit.removeTags)
        edited.tags = Array(Set(edited.tags).union(added).subtracting(removed)).sorted()
        if let person = edit.contactPerson {
            edited.contactPerson = try TenantField.optionalText(person, field: "contactPerson", maxLength: 50)
        }
        if let phone = edit.contactPhone { edited.contactPhone = try TenantField.phone(phone) }
        if let licence = edit.dispatchLicence {
            edited.dispatchLicence = try TenantField.optionalText(licence, field: "dispatchLicence", maxLength: 64)
        }
        if let licence = edit.hrServiceLicence {
            edited.hrServiceLicence = try TenantField.optionalText(licence, field: "hrServiceLicence", maxLength: 64)
        }
        self = edited
    }
}
