import GRDB
import Synchronization

/// Runs concurrent writes in shared transactions so that many writers pay for one fsync.
///
/// Each write runs in its own savepoint: one that throws is rolled back alone and the others
/// commit. The first writer to arrive while nobody is committing becomes the leader: it commits
/// everything queued, then hands leadership to the first writer that queued meanwhile, so no
/// caller waits for more than its own batch and the one before it.
final class GroupCommit: Sendable {
    private struct Queue: ~Copyable {
        var waiting: [any QueuedWrite] = []
        var committing = false
    }

    private let writer: any DatabaseWriter
    private let queue = Mutex(Queue())

    init(writer: any DatabaseWriter) {
        self.writer = writer
    }

    /// Runs `body` in a savepoint of a shared transaction and returns once that transaction is durable.
    func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        let write = Write(body)
        var leading = queue.withLock { queue in
            queue.waiting.append(write)
            defer { queue.committing = true }
            return !queue.committing
        }
        while true {
            if leading {
                let batch = queue.withLock { queue in
                    defer { queue.waiting.removeAll() }
                    return queue.waiting
                }
                await commit(batch)
                let next = queue.withLock { queue -> (any QueuedWrite)? in
                    if queue.waiting.isEmpty { queue.committing = false }
                    return queue.waiting.first
                }
                next?.lead()
            }
            switch await write.outcome() {
            case .done(let result): return try result.get()
            case .lead: leading = true
            }
        }
    }

    private func commit(_ batch: [any QueuedWrite]) async {
        do {
            try await writer.write { db in
                for write in batch { write.run(db) }
            }
            for write in batch { write.settle(failure: nil) }
        } catch {
            for write in batch { write.settle(failure: error) }
        }
    }
}

/// A write waiting in the queue, whatever its result type.
private protocol QueuedWrite: AnyObject, Sendable {
    /// Runs inside the shared transaction; keeps its own result.
    func run(_ db: Database)
    /// The transaction is over: committed (nil) or failed with `failure`.
    func settle(failure: (any Error)?)
    /// Asks this write's caller to commit the next batch.
    func lead()
}

private final class Write<T: Sendable>: QueuedWrite {
    enum Outcome {
        case done(Result<T, any Error>)
        case lead
    }

    private struct State: ~Copyable {
        var result: Result<T, any Error>?
        var settled = false
        var leading = false
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

    func lead() {
        let waiter = state.withLock { state in
            state.leading = true
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume()
    }

    /// Waits until the write is settled or its caller must lead the next commit.
    func outcome() async -> Outcome {
        while true {
            let ready: Outcome? = state.withLock { state in
                if state.settled, let result = state.result { return .done(result) }
                if state.leading {
                    state.leading = false
                    return .lead
                }
                return nil
            }
            if let ready { return ready }
            await withCheckedContinuation { continuation in
                let resumeNow = state.withLock { state in
                    if state.settled || state.leading { return true }
                    state.waiter = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        }
    }
}
