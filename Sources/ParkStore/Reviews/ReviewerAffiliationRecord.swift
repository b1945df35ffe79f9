import GRDB
import ParkCore
import TableRow

/// A row of `reviewerAffiliation`: a tie a reviewer declared.
@TableRow
struct ReviewerAffiliationRecord: FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "reviewerAffiliation"

    var id: Int64?
    var uid: Int64
    var userName: String
    var kind: String
    var party: String
    var until: String?
    var declaredAt: String
    var declaredBy: String

    init(_ affiliation: Affiliation, of reviewer: Reviewer, declaredAt: String, declaredBy: String) {
        uid = reviewer.uid
        userName = reviewer.name
        kind = affiliation.kind.rawValue
        party = affiliation.party
        until = affiliation.until?.description
        self.declaredAt = declaredAt
        self.declaredBy = declaredBy
    }

    var affiliation: Affiliation {
        get throws {
            guard let kind = AffiliationKind(rawValue: kind) else { throw StoreError.unreadable("reviewerAffiliation \(id ?? 0)") }
            return Affiliation(restoring: kind, party: party, until: until.flatMap { try? CivilDate.parse($0, field: "until") })
        }
    }
}
