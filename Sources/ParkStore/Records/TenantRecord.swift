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

    /// Reads columns by position (the order of `SELECT *`): much cheaper than Decodable.
    init(row: Row) {
        id = row[0]
        name = row[1]
        creditCode = row[2]
        origin = row[3]
        contactPerson = row[4]
        contactPhone = row[5]
        dispatchLicence = row[6]
        hrServiceLicence = row[7]
        status = row[8]
        appliedOn = row[9]
        createdAt = row[10]
        updatedAt = row[11]
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

    init(tenantId: Int64, line: String) {
        self.tenantId = tenantId
        self.line = line
    }

    init(row: Row) {
        tenantId = row[0]
        line = row[1]
    }
}

/// A row of `tenantTag`.
struct TenantTagRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "tenantTag"
    var tenantId: Int64
    var tag: String

    init(tenantId: Int64, tag: String) {
        self.tenantId = tenantId
        self.tag = tag
    }

    init(row: Row) {
        tenantId = row[0]
        tag = row[1]
    }
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

    init(
        id: Int64?, tenantId: Int64, fromStatus: String, toStatus: String, effectiveOn: String, reason: String,
        recordedAt: String, recordedBy: String
    ) {
        self.id = id
        self.tenantId = tenantId
        self.fromStatus = fromStatus
        self.toStatus = toStatus
        self.effectiveOn = effectiveOn
        self.reason = reason
        self.recordedAt = recordedAt
        self.recordedBy = recordedBy
    }

    init(row: Row) {
        id = row[0]
        tenantId = row[1]
        fromStatus = row[2]
        toStatus = row[3]
        effectiveOn = row[4]
        reason = row[5]
        recordedAt = row[6]
        recordedBy = row[7]
    }
}
