import MemberwiseInit

/// What a firm says of itself: on its application form, then in the registry once it is a
/// tenant. Each field is checked here, by the same rule whether it is given on a form, on a new
/// tenant or in an edit. The credit code is not part of it: a form keeps it as given (whether it
/// is valid is the prescreen's first criterion), a tenant holds it valid.
@MemberwiseInit
public struct FirmParticulars: Equatable, Sendable {
    public var name: String
    public var businessLines: [BusinessLine]
    public var origin: Origin
    /// Brand tags (`headquarters`, `china-top-500`), sorted, each once.
    public var tags: [String]
    public var contactPerson: String? = nil
    public var contactPhone: String? = nil
    /// 劳务派遣经营许可证 number, needed for labour dispatch.
    public var dispatchLicence: String? = nil
    /// 人力资源服务许可证 number, needed for the other HR services.
    public var hrServiceLicence: String? = nil

    /// Checks and normalises every field.
    public init(
        checking name: String, businessLines: [String], origin: String, tags: [String], contactPerson: String?,
        contactPhone: String?, dispatchLicence: String?, hrServiceLicence: String?
    ) throws(DomainError) {
        self.name = try TenantField.name(name)
        self.businessLines = try TenantField.businessLines(businessLines)
        self.origin = try Origin.parse(origin)
        self.tags = try TenantField.tags(tags)
        self.contactPerson = try Self.checkedContactPerson(contactPerson)
        self.contactPhone = try TenantField.phone(contactPhone)
        self.dispatchLicence = try Self.checkedLicence(dispatchLicence, field: "dispatchLicence")
        self.hrServiceLicence = try Self.checkedLicence(hrServiceLicence, field: "hrServiceLicence")
    }

    /// Applies the particulars an edit changes, each checked as on creation; unchanged when it
    /// throws.
    mutating func apply(_ edit: TenantEdit) throws(DomainError) {
        var edited = self
        if let name = edit.name { edited.name = try TenantField.name(name) }
        if let lines = edit.businessLines { edited.businessLines = try TenantField.businessLines(lines) }
        if let origin = edit.origin { edited.origin = try Origin.parse(origin) }
        let added = try TenantField.tags(edit.addTags, field: "addTags", counted: false)
        // A tag to remove that the firm does not have is most likely mistyped: said, not passed over.
        if let absent = edit.removeTags.first(where: { !tags.contains($0) }) {
            throw .invalid("removeTags", "the firm has no tag '\(absent)'; its tags are \(tags.isEmpty ? "none" : tags.joined(separator: ", "))")
        }
        edited.tags = Array(Set(edited.tags).union(added).subtracting(edit.removeTags)).sorted()
        try TenantField.checkTagCount(edited.tags.count, field: "addTags")
        if let person = edit.contactPerson { edited.contactPerson = try Self.checkedContactPerson(person) }
        if let phone = edit.contactPhone { edited.contactPhone = try TenantField.phone(phone) }
        if let licence = edit.dispatchLicence { edited.dispatchLicence = try Self.checkedLicence(licence, field: "dispatchLicence") }
        if let licence = edit.hrServiceLicence { edited.hrServiceLicence = try Self.checkedLicence(licence, field: "hrServiceLicence") }
        self = edited
    }

    private static func checkedContactPerson(_ raw: String?) throws(DomainError) -> String? {
        try FieldText.optionalText(raw, field: "contactPerson", maxLength: 50)
    }

    private static func checkedLicence(_ raw: String?, field: String) throws(DomainError) -> String? {
        try FieldText.optionalText(raw, field: field, maxLength: 64)
    }
}
