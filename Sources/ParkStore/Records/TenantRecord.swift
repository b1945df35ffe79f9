import GRDB
import ParkCore

/// A row of `tenant`. Business lines, tags and history live in their own tables.
struct TenantRecord: Codable, FetchableRecord, MutablePersistableRecord {
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
        static let creditCode = Column(CodingKeys.creditCode)
        static let status = Column(CodingKeys.status)
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
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
}

/// A row of `tenantBusinessLine`.
struct TenantBusinessLineRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "tenantBusinessLine"
    var tenantId: Int64
    var line: String
}

/// A row of `tenantTag`.
struct TenantTagRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "tenantTag"
    var tenantId: Int64
    var tag: String
}

/// A row of `tenantStatusChange`.
struct TenantStatusChangeRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "tenantStatusChange"
    var id: Int64?
    var tenantId: Int64
    var fromStatus: String
    var toStatus: String
    var effectiveOn: String
    var reason: String
    var recordedAt: String
    var recordedBy: String
}
