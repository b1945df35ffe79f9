import GRDB
import MemberwiseInit
import ParkCore

/// Filters for reading the audit trail.
@MemberwiseInit
public struct AuditQuery: Sendable {
    public var limit: Int = 50
    /// Only entries at or after this RFC 3339 instant.
    public var since: String? = nil
    /// Only entries of these fully qualified methods (a method and its former names).
    public var methods: Set<String>? = nil
    /// Only entries older than this id (where the previous page ended).
    public var before: Int64? = nil
}

/// A page of audit entries, newest first, and where the next starts when the page was cut
/// short of its limit by its size.
public struct AuditPage: Sendable {
    public var entries: [AuditEntry]
    /// The `before` of the following page; nil when the limit was reached or nothing is left.
    public var next: Int64?
}

/// A start that sealed the trail: the entry it sealed from, and the newest entry sealed before
/// it, when one was (entries written after it without the key, or forged: `audit verify` fails
/// at the first of them whatever is sealed after).
public struct AuditSealing: Sendable, Equatable {
    public var sealedFrom: Int64
    public var lastSealedBefore: Int64?
}

/// The result of walking the whole chain.
public struct AuditVerification: Sendable, Equatable {
    public var entries: Int
    public var headHash: String?
    public var firstBadEntry: Int64?
    public var problem: String?
    /// The first entry sealed with the audit key (every later one is too); nil when none is.
    public var firstSealed: Int64?
    public var headID: Int64?
    public var anchorsChecked = 0
    /// Anchors of a trail a restore replaced, found in the database it kept aside.
    public var anchorsOfReplacedTrails = 0

    public var intact: Bool { problem == nil }
}

extension ParkDatabase {
    /// The method of the entry the first start after `parkd --restore` records: what the
    /// restore put in place, and the trail it replaced.
    public static let restoreMethod = "io.parkd.Service.Restore"
    /// The entry of the start that seals the trail with its key for the first time.
    public static let sealMethod = "io.parkd.Audit.Seal"
    /// The entry of a start with `--audit-key-changed`: the key the trail is sealed with changed.
    public static let keyChangedMethod = "io.parkd.Audit.KeyChanged"

    static func appendAudit(_ db: Database, call: AuditedCall, at instant: String, outcome: String, key: AuditKey?) throws {
        let last = try Row.fetchOne(db.preparedStatement("SELECT id, hash FROM auditEntry ORDER BY id DESC LIMIT 1", []))
        let previous = last.map { (id: $0["id"] as Int64, hash: $0["hash"] as String) }
        let entry = AuditEntry(
            after: previous, at: instant, uid: call.uid, user: call.user, pid: call.pid,
            method: call.method, parameters: call.parameters, outcome: outcome, key: key)
        try AuditEntryRecord(entry).insertPrepared(db)
    }

    /// Entries, newest first.
    public func auditEntries(_ query: AuditQuery) async throws -> [AuditEntry] {
        try await auditPage(query, maximumBytes: .max).entries
    }

    /// Entries, newest first: at most `query.limit`, and no more than fit in about
    /// `maximumBytes` of text (always at least one), so that a reply stays within what a client
    /// reads in one message however large the entries' parameters are; `next` is where the
    /// following page starts when older entries remain.
    public func auditPage(_ query: AuditQuery, maximumBytes: Int) async throws -> AuditPage {
        try await readInBackground { db in
            // One more than asked for: whether older entries remain.
            var request = AuditEntryRecord.order(AuditEntryRecord.Columns.id.desc).limit(query.limit + 1)
            if let since = query.since { request = request.filter(AuditEntryRecord.Columns.at >= since) }
            if let methods = query.methods { request = request.filter(methods.contains(AuditEntryRecord.Columns.method)) }
            if let before = query.before { request = request.filter(AuditEntryRecord.Columns.id < before) }
            var entries: [AuditEntry] = []
            var bytes = 0
            let cursor = try request.fetchCursor(db)
            while let record = try cursor.next() {
                guard entries.count < query.limit else { return AuditPage(entries: entries, next: entries.last?.id) }
                let entry = record.entry
                // The fixed fields (ids, instant, hashes, names) take about 400 bytes.
                let size = entry.parameters.utf8.count + entry.outcome.utf8.count + entry.user.utf8.count + 400
                if !entries.isEmpty, bytes + size > maximumBytes {
                    return AuditPage(entries: entries, next: entries.last?.id)
                }
                entries.append(entry)
                bytes += size
            }
            return AuditPage(entries: entries, next: nil)
        }
    }

    public func auditEntryCount() async throws -> Int {
        try await read { db in try AuditEntryRecord.fetchCount(db) }
    }

