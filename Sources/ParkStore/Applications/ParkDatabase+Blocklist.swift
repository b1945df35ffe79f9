import GRDB
import ParkCore

extension ParkDatabase {
    /// Puts a firm on the park's blocklist; a firm listed already is refused.
    public func addToBlocklist(_ entry: BlocklistEntry, context: ChangeContext) async throws -> StoredBlocklistEntry {
        try await write(context) { db in
            if let listed = try ParkDatabase.activeBlocklistEntry(db, entry.creditCode.value) {
                throw StoreError.alreadyBlocklisted(entry.creditCode.value, since: listed.listedOn)
            }
            var record = BlocklistEntryRecord(entry, createdAt: context.at, createdBy: context.recordedBy)
            try record.insert(db)
            return try record.stored
        }
    }

    /// Takes a firm off the blocklist; the entry is kept with who removed it and why.
    public func removeFromBlocklist(_ code: CreditCode, reason: String, context: ChangeContext) async throws -> StoredBlocklistEntry {
        try await write(context) { db in
            guard var record = try ParkDatabase.activeBlocklistEntry(db, code.value) else { throw StoreError.notBlocklisted(code.value) }
            record.removedAt = context.at
            record.removedBy = context.recordedBy
            record.removalReason = try FieldText.text(reason, field: "reason", maxLength: 500)
            try record.update(db)
            return try record.stored
        }
    }

    /// The entries listed now, by id; with `includeRemoved`, removed ones too.
    public func blocklist(includeRemoved: Bool) async throws -> [StoredBlocklistEntry] {
        try await read { db in
            var request = BlocklistEntryRecord.order(BlocklistEntryRecord.Columns.id)
            if !includeRemoved { request = request.filter(BlocklistEntryRecord.Columns.removedAt == nil) }
            return try request.fetchAll(db).map { try $0.stored }
        }
    }

    static func activeBlocklistEntry(_ db: Database, _ code: String) throws -> BlocklistEntryRecord? {
        try BlocklistEntryRecord
            .filter(BlocklistEntryRecord.Columns.creditCode == code)
            .filter(BlocklistEntryRecord.Columns.removedAt == nil)
            .fetchOne(db)
    }
}
