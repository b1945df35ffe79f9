import Foundation
import GRDB
import ParkCore

/// A restore as the audit trail records it (`io.parkd.Service.Restore`, written by the first
/// start after `parkd --restore`): the trail it put in place and the one it replaced, kept
/// aside. An anchor noted from the replaced trail is checked against the database kept aside.
struct RecordedRestore: Decodable, Sendable {
    /// The restore's own entry.
    var entry: Int64 = 0
    var keptAside: String?
    var restoredHead: AuditTrailHead?
    var replacedHead: AuditTrailHead?

    private enum CodingKeys: String, CodingKey { case keptAside, restoredHead, replacedHead }

    /// Every restore the trail records as one (`ok`: its note was sealed with the audit key, or
    /// parkd held none), oldest first; an entry whose parameters cannot be read is no restore
    /// to check against.
    static func all(_ db: Database) throws -> [RecordedRestore] {
        try AuditEntryRecord.filter(AuditEntryRecord.Columns.method == ParkDatabase.restoreMethod && AuditEntryRecord.Columns.outcome == "ok")
            .order(AuditEntryRecord.Columns.id).fetchAll(db)
            .compactMap { record in
                var restore = try? JSONDecoder().decode(RecordedRestore.self, from: Data(record.parameters.utf8))
                restore?.entry = record.id
                return restore
            }
    }

    /// Whether entry `id` was one of the trail this restore replaced and did not put back.
    func replaced(_ id: Int64) -> Bool {
        guard let replacedHead else { return false }
        return id > (restoredHead?.id ?? Int64.min) && id <= replacedHead.id
    }

    /// Why the anchor `id`, `hash` does not hold in the database kept aside; nil when it does.
    /// That database's whole chain is checked first, sealed entries under `key`, and must end
    /// at the head the restore noted.
    func problem(anchor id: Int64, hash: String, key: AuditKey?) -> String? {
        guard let keptAside, FileManager.default.fileExists(atPath: keptAside) else {
            return "entry \(id) is of the trail the restore at entry \(entry) replaced, and the database it kept aside (\(keptAside ?? "none")) is gone: the anchor cannot be checked"
        }
        do {
            var configuration = Configuration()
            configuration.readonly = true
            let queue = try DatabaseQueue(path: keptAside, configuration: configuration)
            defer { try? queue.close() }
            return try queue.read { db in
                var check = AuditChainCheck(key: key)
                let entries = try AuditEntryRecord.order(AuditEntryRecord.Columns.id).fetchCursor(db)
                while let record = try entries.next() {
                    if let problem = check.check(record.entry) {
                        return "the trail of the database the restore at entry \(entry) kept aside (\(keptAside)) fails at entry \(record.id): \(problem)"
                    }
                }
                if let problem = check.finish() {
                    return "the trail of the database the restore at entry \(entry) kept aside (\(keptAside)) fails: \(problem)"
                }
                guard check.head.map({ AuditTrailHead(id: $0.id, hash: $0.hash) }) == replacedHead else {
                    return "the database the restore at entry \(entry) kept aside (\(keptAside)) has changed since: its newest entry is not the one the restore noted"
                }
                guard try AuditEntryRecord.fetchOne(db, key: id)?.hash == hash else {
                    return "entry \(id) no longer has the hash noted earlier, neither in this trail nor in the one the restore at entry \(entry) replaced (kept as \(keptAside))"
                }
                return nil
            }
        } catch {
            return "entry \(id) is of the trail the restore at entry \(entry) replaced, and the database it kept aside (\(keptAside)) cannot be read: \(error)"
        }
    }
}