    /// Recomputes the chain from the first entry, a page at a time, in one read transaction,
    /// then checks that every anchor (an entry and its hash as noted earlier) still holds.
    public func verifyAudit(anchors: [(id: Int64, hash: String)] = []) async throws -> AuditVerification {
        try await readInBackground { db in
            var check = AuditChainCheck(key: self.auditKey)
            // From the lowest id there is: an entry numbered 0 or below is not skipped.
            var after = Int64.min
            while true {
                let page = try AuditEntryRecord
                    .filter(AuditEntryRecord.Columns.id > after)
                    .order(AuditEntryRecord.Columns.id)
                    .limit(1000)
                    .fetchAll(db)
                guard let last = page.last else { break }
                for record in page {
                    if let problem = check.check(record.entry) {
                        return AuditVerification(
                            entries: check.checked, headHash: nil,
                            firstBadEntry: min(record.id, (check.head?.id ?? 0) + 1), problem: problem, firstSealed: check.firstSealed)
                    }
                }
                after = last.id
            }
            if let problem = check.finish() {
                return AuditVerification(
                    entries: check.checked, headHash: nil, firstBadEntry: check.head?.id, problem: problem, firstSealed: nil)
            }
            var verification = AuditVerification(
                entries: check.checked, headHash: check.head?.hash, firstBadEntry: nil, problem: nil, firstSealed: check.firstSealed,
                headID: check.head?.id)
            let restores = try RecordedRestore.all(db)
            // Restores recorded as claims: said beside a failing anchor, never checked against.
            let claims = try AuditEntryRecord
                .filter(AuditEntryRecord.Columns.method == ParkDatabase.restoreMethod && AuditEntryRecord.Columns.outcome != "ok")
                .fetchAll(db).map(\.id)
            let keptAside = KeptAsideChecks()
            for anchor in anchors.sorted(by: { $0.id < $1.id }) {
                let stored = try String.fetchOne(db, sql: "SELECT hash FROM auditEntry WHERE id = ?", arguments: [anchor.id])
                // An anchor noted before a restore holds in a trail a restore replaced, kept aside.
                let findings = stored == anchor.hash ? [] : restores.reversed().map {
                    $0.find(anchor: anchor.id, hash: anchor.hash, key: self.auditKey, checked: keptAside)
                }
                if findings.contains(.holds) {
                    verification.anchorsOfReplacedTrails += 1
                    continue
                }
                let beside = restores.isEmpty ? "" : " (nor is it in a trail a restore replaced)"
                if case .unusable(let reason) = findings.first(where: { $0 != .absent }) {
                    verification.problem = "entry \(anchor.id) no longer has the hash noted earlier here, and " + reason
                } else if stored == nil {
                    verification.problem = "entry \(anchor.id), noted earlier, is gone\(beside): the trail was cut short after entry \(check.head?.id ?? 0)"
                } else if stored != anchor.hash {
                    verification.problem = "entry \(anchor.id) no longer has the hash noted earlier\(beside): the chain was rewritten"
                }
                if let problem = verification.problem, !claims.isEmpty {
                    verification.problem = problem + "; the restore\(claims.count == 1 ? "" : "s") recorded at entr\(claims.count == 1 ? "y" : "ies") "
                        + claims.map(String.init).joined(separator: ", ") + " \(claims.count == 1 ? "is a claim" : "are claims") not sealed with the audit key, "
                        + "which no anchor is checked against"
                }
                if verification.problem != nil {
                    verification.firstBadEntry = anchor.id
                    verification.headHash = nil
                    return verification
                }
                verification.anchorsChecked += 1
            }
            return verification
        }
    }

