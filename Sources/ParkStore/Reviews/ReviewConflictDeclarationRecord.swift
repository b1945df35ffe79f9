import GRDB
import ParkCore
import TableRow

/// A row of `reviewConflictDeclaration`: a conflict declared for one reviewer and one application.
@TableRow
struct ReviewConflictDeclarationRecord: FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "reviewConflictDeclaration"

    var id: Int64?
    var applicationId: Int64
    var uid: Int64
    var userName: String
    var type: String
    var note: String?
    var declaredAt: String
    var declaredBy: String

    init(application: Int64, reviewer: Reviewer, _ declared: ReviewerConflicts.Declared, declaredAt: String, declaredBy: String) {
        applicationId = application
        uid = reviewer.uid
        userName = reviewer.name
        type = declared.type.rawValue
        note = declared.note
        self.declaredAt = declaredAt
        self.declaredBy = declaredBy
    }

    var declared: ReviewerConflicts.Declared {
        get throws {
            guard let type = ConflictType(rawValue: type) else { throw StoreError.unreadable("reviewConflictDeclaration \(id ?? 0)") }
            return ReviewerConflicts.Declared(type: type, note: note)
        }
    }
}
