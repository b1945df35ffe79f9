import GRDB
import ParkCore
import TableRow

/// A row of `applicationCheck`: one criterion of an application's prescreen.
@TableRow
struct ApplicationCheckRecord: FetchableRecord, PersistableRecord {
    static let databaseTableName = "applicationCheck"

    var applicationId: Int64
    var criterion: String
    var passed: Bool
    var reason: String

    init(applicationId: Int64, _ check: PrescreenCheck) {
        self.applicationId = applicationId
        criterion = check.criterion.rawValue
        passed = check.passed
        reason = check.reason
    }

    var check: PrescreenCheck {
        get throws {
            let criterion = try PrescreenCriterion(rawValue: criterion)
                .orThrow(StoreError.unreadable("applicationCheck of application \(applicationId)", "a criterion"))
            return PrescreenCheck(criterion: criterion, passed: passed, reason: reason)
        }
    }
}
