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
}
