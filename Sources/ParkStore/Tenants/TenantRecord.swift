import GRDB
import ParkCore
import ParkPolicy

/// A row of `tenant`. Business lines, tags and history live in their own tables.
struct TenantRecord: Codable, FetchableRecord, MutablePersistableRecord, PreparedInsertRecord {
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

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let name = Column(CodingKeys.name)
        static let creditCode = Column(CodingKeys.creditCode)
        static let origin = Column(CodingKeys.origin)
        static let contactPerson = Column(CodingKeys.contactPerson)
        static let contactPhone = Column(CodingKeys.contactPhone)
        static let dispatchLicence = Column(CodingKeys.dispatchLicence)
        static let hrServiceLicence = Column(CodingKeys.hrServiceLicence)
        static let status = Column(CodingKeys.status)
        static let appliedOn = Column(CodingKeys.appliedOn)
        static let createdAt = Column(CodingKeys.createdAt)
        static let updatedAt = Column(CodingKeys.updatedAt)
    }

    /// Without `id`: SQLite gives the new row its id.
    static let insertSQL = preparedInsertSQL([
        Columns.name, Columns.creditCode, Columns.origin, Columns.contactPerson, Columns.contactPhone, Columns.dispatchLicence,
        Columns.hrServiceLicence, Columns.status, Columns.appliedOn, Columns.createdAt, Columns.updatedAt,
    ])

    var insertArguments: StatementArguments {
        [name, creditCode, origin, contactPerson, contactPhone, dispatchLicence, hrServiceLicence, status, appliedOn, createdAt, updatedAt]
    }

    /// Reads the columns by name in code: Decodable costs about twice as much, on the read
    /// behind every call that names a tenant.
    init(row: Row) {
        id = row[Columns.id]
        name = row[Columns.name]
        creditCode = row[Columns.creditCode]
        origin = row[Columns.origin]
        contactPerson = row[Columns.contactPerson]
        contactPhone = row[Columns.contactPhone]
        dispatchLicence = row[Columns.dispatchLicence]
        hrServiceLicence = row[Columns.hrServiceLicence]
        status = row[Columns.status]
        appliedOn = row[Columns.appliedOn]
        createdAt = row[Columns.createdAt]
        updatedAt = row[Columns.updatedAt]
    }

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
