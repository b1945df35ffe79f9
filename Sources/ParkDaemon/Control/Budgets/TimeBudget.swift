import ParkControl
import Synchronization

/// Computations a caller can start with little input but much work (policy checks, tests
/// and simulations) get `limits.compute_seconds`: past it the caller is answered
/// `ComputeTimeExceeded` at once, whatever the computation is doing, and the computation,
/// cancelled, stops at its next tenant.
enum TimeBudget {
    static func run<Result: Sendable>(
        seconds: Int, method: String, _ work: @escaping @Sendable () async throws -> Result
    ) async throws -> Result {
        // On worker threads of its own, as an off-loop call runs: never on Swift's few cooperative
        // threads, which the deadline's wake-up and the rest of parkd need.
        let computation = Task(executorPreference: workers) { try await work() }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Result, any Error>) in
                let answer = FirstAnswer(continuation)
                Task {
                    do { answer.give(.success(try await computation.value)) } catch { answer.give(.failure(error)) }
                }
                Task {
                    try? await EventLoopSleep.sleep(for: .seconds(seconds))
                    computation.cancel()
                    answer.give(.failure(ServiceAPI.ComputeTimeExceeded(method: method, seconds: seconds)))
                }
            }
        } onCancel: {
            computation.cancel()
        }
    }

    private static let workers = WorkerThreads()

    /// The first of the computation's end and the deadline answers; the other finds the answer given.
    private final class FirstAnswer<Result: Sendable>: Sendable {
        private let pending: Mutex<CheckedContinuation<Result, any Error>?>

        init(_ continuation: CheckedContinuation<Result, any Error>) {
            pending = Mutex(continuation)
        }

        func give(_ result: Swift.Result<Result, any Error>) {
            pending.withLock { continuation in
                continuation?.resume(with: result)
                continuation = nil
            }
        }
    }
}
