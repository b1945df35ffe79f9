import Foundation
import Logging
import ParkCore
import ServiceLifecycle

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
        try spool.prepare(uploaderGroup: Spool.groupID(config.uploaderGroup))
        for shortfall in try spool.prepareOutboxes() { logger.warning("\(shortfall)") }
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
        let names: [String]
        do {
            names = try DurableFile.names(in: spool.new).sorted()
        } catch {
            return error
        }
        let directory = open(spool.new, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard directory >= 0 else { return SpoolFailure(path: spool.new, operation: "open", code: errno) }
        defer { close(directory) }
        var failure: (any Error)?
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
    private func decide(_ names: [String], in directory: Int32, uploaders: Uploaders) async -> ([(String, TenantSubmissions.Decided)], (any Error)?) {
        let submissions = self.submissions, maxBytes = config.maxFileBytes, counters = self.counters
        return await withTaskGroup(of: (String, Result<TenantSubmissions.Decided, any Error>?).self) { group in
            for name in names {
                group.addTask(executorPreference: Self.workers) {
                    switch SpoolEntry.read(name, in: directory, maxBytes: maxBytes, mayUpload: uploaders.mayUpload) {
                    case .vanished:
                        return (name, nil)
                    case .refused(let reason):
                        return (name, .success(TenantSubmissions.Decided(receipt: nil, quarantine: "refused: the entry " + reason, status: nil, fileDigest: nil)))
                    case .file(let file):
                        counters.update { $0.received += 1 }
                        do {
                            var decided = try await submissions.decide(file, uploader: uploaders.name(file.owner))
                            decided.fileDigest = ContentHash.sha256(file.bytes)
                            return (name, .success(decided))
                        } catch {
                            return (name, .failure(error))
                        }
                    }
                }
            }
            var decided: [(String, TenantSubmissions.Decided)] = []
            var failure: (any Error)?
            for await (name, result) in group {
                switch result {
                case .success(let value)?: decided.append((name, value))
                case .failure(let error)?: failure = failure ?? error
                case nil: break
                }
            }
            return (decided, failure)
        }
    }

    /// Finishes a decided batch, on one thread (files created in a directory at once only queue
    /// on its lock): writes the receipts beside their names, makes them durable together (one
    /// syncfs), renames them into place and syncs the outboxes; only then moves the files out
    /// of `new/` and syncs the directories they left and entered. A crash before the moves
    /// finds the files still in `new/`, and the store answers each with the receipt it
    /// recorded. The first failure; a file whose receipt could not be written stays in `new/`.
    private func finish(_ decided: [(String, TenantSubmissions.Decided)]) -> (any Error)? {
        let spool = submissions.spool
        var failure: (any Error)?
        var ready: [(name: String, decided: TenantSubmissions.Decided, temporary: String?)] = []
        var outboxes: Set<String> = []
        for (name, value) in decided {
            guard let receipt = value.receipt else {
                ready.append((name, value, nil))
                continue
            }
            let directory = spool.outbox(receipt.creditCode)
            do {
                if !outboxes.contains(directory) {
                    try spool.makeOutbox(receipt.creditCode)
                    outboxes.insert(directory)
                }
                ready.append((name, value, try DurableFile.writeTemporary(receipt.bytes, to: directory, name: receipt.name)))
            } catch {
                failure = failure ?? error
            }
        }
        do {
            if ready.contains(where: { $0.temporary != nil }) { try DurableFile.syncFilesystem(spool.outbox) }
            for entry in ready {
                guard let temporary = entry.temporary, let receipt = entry.decided.receipt else { continue }
                let path = spool.outbox(receipt.creditCode) + "/" + receipt.name
                guard rename(temporary, path) == 0 else {
                    throw SpoolFailure(path: path, operation: "rename", code: errno)
                }
            }
            for outbox in outboxes { try DurableFile.sync(directory: outbox) }
            var quarantined = 0
            for (name, value, _) in ready {
                if let reason = value.quarantine {
                    let target = Self.freePath(spool.quarantine + "/" + (value.fileDigest.map { String($0.prefix(16)) + "-" } ?? "") + name)
                    try DurableFile.write(Array((reason + "\n").utf8), to: spool.quarantine, name: (target as NSString).lastPathComponent + ".reason", mode: 0o600)
                    try DurableFile.move(spool.new + "/" + name, to: target)
                    quarantined += 1
                } else {
                    try DurableFile.move(spool.new + "/" + name, to: spool.archive + "/" + String((value.fileDigest ?? "").prefix(16)) + "-" + name)
                }
            }
            counters.update { $0.quarantined += quarantined }
            try DurableFile.sync(directory: spool.archive)
            try DurableFile.sync(directory: spool.quarantine)
            try DurableFile.sync(directory: spool.new)
        } catch {
            failure = failure ?? error
        }
        return failure
    }

    /// Removes files in `incoming/tmp` older than the configured age (abandoned uploads).
    private func removeOldUploads() {
        let spool = submissions.spool
        guard let names = try? DurableFile.names(in: spool.tmp) else { return }
        let limit = time(nil) - config.tmpMaxAgeSeconds
        for name in names {
            var info = stat()
            let path = spool.tmp + "/" + name
            guard lstat(path, &info) == 0, info.st_mtim.tv_sec < limit, (info.st_mode & S_IFMT) != S_IFDIR else { continue }
            if unlink(path) == 0 {
                logger.info("removed an unfinished upload older than \(config.tmpMaxAgeSeconds) s", metadata: ["file": "\(path)"])
            }
        }
    }

    /// Counts what is left in `incoming/new` and when the oldest arrived.
    private func noteWaiting() {
        let spool = submissions.spool
        let names = (try? DurableFile.names(in: spool.new)) ?? []
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
