import GRDB
import ParkCore
import ParkPolicy
import TableRow

/// A row of `tenant`. Business lines, tags and history live in their own tables.
@TableRow
struct TenantRecord: FetchableRecord, MutablePersistableRecord, PreparedInsertRecord {
    static let databaseTableName = "tenant"

    var id: Int64?
    var name: String
    var creditCode: String
    var origin: String
    var contactPerson: String?
    var contactPhone: String?
    var dispatchLicence: String?
    var hrServiceLicence: String?
    var status: String
    var appliedOn: String
    var createdAt: String
    var updatedAt: String

    init(_ tenant: Tenant, createdAt: String, updatedAt: String) {
        id = tenant.id
        name = tenant.name
        creditCode = tenant.creditCode.value
        origin = tenant.origin.rawValue
        contactPerson = tenant.contactPerson
        contactPhone = tenant.contactPhone
        dispatchLicence = tenant.dispatchLicence
        hrServiceLicence = tenant.hrServiceLicence
        status = tenant.status.rawValue
        appliedOn = tenant.appliedOn.description
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// The tenant with its lines (any order), tags (sorted) and history (oldest first).
    func storedTenant(lines: [BusinessLine], tags: [String], history: [RecordedStatusChange]) throws -> StoredTenant {
        let id = id ?? 0
        guard let code = try? CreditCode(creditCode), let origin = Origin(rawValue: origin),
              let status = TenantStatus(rawValue: status),
              let appliedOn = try? CivilDate.parse(appliedOn, field: "appliedOn") else {
            throw StoreError.unreadable("tenant \(id)")
        }
        let particulars = FirmParticulars(
            name: name, businessLines: BusinessLine.allCases.filter(lines.contains), origin: origin, tags: tags,
            contactPerson: contactPerson, contactPhone: contactPhone, dispatchLicence: dispatchLicence, hrServiceLicence: hrServiceLicence)
        let tenant = Tenant(
            id: id, particulars: particulars, creditCode: code, status: status, appliedOn: appliedOn, history: history.map(\.change))
        return StoredTenant(tenant: tenant, createdAt: createdAt, updatedAt: updatedAt, history: history)
    }

    /// What the policies read about the tenant, as its columns hold it.
    func facts(
        businessLines: [String], tags: [String], statusChanges: [StatusFact], leases: [LeaseFact], reports: ReportFacts,
        events: [EventFact]? = nil
    ) -> TenantFacts {
        TenantFacts(
            id: id ?? 0, name: name, creditCode: creditCode, businessLines: businessLines, tags: tags, origin: origin,
            appliedOn: appliedOn, statusChanges: statusChanges, leases: leases, reports: reports, events: events)
    }
}
