import CSystemd
import Foundation
import Logging
import ParkCore
import ServiceLifecycle
import Synchronization

/// Takes tenants' submissions from the spool: scans `incoming/new` at start, on every
/// notification, after an overflow of the kernel's queue and on a timer, and takes every file
/// there through `TenantSubmissions`. Files are taken in batches so that their commits share
/// transactions (the store's group commit) and their receipts share the syncs of their
/// directories.
struct IntakeService: Service {
    let submissions: TenantSubmissions
    let config: IntakeConfig
    let counters: IntakeCounters
    let logger: Logger

    /// Files decided at once: their writes share the store's group commits.
    static let batchSize = 512

    func run() async throws {
        let spool = submissions.spool
        let uploaderGroup = Spool.groupID(config.uploaderGroup)
        if uploaderGroup == nil {
            logger.warning(
                "group \(config.uploaderGroup) (intake.uploader_group) does not exist: only root and parkd's own user may upload, and every other file is set aside; create it with systemd-sysusers Deploy/parkd.sysusers, or name an existing group",
                metadata: NotableEvent.groupMissing.metadata(["group": .array([.string(config.uploaderGroup)])]))
        }
        for shortfall in try spool.prepare(uploaderGroup: uploaderGroup) { logger.warning("\(shortfall)") }
        for shortfall in try spool.prepareOutboxes() { logger.warning("\(shortfall)") }
        // What a parkd stopped mid-write left: never renamed, so never a receipt nor a reason.
        removeStaleTemporaries()
        var lastSweep = time(nil)
        // Only the intake writes to archive/, and it has not started: every copy there is a stopped parkd's.
        DurableFile.removeTemporaries(in: spool.archive, olderThan: 0)
        let watch = try SpoolWatch(directory: spool.new)
        let (events, continuation) = AsyncStream.makeStream(of: SpoolWatch.Event.self, bufferingPolicy: .bufferingNewest(1))
        let counters = self.counters
        watch.start { event in
            if event == .overflow { counters.update { $0.overflows += 1 } }
            continuation.yield(event)
        }
        let uploaders = spool.outboxAccess.uploaders
        var schedule = IntakeSchedule(rescanSeconds: Double(config.rescanSeconds))
        logger.info("taking tenants' submissions from \(spool.new)")
        await withGracefulShutdownHandler {
            // The scan at start: whatever arrived while parkd was down, and what a crash left.
            continuation.yield(.timer)
            for await event in events {
                if event == .overflow {
                    logger.notice("the kernel's queue of spool events overflowed; scanning \(spool.new)")
                }
                let failure = await scan(uploaders: uploaders)
                // A parkd killed and restarted within the minute left temporary files younger
                // than that: swept again once a minute.
                if time(nil) - lastSweep >= Self.staleTemporarySeconds {
                    removeStaleTemporaries()
                    lastSweep = time(nil)
                }
                let (next, note) = schedule.scanned(failed: failure != nil)
                switch note {
                case .failing?:
                    logger.warning("the spool cannot be worked through; its files stay in incoming/new and are taken again after a back-off", metadata: [
                        "error": "\(failure.map { "\($0)" } ?? "")",
                    ])
                case .recovered(let after)?:
                    logger.notice("the spool is worked through again, after \(after) failed \(after == 1 ? "attempt" : "attempts")")
                case nil: break
                }
                watch.arm(seconds: next)
            }
        } onGracefulShutdown: {
            continuation.finish()
        }
        watch.stop()
    }

