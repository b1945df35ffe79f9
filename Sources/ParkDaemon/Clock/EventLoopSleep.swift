import NIOCore
import NIOPosix

/// How parkd waits a while in a task: the health check's tick, a compute call's deadline.
enum EventLoopSleep {
    /// Sleeps on an event loop's timer, which wakes parkd once at the end. A pending
    /// `Task.sleep` does not: on Linux libdispatch's timer thread re-arms every second while one
    /// waits, so an idle parkd would wake once a second. Cancellation ends it with
    /// `CancellationError`, as `Task.sleep` does.
    static func sleep(for duration: Duration) async throws {
        let (seconds, attoseconds) = duration.components
        let scheduled = MultiThreadedEventLoopGroup.singleton.any()
            .scheduleTask(in: .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)) {}
        do {
            try await withTaskCancellationHandler {
                try await scheduled.futureResult.get()
            } onCancel: {
                scheduled.cancel()
            }
        } catch {
            throw CancellationError()
        }
    }
}
