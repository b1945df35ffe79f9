import GRDB
import ParkCore

/// A row of `reviewConflictDeclaration`: a conflict declared for one reviewer and one application.
struct ReviewConflictDeclarationRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "reviewConflictDeclaration"

    var id: Int64?
    var applicationId: Int64
    var uid: Int64
    var userName: String
    var type: String
    var note: String?
    var declaredAt: String
    var declaredBy: String

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let applicationId = Column(CodingKeys.applicationId)
        static let uid = Column(CodingKeys.uid)
    }

    init(application: Int64, reviewer: Reviewer, _ declared: ReviewerConflicts.Declared, declaredAt: String, declaredBy: String) {
        applicationId = application
        uid = reviewer.uid
        userName = reviewer.name
        type = declared.type.rawValue
        note = declared.note
        self.declaredAt = declaredAt
        self.declaredBy = declaredBy
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    var declared: ReviewerConflicts.Declared {
        get throws {
            guard let type = ConflictType(rawValue: type) else { throw StoreError.unreadable("reviewConflictDeclaration \(id ?? 0)") }
            return ReviewerConflicts.Declared(type: type, note: note)
        }
    }
}