    /// Takes every file in `incoming/new`, removes old unfinished uploads; the first failure
    /// that left files behind, nil when none did. Batches overlap: while one batch's receipts
    /// and moves wait for the disk, the next batch is decided.
    func scan(uploaders: Uploaders) async -> (any Error)? {
        let spool = submissions.spool
        counters.update { $0.rescans += 1 }
        uploaders.forget()
        removeOldUploads()
        var failure = setAsideUndecodableNames()
        let names: [String]
        do {
            // Every entry, a dot file's too: whatever an uploader put in new/ is taken or set aside.
            names = try DurableFile.names(in: spool.new, dotFiles: true).sorted()
        } catch {
            return error
        }
        let directory = open(spool.new, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard directory >= 0 else { return SpoolFailure(path: spool.new, operation: "open", code: errno) }
        defer { close(directory) }
        var finishing: Task<(any Error)?, Never>?
        var start = 0
        while start < names.count {
            let batch = Array(names[start..<min(start + Self.batchSize, names.count)])
            start += batch.count
            let (decided, failed) = await decide(batch, in: directory, uploaders: uploaders)
            failure = failure ?? failed
            if let failed = await finishing?.value { failure = failure ?? failed }
            finishing = Task(executorPreference: Self.workers) { finish(decided) }
        }
        if let failed = await finishing?.value { failure = failure ?? failed }
        noteWaiting()
        return failure
    }

    /// Decides a batch of files at once, their commits sharing the store's transactions: each
    /// file's decision and signed receipt, and the first failure of the store (whose file is
    /// left in `new/`).
    private func decide(_ names: [String], in directory: Int32, uploaders: Uploaders) async -> ([Taken], (any Error)?) {
        let submissions = self.submissions, maxBytes = config.maxFileBytes, counters = self.counters
        let archive = submissions.spool.archive, held = HeldBytes(limit: Self.heldBytesPerBatch)
        return await withTaskGroup(of: Result<Taken, any Error>?.self) { group in
            for name in names {
                group.addTask(executorPreference: Self.workers) {
                    switch SpoolEntry.read(name, in: directory, maxBytes: maxBytes, mayUpload: uploaders.mayUpload) {
                    case .vanished:
                        return nil
                    case .refused(let reason, let identity):
                        let decided = TenantSubmissions.Decided(receipt: nil, quarantine: "refused: the entry " + reason, status: nil, fileDigest: nil)
                        return .success(Taken(name: name, decided: decided, identity: identity, archiveCopy: nil))
                    case .file(let file):
                        counters.update { $0.received += 1 }
                        do {
                            var decided = try await submissions.decide(file, uploader: uploaders.name(file.owner))
                            decided.fileDigest = ContentHash.sha256(file.bytes)
                            guard decided.quarantine == nil else {
                                return .success(Taken(name: name, decided: decided, identity: file.identity, archiveCopy: nil))
                            }
                            // The bytes wait for the batch's one writing thread, up to a budget;
                            // past it, the copy is written here.
                            let copy: ArchiveCopy
                            if held.take(file.bytes.count) {
                                copy = .bytes(file.bytes)
                            } else {
                                copy = .written(try DurableFile.writeTemporary(
                                    file.bytes, to: archive, name: Self.keptName(digest: decided.fileDigest, name: name), mode: 0o600))
                            }
                            return .success(Taken(name: name, decided: decided, identity: file.identity, archiveCopy: copy))
                        } catch {
                            return .failure(error)
                        }
                    }
                }
            }
            var taken: [Taken] = []
            var failure: (any Error)?
            for await result in group {
                switch result {
                case .success(let entry)?: taken.append(entry)
                case .failure(let error)?: failure = failure ?? error
                case nil: break
                }
            }
            return (taken, failure)
        }
    }

    /// A file of `incoming/new` decided: its name there, the decision, the entry that was
    /// looked at (nil when it could not be), which alone is moved out of `new/`, and, for a file
    /// to archive, the bytes that were read.
    private struct Taken: Sendable {
        let name: String
        let decided: TenantSubmissions.Decided
        let identity: SpoolEntry.Identity?
        let archiveCopy: ArchiveCopy?
    }

    /// The bytes of a file to archive, as read: held for the thread that finishes the batch, or
    /// already written to a temporary file in `archive/` (a batch holds at most
    /// `heldBytesPerBatch` in memory).
    private enum ArchiveCopy: Sendable {
        case bytes([UInt8])
        case written(String)
    }

    /// How many bytes of files to archive a batch holds in memory for its writing thread.
    static let heldBytesPerBatch = 64 << 20

    /// The bytes a batch holds, shared by its tasks.
    final class HeldBytes: Sendable {
        private let held = Atomic<Int>(0)
        private let limit: Int

        init(limit: Int) { self.limit = limit }

        /// Whether `count` more bytes may be held (they are counted as held when they may).
        func take(_ count: Int) -> Bool {
            let total = held.add(count, ordering: .relaxed).newValue
            guard total <= limit else {
                held.subtract(count, ordering: .relaxed)
                return false
            }
            return true
        }
    }

    /// Finishes a decided batch, on one thread (files created in a directory at once only queue
    /// on its lock): writes the receipts beside their names, makes them durable together (one
    /// syncfs), renames them into place and syncs the outboxes; only then moves the files out
    /// of `new/` and syncs the directories they left and entered. A crash before the moves
    /// finds the files still in `new/`, and the store answers each with the receipt it
    /// recorded. The first failure; a file whose receipt could not be written stays in `new/`,
    /// and one that cannot be moved does not keep the others of its batch there. A name in
    /// `new/` that now holds another file than the one read (renamed over it since) is left
    /// for the next scan: only the file that was taken leaves `new/`. A file archived is
    /// replaced there by parkd's copy of the bytes read (written with the receipts and made
    /// durable by the same syncfs): an uploader still holding its file open cannot change what
    /// was archived, nor one renaming another file over its name take it out of the archive. A
    /// copy not put in place (its receipt not written, its file left in `new/`) is removed.
    private func finish(_ decided: [Taken]) -> (any Error)? {
        let spool = submissions.spool
        var failure: (any Error)?
        var ready: [(entry: Taken, temporary: String?)] = []
        var copies: [String: String] = [:]
        defer { for copy in copies.values { unlink(copy) } }
        var outboxes: Set<String> = []
        for entry in decided {
            if case .written(let path)? = entry.archiveCopy { copies[entry.name] = path }
            guard let receipt = entry.decided.receipt else {
                ready.append((entry, nil))
                continue
            }
            let outbox = spool.outbox(receipt.creditCode)
            do {
                if !outboxes.contains(outbox) {
                    try spool.makeOutbox(receipt.creditCode)
                    outboxes.insert(outbox)
                }
                // The copy first: a file whose copy cannot be written stays in new/ (no receipt
                // is written for it), never archived as the uploader's own file.
                if case .bytes(let bytes)? = entry.archiveCopy {
                    let kept = Self.keptName(digest: entry.decided.fileDigest, name: entry.name)
                    copies[entry.name] = try DurableFile.writeTemporary(bytes, to: spool.archive, name: kept, mode: 0o600)
                }
                ready.append((entry, try DurableFile.writeTemporary(receipt.bytes, to: outbox, name: receipt.name)))
            } catch {
                failure = failure ?? error
            }
        }
        var renamed = 0
        do {
            if ready.contains(where: { $0.temporary != nil }) || !copies.isEmpty { try DurableFile.syncFilesystem(spool.outbox) }
            for (entry, temporary) in ready {
                guard let temporary, let receipt = entry.decided.receipt else { renamed += 1; continue }
                let path = spool.outbox(receipt.creditCode) + "/" + receipt.name
                guard rename(temporary, path) == 0 else {
                    throw SpoolFailure(path: path, operation: "rename", code: errno)
                }
                renamed += 1
            }
            for outbox in outboxes { try DurableFile.sync(directory: outbox) }
        } catch {
            // The batch is taken again after a back-off, and writes its receipts afresh: the
            // temporary files of this attempt go.
            for case (_, let temporary?) in ready.dropFirst(renamed) { unlink(temporary) }
            return failure ?? error
        }
        var quarantined = 0
        for (entry, _) in ready {
            let kept = Self.keptName(digest: entry.decided.fileDigest, name: entry.name)
            do {
                if entry.decided.quarantine != nil, Self.isUnmovableDirectory(spool.new + "/" + entry.name) {
                    // An uploader's directory parkd cannot move: removed when empty; else it
                    // stays, a failure of the scan (logged, retried with a back-off), and no
                    // reason is written for it, not even for a moment.
                    guard removeEmptyDirectory(entry.name) else {
                        throw SpoolFailure(path: spool.new + "/" + entry.name, operation: "rename", code: EACCES)
                    }
                } else if let reason = entry.decided.quarantine {
                    do throws(SpoolFailure) {
                        let setAside = try setAside(as: kept, reason: reason) { target throws(SpoolFailure) in
                            try takeOut(entry.name, to: target, read: entry.identity)
                        }
                        if setAside { quarantined += 1 }
                    } catch {
                        guard error.code == EACCES || error.code == EPERM, removeEmptyDirectory(entry.name) else { throw error }
                    }
                } else {
                    // The copy is archived whatever became of the uploader's file since it was
                    // read (its submission is recorded and answered): one renamed over its name
                    // goes back to new/, and a file removed is not missed.
                    let target = spool.archive + "/" + kept
                    try takeOut(entry.name, to: target, read: entry.identity)
                    if let copy = copies.removeValue(forKey: entry.name) { try DurableFile.move(copy, to: target) }
                }
            } catch {
                failure = failure ?? error
            }
        }
        counters.update { $0.quarantined += quarantined }
        do {
            try DurableFile.sync(directory: spool.archive)
            try DurableFile.sync(directory: spool.quarantine)
            try DurableFile.sync(directory: spool.new)
        } catch {
            failure = failure ?? error
        }
        return failure
    }

    /// Sets an entry aside in `quarantine/` as `name` (or `name.2`, … when taken), with
    /// `name.reason` saying why: `move` moves it to the path given, and says whether it did (an
    /// entry that is not the one read goes back, `takeOut`); whether it was set aside. An entry
    /// that cannot be moved leaves no reason behind: a scan after scan would otherwise write one
    /// more each time.
    private func setAside(
        as name: String, reason: String, moving move: (String) throws(SpoolFailure) -> Bool
    ) throws(SpoolFailure) -> Bool {
        let spool = submissions.spool
        let target = Self.freePath(spool.quarantine + "/" + name)
        let reasonName = (target as NSString).lastPathComponent + ".reason"
        try DurableFile.write(Array((reason + "\n").utf8), to: spool.quarantine, name: reasonName, mode: 0o600)
        let moved: Bool
        do throws(SpoolFailure) {
            moved = try move(target)
        } catch {
            unlink(spool.quarantine + "/" + reasonName)
            throw error
        }
        guard moved else {
            unlink(spool.quarantine + "/" + reasonName)
            return false
        }
        return true
    }

    /// Whether `path` is a directory parkd may not move to another parent: someone else's,
    /// parkd not being root (moving a directory needs write permission on it).
    static func isUnmovableDirectory(_ path: String) -> Bool {
        var info = stat()
        return geteuid() != 0 && lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR && info.st_uid != geteuid()
    }

    /// An uploader's directory in `new/` cannot be moved by parkd (moving a directory to another
    /// parent needs write permission on it, which its owner holds): removed when it is empty,
    /// as the owner of `new/` may; whether it was.
    private func removeEmptyDirectory(_ name: String) -> Bool {
        let path = submissions.spool.new + "/" + name
        var info = stat()
        guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR, rmdir(path) == 0 else { return false }
        logger.warning("an empty directory in incoming/new was removed: a directory is never a submission", metadata: [
            "name": "\(name)", "uid": "\(info.st_uid)",
        ])
        return true
    }

    /// Moves `name` out of `new/` to `target`, if it still holds the entry that was `read`
    /// (nil: whatever it holds); whether it did. The move comes first, as one step, and what it
    /// moved is looked at after: a file renamed over the name since (a second upload of the same
    /// name) was not read, and goes back into `new/` for the next scan — under its name, or
    /// `name~2`, … when yet another has taken that — never replacing one there.
    @discardableResult
    private func takeOut(_ name: String, to target: String, read: SpoolEntry.Identity?) throws(SpoolFailure) -> Bool {
        let spool = submissions.spool
        try DurableFile.move(spool.new + "/" + name, to: target)
        guard let read, let moved = SpoolEntry.Identity.of(target), moved != read else { return true }
        var back = spool.new + "/" + name
        var number = 1
        while park_rename_noreplace(target, back) != 0 {
            guard errno == EEXIST else { throw SpoolFailure(path: back, operation: "rename", code: errno) }
            number += 1
            back = spool.new + "/" + name + "~\(number)"
        }
        return false
    }

    /// Sets aside the entries of `incoming/new` whose names are not UTF-8: no submission can be
    /// taken under such a name, and read as text it would be repaired into a name no file has.
    /// Each goes to `quarantine/` as `name-not-utf8-` and the first 16 hex digits of the
    /// SHA-256 of its name's bytes. The first failure.
    private func setAsideUndecodableNames() -> (any Error)? {
        let spool = submissions.spool
        let names: [[UInt8]]
        do { names = try DurableFile.undecodableNames(in: spool.new) } catch { return error }
        var failure: (any Error)?
        for raw in names {
            do {
                _ = try setAside(
                    as: "name-not-utf8-" + String(ContentHash.sha256(raw).prefix(16)),
                    reason: "refused: the entry's name is not UTF-8 (\(raw.count) bytes); name a submission's file after its submission id"
                ) { target throws(SpoolFailure) in
                    try DurableFile.move(Array((spool.new + "/").utf8) + raw, to: target)
                    return true
                }
                counters.update { $0.quarantined += 1 }
            } catch {
                failure = failure ?? error
            }
        }
        if !names.isEmpty, failure == nil {
            do { try DurableFile.sync(directory: spool.quarantine); try DurableFile.sync(directory: spool.new) } catch { failure = error }
        }
        return failure
    }

    /// The name a file keeps in `archive/` or `quarantine/`: the first 16 hex digits of its
    /// digest, then its name, cut at a character (and marked `~`) so that with the `.2` of a
    /// second file of that name, `.reason` and a temporary file's dot, number and `.tmp` it
    /// stays well within the 255 bytes a file name may have. A name that begins with the
    /// prefix already (a file set aside, requeued, and set aside again) keeps one.
    static func keptName(digest: String?, name: String) -> String {
        let prefix = digest.map { String($0.prefix(16)) + "-" } ?? ""
        let name = !prefix.isEmpty && name.hasPrefix(prefix) ? String(name.dropFirst(prefix.count)) : name
        let limit = 200
        guard prefix.utf8.count + name.utf8.count > limit else { return prefix + name }
        var kept = ""
        var used = prefix.utf8.count + 1
        for character in name {
            guard used + character.utf8.count <= limit else { break }
            used += character.utf8.count
            kept.append(character)
        }
        return prefix + kept + "~"
    }

    /// How old a temporary receipt or reason is before it counts as a stopped parkd's: every
    /// one this parkd writes is renamed or removed within its batch.
    static let staleTemporarySeconds = 60

    /// Removes the temporary receipts in the outboxes, and reasons in `quarantine/`, that a
    /// parkd stopped mid-write left: never renamed, they were never a receipt nor a reason.
    private func removeStaleTemporaries() {
        let spool = submissions.spool
        for code in (try? DurableFile.names(in: spool.outbox)) ?? [] {
            DurableFile.removeTemporaries(in: spool.outbox(code), olderThan: Self.staleTemporarySeconds)
        }
        DurableFile.removeTemporaries(in: spool.quarantine, olderThan: Self.staleTemporarySeconds)
    }

    /// Removes files in `incoming/tmp` older than the configured age (abandoned uploads).
    private func removeOldUploads() {
        let spool = submissions.spool
        guard let names = try? DurableFile.names(in: spool.tmp, dotFiles: true) else { return }
        for path in DurableFile.removeOld(names, in: spool.tmp, olderThan: config.tmpMaxAgeSeconds) {
            logger.info("removed an unfinished upload older than \(config.tmpMaxAgeSeconds) s", metadata: ["file": "\(path)"])
        }
        // An uploader's directory as old, once empty (parkd does not go into someone else's).
        let limit = time(nil) - config.tmpMaxAgeSeconds
        for name in names {
            let path = spool.tmp + "/" + name
            var info = stat()
            guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR, info.st_mtim.tv_sec <= limit, rmdir(path) == 0 else { continue }
            logger.info("removed an empty directory older than \(config.tmpMaxAgeSeconds) s", metadata: ["directory": "\(path)"])
        }
    }

    /// Counts what is left in `incoming/new` and when the oldest arrived.
    private func noteWaiting() {
        let spool = submissions.spool
        let names = (try? DurableFile.names(in: spool.new, dotFiles: true)) ?? []
        var oldest: Int?
        for name in names {
            var info = stat()
            guard lstat(spool.new + "/" + name, &info) == 0 else { continue }
            oldest = min(oldest ?? Int.max, info.st_mtim.tv_sec)
        }
        counters.update {
            $0.waiting = names.count
            $0.oldestWaiting = oldest
        }
    }

    /// `path`, or `path.2`, `path.3`, … when it is taken: a quarantined entry never replaces another.
    private static func freePath(_ path: String) -> String {
        var info = stat()
        var candidate = path
        var number = 1
        while lstat(candidate, &info) == 0 || lstat(candidate + ".reason", &info) == 0 {
            number += 1
            candidate = path + ".\(number)"
        }
        return candidate
    }

    private static let workers = WorkerThreads()
}