    /// Seals the trail when parkd holds a key and the newest entry is not sealed (a trail written
    /// before the key was installed): one entry recorded by parkd itself, sealed, so that the
    /// newest entry is sealed from now on. Nil when nothing was needed.
    public func sealAuditTrail(at instant: String, uid: Int64, pid: Int64) async throws -> AuditSealing? {
        guard let key = auditKey else { return nil }
        let (unsealed, lastSealed) = try await read { db in
            (try Row.fetchOne(db, sql: "SELECT keyId FROM auditEntry ORDER BY id DESC LIMIT 1").map { ($0["keyId"] as String?) == nil } ?? false,
             try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM auditEntry WHERE keyId IS NOT NULL"))
        }
        guard unsealed else { return nil }
        let call = AuditedCall(
            uid: uid, user: "parkd", pid: pid, method: ParkDatabase.sealMethod,
            parameters: #"{"keyId":"\#(key.id)"}"#)
        try await recordCall(call, at: instant, outcome: "ok")
        return AuditSealing(sealedFrom: try await auditHead()?.id ?? 0, lastSealedBefore: lastSealed)
    }

    /// The id of the key that sealed the newest entry; nil when it is not sealed, or there is none.
    public func newestAuditSeal() async throws -> String? {
        try await read { db in
            try Row.fetchOne(db, sql: "SELECT keyId FROM auditEntry ORDER BY id DESC LIMIT 1").flatMap { $0["keyId"] as String? }
        }
    }

    /// The newest entry's id and hash, to note as an anchor (nil for an empty trail).
    public func auditHead() async throws -> AuditTrailHead? {
        try await read { db in try ParkDatabase.auditHead(db) }
    }

    /// The audit trail's head of the database file at `path`, opened read-only (a backup about
    /// to be restored, or the database it replaces); nil for an empty trail.
    public static func auditHead(path: String) throws -> AuditTrailHead? {
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        defer { try? queue.close() }
        return try queue.read { db in try db.tableExists("auditEntry") ? auditHead(db) : nil }
    }

    /// The last entry the audit trails of the database files at `path` and `other` share (0 when
    /// they share none), both opened read-only. Each entry's hash covers the one before it, so
    /// two trails hold the same entries up to an id exactly when their hashes there are equal:
    /// the entry is found by halving. A database locked by another process is `StorageFailure.busy`.
    public static func sharedTrailHead(path: String, other: String) throws -> Int64 {
        try readingOnly(path) { mine in
            try readingOnly(other) { theirs in
                func hash(_ db: Database, _ id: Int64) throws -> String? {
                    try db.tableExists("auditEntry") ? String.fetchOne(db, sql: "SELECT hash FROM auditEntry WHERE id = ?", arguments: [id]) : nil
                }
                let mineHead = try mine.read { try auditHead($0)?.id } ?? 0
                let theirHead = try theirs.read { try auditHead($0)?.id } ?? 0
                var shared: Int64 = 0, unshared = min(mineHead, theirHead) + 1
                while unshared - shared > 1 {
                    let middle = shared + (unshared - shared) / 2
                    let (a, b) = (try mine.read { try hash($0, middle) }, try theirs.read { try hash($0, middle) })
                    if let a, a == b { shared = middle } else { unshared = middle }
                }
                return shared
            }
        }
    }

    /// `body` on the database file at `path` opened read-only, closed after; a lock another
    /// process holds is `StorageFailure.busy`.
    private static func readingOnly<T>(_ path: String, _ body: (DatabaseQueue) throws -> T) throws -> T {
        do {
            var configuration = Configuration()
            configuration.readonly = true
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            defer { try? queue.close() }
            return try body(queue)
        } catch {
            throw StorageFailure.classify(error, databasePath: path) ?? error
        }
    }

    /// The changes the audit trail of the database file at `path` records after entry `id` (0:
    /// all of it), opened read-only; nil when it records none. Entries of the methods `besides`
    /// (those that leave the park's data as it was: a backup made, a log level set) and an
    /// earlier restore's own entry are not changes: restoring the same copy again undoes nothing.
    /// A tenant's submission taken and rejected (`rejected: …`) is one: its receipt is issued.
    public static func changes(path: String, after id: Int64, besides: [String] = []) throws -> LaterChanges? {
        let besides = besides + [restoreMethod]
        return try readingOnly(path) { queue in try queue.read { db -> LaterChanges? in
            guard try db.tableExists("auditEntry") else { return nil }
            let made = AuditEntryRecord.filter(AuditEntryRecord.Columns.id > id && !besides.contains(AuditEntryRecord.Columns.method))
                .filter(AuditEntryRecord.Columns.outcome == "ok" || AuditEntryRecord.Columns.outcome.like("ok:%")
                    || AuditEntryRecord.Columns.outcome.like("rejected:%"))
            guard let first = try made.order(AuditEntryRecord.Columns.id).fetchOne(db),
                  let last = try made.order(AuditEntryRecord.Columns.id.desc).fetchOne(db) else { return nil }
            // The same entries, counted by method, most first.
            let counts = try Row.fetchAll(db, made
                .select(AuditEntryRecord.Columns.method, count(AuditEntryRecord.Columns.id).forKey("changes"))
                .group(AuditEntryRecord.Columns.method)
                .order(Column("changes").desc, AuditEntryRecord.Columns.method))
            return LaterChanges(
                firstEntry: first.id, lastEntry: last.id, firstAt: first.at, lastAt: last.at,
                byMethod: counts.map { (method: $0["method"], count: $0["changes"]) })
        } }
    }

    private static func auditHead(_ db: Database) throws -> AuditTrailHead? {
        try AuditEntryRecord.order(AuditEntryRecord.Columns.id.desc).fetchOne(db).map { AuditTrailHead(id: $0.id, hash: $0.hash) }
    }
}

extension ParkDatabase {
    /// Records a call that changes nothing in the database: one refused before it reached the
    /// store, or one that changes the running daemon only (its log level).
    public func recordCall(_ call: AuditedCall, at instant: String, outcome: String) async throws {
        try await writeUnaudited { db in
            try ParkDatabase.appendAudit(db, call: call, at: instant, outcome: outcome, key: self.auditKey)
        }
    }

    /// Records the call of a change made outside the store (a log level, a backup file, a
    /// receipt written again) or refused before it reached the store: `ok`, or the outcome of
    /// `error` as the context words it. A context without a call (parkd's own work) records
    /// nothing.
    public func recordOutcome(of context: ChangeContext, refusedFor error: (any Error)? = nil) async throws {
        guard let call = context.call else { return }
        try await recordCall(call, at: context.at, outcome: error.map(context.outcome) ?? "ok")
        context.recorded?()
    }
}
