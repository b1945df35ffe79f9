import ParkControl

/// Computations a caller can start with little input but much work (policy checks, tests
/// and simulations) get `limits.compute_seconds`: past it the caller is answered
/// `ComputeTimeExceeded` at once, and the computation, cancelled, stops at its next tenant.
enum TimeBudget {
    static func run<Result: Sendable>(
        seconds: Int, method: String, _ work: @escaping @Sendable () async throws -> Result
    ) async throws -> Result {
        try await withThrowingTaskGroup(of: Result?.self) { group in
            group.addTask { try await work() }
            group.addTask {
                try await EventLoopSleep.sleep(for: .seconds(seconds))
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let result = first else {
                throw ServiceAPI.ComputeTimeExceeded(method: method, seconds: seconds)
            }
            return result
        }
    }
}
