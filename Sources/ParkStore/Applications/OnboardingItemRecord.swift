import GRDB

/// A row of `onboardingItem`: one item of an approved application's onboarding checklist.
struct OnboardingItemRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "onboardingItem"

    var id: Int64?
    var applicationId: Int64
    var tenantId: Int64
    var position: Int
    var name: String
    var description: String
    var openedAt: String
    var tickedOn: String?
    var tickedAt: String?
    var tickedBy: String?

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    init(
        id: Int64?, applicationId: Int64, tenantId: Int64, position: Int, name: String, description: String, openedAt: String,
        tickedOn: String?, tickedAt: String?, tickedBy: String?
    ) {
        self.id = id
        self.applicationId = applicationId
        self.tenantId = tenantId
        self.position = position
        self.name = name
        self.description = description
        self.openedAt = openedAt
        self.tickedOn = tickedOn
        self.tickedAt = tickedAt
        self.tickedBy = tickedBy
    }

    init(row: Row) throws {
        id = row["id"]
        applicationId = row["applicationId"]
        tenantId = row["tenantId"]
        position = row["position"]
        name = row["name"]
        description = row["description"]
        openedAt = row["openedAt"]
        tickedOn = row["tickedOn"]
        tickedAt = row["tickedAt"]
        tickedBy = row["tickedBy"]
    }
}
