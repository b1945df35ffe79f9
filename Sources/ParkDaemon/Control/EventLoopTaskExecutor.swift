import NIOCore

/// A task executor on one event loop: a call's task started there resumes there after it
/// suspends (a write waiting for its group commit), so the thread that finished the wait wakes
/// the event loop, which writes the reply, instead of waking a thread of the Swift concurrency
/// pool that then wakes the event loop.
final class EventLoopTaskExecutor: TaskExecutor {
    let eventLoop: any EventLoop

    init(_ eventLoop: any EventLoop) { self.eventLoop = eventLoop }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        eventLoop.execute { job.runSynchronously(on: executor) }
    }
}
