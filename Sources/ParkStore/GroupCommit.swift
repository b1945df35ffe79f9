import GRDB
import Synchronization

/// Runs concurrent writes in shared transactions so that many writers pay for one fsync.
///
/// Each write runs in its own savepoint: one that throws is rolled back alone and the others
/// commit. Writes queue here; the first to arrive while nothing is committing schedules a
/// commit on the database's writer queue, which takes everything queued, commits it, answers
/// each caller and, if more writes queued meanwhile, schedules the next commit on the same
/// queue, where it follows at once (another job already waiting there, such as a checkpoint,
/// goes first). No caller waits for more than its own batch and the one before it, and the
/// writer goes from one batch to the next without waiting for a caller's thread to wake up.
final class GroupCommit: Sendable {
    private struct Queue: ~Copyable {
        var waiting: [any QueuedWrite] = []
        /// A commit is scheduled or running: a write that arrives now is taken by it or the next.
        var committing = false
    }

    private let writer: any DatabaseWriter
    private let queue = Mutex(Queue())
    /// Checked before each commit, which it refuses by throwing (the database file gone).
    private let beforeCommit: @Sendable () throws -> Void

    init(writer: any DatabaseWriter, beforeCommit: @escaping @Sendable () throws -> Void = {}) {
        self.writer = writer
        self.beforeCommit = beforeCommit
    }

    /// Runs `body` in a savepoint of a shared transaction and returns once that transaction is durable.
    func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        let write = Write(body)
        let first = queue.withLock { queue in
            queue.waiting.append(write)
            defer { queue.committing = true }
            return !queue.committing
        }
        if first { scheduleCommit() }
        return try await write.result()
    }

    /// Schedules, on the writer queue, a commit of what is queued when it runs; when nothing is,
    /// the next write to arrive schedules one.
    private func scheduleCommit() {
        writer.asyncWriteWithoutTransaction { db in
            let batch = self.queue.withLock { queue -> [any QueuedWrite] in
                if queue.waiting.isEmpty { queue.committing = false }
                defer { queue.waiting.removeAll() }
                return queue.waiting
            }
            guard !batch.isEmpty else { return }
            do {
                try db.inTransaction {
                    for write in batch { write.run(db) }
                    try self.beforeCommit()
                    return .commit
                }
                for write in batch { write.settle(failure: nil) }
            } catch {
                for write in batch { write.settle(failure: error) }
            }
            self.scheduleCommit()
        }
    }
}

/// A write waiting in the queue, whatever its result type.
private protocol QueuedWrite: AnyObject, Sendable {
    /// Runs inside the shared transaction; keeps its own result.
    func run(_ db: Database)
    /// The transaction is over: committed (nil) or failed with `failure`.
    func settle(failure: (any Error)?)
}

private final class Write<T: Sendable>: QueuedWrite {
    private struct State: ~Copyable {
        var result: Result<T, any Error>?
        var settled = false
        var waiter: CheckedContinuation<Void, Never>?
    }

    private let body: @Sendable (Database) throws -> T
    private let state = Mutex(State())

    init(_ body: @escaping @Sendable (Database) throws -> T) {
        self.body = body
    }

    func run(_ db: Database) {
        let result = db.attempt(body)
        state.withLock { $0.result = result }
    }

    func settle(failure: (any Error)?) {
        let waiter = state.withLock { state in
            if let failure, case .success = state.result { state.result = .failure(failure) }
            if state.result == nil { state.result = .failure(failure ?? CancellationError()) }
            state.settled = true
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume()
    }

    /// Waits until the transaction that ran the write is over, and returns the write's result.
    func result() async throws -> T {
        await withCheckedContinuation { continuation in
            let settled = state.withLock { state in
                if state.settled { return true }
                state.waiter = continuation
                return false
            }
            if settled { continuation.resume() }
        }
        return try state.withLock { state in try state.result!.get() }
    }
}
