import GRDB
import ParkCore
import TableRow

/// A row of `blocklistEntry`: a firm the park listed, and its removal once removed.
@TableRow
struct BlocklistEntryRecord: FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "blocklistEntry"

    var id: Int64?
    var creditCode: String
    var name: String
    var reason: String
    var listedOn: String
    var createdAt: String
    var createdBy: String
    var removedAt: String?
    var removedBy: String?
    var removalReason: String?

    init(_ entry: BlocklistEntry, createdAt: String, createdBy: String) {
        id = nil
        creditCode = entry.creditCode.value
        name = entry.name
        reason = entry.reason
        listedOn = entry.listedOn.description
        self.createdAt = createdAt
        self.createdBy = createdBy
    }

    var entry: BlocklistEntry {
        get throws {
            guard let code = try? CreditCode(creditCode), let listed = try? CivilDate.parse(listedOn, field: "listedOn") else {
                throw StoreError.unreadable("blocklistEntry \(id ?? 0)")
            }
            return BlocklistEntry(restoring: code, name: name, reason: reason, listedOn: listed)
        }
    }

    var stored: StoredBlocklistEntry {
        get throws {
            StoredBlocklistEntry(
                id: id ?? 0, entry: try entry, createdAt: createdAt, createdBy: createdBy, removedAt: removedAt, removedBy: removedBy,
                removalReason: removalReason)
        }
    }
}
