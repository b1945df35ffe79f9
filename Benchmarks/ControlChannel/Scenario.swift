import Foundation
import ParkControl

/// One workload: `connections` clients, each making sequential calls for a fixed wall time.
struct Scenario: Sendable {
    let name: String
    let connections: Int
    /// Makes one call. `serial` is unique across every call of every scenario, so writes can
    /// derive distinct credit codes from it without any shared counter between tasks.
    let call: @Sendable (_ connection: VarlinkConnection, _ serial: Int) async throws -> Void
}

/// What one scenario measured.
struct Measurement {
    let scenario: Scenario
    /// Latency of every call that started after the warm-up, in milliseconds, sorted.
    let latencies: [Double]
    /// From the end of the warm-up until the last measured call returned.
    let elapsed: Duration

    var roundTripsPerSecond: Double {
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return seconds > 0 ? Double(latencies.count) / seconds : 0
    }

    /// Nearest-rank percentile (`p` in 0...1) of the sorted latencies.
    func percentile(_ p: Double) -> Double {
        guard !latencies.isEmpty else { return .nan }
        let rank = Int((p * Double(latencies.count)).rounded(.up))
        return latencies[min(max(rank, 1), latencies.count) - 1]
    }
}

/// Runs scenarios one after another against one socket.
struct Runner {
    let socketPath: String
    let warmUp: Duration
    let duration: Duration
    /// The first serial the next scenario may use; advanced past every serial handed out.
    private(set) var nextSerial: Int

    init(socketPath: String, warmUp: Duration, duration: Duration, firstSerial: Int) {
        self.socketPath = socketPath
        self.warmUp = warmUp
        self.duration = duration
        self.nextSerial = firstSerial
    }

    /// What one client task brings back.
    private struct WorkerResult: Sendable {
        var latencies: [Duration] = []
        var calls = 0
        var lastFinish: ContinuousClock.Instant
    }

    mutating func run(_ scenario: Scenario) async throws -> Measurement {
        // Connect everyone first, so connection setup is neither timed nor staggering the start.
        var connections: [VarlinkConnection] = []
        do {
            for _ in 0..<scenario.connections {
                connections.append(try await VarlinkConnection.connect(socketPath: socketPath))
            }
        } catch {
            for connection in connections { await connection.close() }
            throw BenchError("\(scenario.name): cannot open connection \(connections.count + 1) of \(scenario.connections): \(error)")
        }

        // Shared deadlines: every task warms up until `measureFrom` and stops starting calls at `end`.
        let clock = ContinuousClock()
        let measureFrom = clock.now + warmUp
        let end = measureFrom + duration
        let firstSerial = nextSerial
        let stride = scenario.connections

        let results: [WorkerResult]
        do {
            results = try await withThrowingTaskGroup(of: WorkerResult.self) { group in
                for (index, connection) in connections.enumerated() {
                    group.addTask {
                        var result = WorkerResult(lastFinish: clock.now)
                        result.latencies.reserveCapacity(65_536)
                        while clock.now < end {
                            // Interleaved serials: task `index` uses firstSerial + index + k·stride.
                            let serial = firstSerial + index + result.calls * stride
                            let start = clock.now
                            do {
                                try await scenario.call(connection, serial)
                            } catch {
                                throw BenchError("\(scenario.name): call \(result.calls + 1) on connection \(index + 1) failed: \(error)")
                            }
                            let finish = clock.now
                            result.calls += 1
                            if start >= measureFrom {
                                result.latencies.append(finish - start)
                                result.lastFinish = finish
                            }
                        }
                        return result
                    }
                }
                var results: [WorkerResult] = []
                for try await result in group { results.append(result) }
                return results
            }
        } catch {
            for connection in connections { await connection.close() }
            throw error
        }
        for connection in connections { await connection.close() }

        nextSerial = firstSerial + stride * (results.map(\.calls).max() ?? 0)
        let latencies = results.flatMap(\.latencies).map(Self.milliseconds).sorted()
        let lastFinish = results.map(\.lastFinish).max() ?? measureFrom
        return Measurement(scenario: scenario, latencies: latencies, elapsed: lastFinish - measureFrom)
    }

    private static func milliseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1e3 + Double(duration.components.attoseconds) / 1e15
    }
}
