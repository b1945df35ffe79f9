import GRDB
import TableRow

/// A row of `onboardingItem`: one item of an approved application's onboarding checklist.
@TableRow
struct OnboardingItemRecord: FetchableRecord, MutablePersistableRecord {
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
}
