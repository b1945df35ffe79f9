import Dispatch

/// Where a method's handler runs, declared where the method is registered.
enum MethodExecution: Sendable {
    /// On the connection's event loop, up to the handler's first suspension: a short read is
    /// answered within the socket read that brought it, with no thread hop.
    case onEventLoop
    /// On Dispatch's worker threads from its first line to its reply: parsing policies and files,
    /// computing and verifying runs. The event loop, which other connections share, stays free.
    case offEventLoop
}

/// A task executor on Dispatch's global queue, outside both the event loops and the Swift
/// concurrency pool, for handlers declared `.offEventLoop` (and for work an operation runs
/// beside its own, such as a reward run's canonical inputs).
final class WorkerThreads: TaskExecutor {
    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        DispatchQueue.global().async { job.runSynchronously(on: executor) }
    }
}
