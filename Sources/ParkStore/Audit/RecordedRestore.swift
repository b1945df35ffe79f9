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

    /// Where an anchor stands in the trail a restore replaced.
    enum Finding: Equatable {
        /// The database kept aside (or a trail an older restore recorded in it replaced) holds
        /// the entry with the hash noted.
        case holds
        /// The trail kept aside is whole, and holds no such entry.
        case absent
        /// The database kept aside cannot tell: gone, unreadable, its chain broken, or changed
        /// since the restore.
        case unusable(String)
    }

    /// Looks for the anchor `id`, `hash` in the database kept aside, its whole chain checked
    /// first (sealed entries under `key`) and ending at the head the restore noted. A trail a
    /// restore replaced may itself hold the restore of an older one: the anchor is looked for
    /// there too, at most `depth` restores back.
    func find(anchor id: Int64, hash: String, key: AuditKey?, checked: KeptAsideChecks, depth: Int = 8) -> Finding {
        guard let keptAside, FileManager.default.fileExists(atPath: keptAside) else {
            return .unusable("the database the restore at entry \(entry) kept aside (\(keptAside ?? "none")) is gone: the anchor cannot be checked")
        }
        do {
            // Opened, and its chain checked, once a verification, however many anchors are looked for.
            let kept = try checked.open(keptAside) { db in
                var check = AuditChainCheck(key: key)
                let entries = try AuditEntryRecord.order(AuditEntryRecord.Columns.id).fetchCursor(db)
                while let record = try entries.next() {
                    if let problem = check.check(record.entry) { return "fails at entry \(record.id): \(problem)" }
                }
                // No "newest entry sealed" rule here: the trail kept aside may predate the key.
                // Its head, which the sealed restore entry noted, stands for the whole of it.
                guard check.head.map({ AuditTrailHead(id: $0.id, hash: $0.hash) }) == replacedHead else {
                    return "has changed since: its newest entry is not the one the restore noted"
                }
                return nil
            }
            if let problem = kept.problem {
                return .unusable("the trail of the database the restore at entry \(entry) kept aside (\(keptAside)) \(problem)")
            }
            // Read, then left: a restore recorded there is looked into outside this read.
            let (holds, recorded) = try kept.queue.read { db in (try AuditEntryRecord.fetchOne(db, key: id)?.hash == hash, try kept.restores(db)) }
            if holds { return .holds }
            guard depth > 1 else { return .absent }
            let older = recorded.reversed().map { $0.find(anchor: id, hash: hash, key: key, checked: checked, depth: depth - 1) }
            return older.contains(.holds) ? .holds : older.first { $0 != .absent } ?? .absent
        } catch {
            return .unusable("the database the restore at entry \(entry) kept aside (\(keptAside)) cannot be read: \(error)")
        }
    }
}

/// The databases kept aside that one verification has opened: each opened read-only once, its
/// chain checked once, its own restores read once.
final class KeptAsideChecks {
    final class Kept {
        let queue: DatabaseQueue
        /// What is wrong with its chain; nil when it holds.
        let problem: String?
        private var recorded: [RecordedRestore]?

        init(queue: DatabaseQueue, problem: String?) {
            self.queue = queue
            self.problem = problem
        }

        /// The restores its trail records.
        func restores(_ db: Database) throws -> [RecordedRestore] {
            if let recorded { return recorded }
            let read = try RecordedRestore.all(db)
            recorded = read
            return read
        }
    }

    private var opened: [String: Kept] = [:]

    /// The database at `path`, opened and its chain checked by `check` the first time only.
    func open(_ path: String, check: (Database) throws -> String?) throws -> Kept {
        if let known = opened[path] { return known }
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        let kept = Kept(queue: queue, problem: try queue.read { try check($0) })
        opened[path] = kept
        return kept
    }
}
