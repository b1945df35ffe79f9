import Foundation
import Synchronization

/// One workload: `connections` clients, each making sequential calls for a fixed wall time.
struct Scenario: Sendable {
    let name: String
    let connections: Int
    /// The JSON of one call. `serial` is unique across every call of every scenario, so writes
    /// can derive distinct credit codes from it without any shared counter between clients.
    let message: @Sendable (_ serial: Int) throws -> [UInt8]
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

    /// What one client brings back.
    private struct WorkerResult: Sendable {
        var latencies: [Duration] = []
        var calls = 0
        var lastFinish: ContinuousClock.Instant
        var failure: String?
    }

    /// Each client runs on a thread of its own, blocked in the socket while parkd works, so
    /// that no client waits for another's turn on a shared event loop.
    mutating func run(_ scenario: Scenario) async throws -> Measurement {
        // Shared deadlines: every client warms up until `measureFrom` and stops starting calls at `end`.
        let clock = ContinuousClock()
        let measureFrom = clock.now + warmUp
        let end = measureFrom + duration
        let firstSerial = nextSerial
        let stride = scenario.connections

        let results = await withCheckedContinuation { (finished: CheckedContinuation<[WorkerResult], Never>) in
            let collected = Mutex<[WorkerResult]>([])
            let clients = DispatchGroup()
            for index in 0..<scenario.connections {
                clients.enter()
                Thread.detachNewThread { [socketPath] in
                    let result = Runner.drive(
                        socketPath: socketPath, index: index, scenario: scenario, clock: clock, measureFrom: measureFrom, end: end,
                        serials: (firstSerial, stride))
                    collected.withLock { $0.append(result) }
                    clients.leave()
                }
            }
            clients.notify(queue: .global()) {
                finished.resume(returning: collected.withLock { $0 })
            }
        }
        if let failure = results.compactMap(\.failure).first {
            throw BenchError(failure)
        }

        nextSerial = firstSerial + stride * (results.map(\.calls).max() ?? 0)
        let latencies = results.flatMap(\.latencies).map(Self.milliseconds).sorted()
        let lastFinish = results.map(\.lastFinish).max() ?? measureFrom
        return Measurement(scenario: scenario, latencies: latencies, elapsed: lastFinish - measureFrom)
    }

    /// One client: connects (within the warm-up, so setup is not timed), then calls, checks the
    /// reply and times it until `end`.
    private static func drive(
        socketPath: String, index: Int, scenario: Scenario, clock: ContinuousClock,
        measureFrom: ContinuousClock.Instant, end: ContinuousClock.Instant, serials: (first: Int, stride: Int)
    ) -> WorkerResult {
        var result = WorkerResult(lastFinish: clock.now)
        let connection: BlockingVarlinkConnection
        do {
            connection = try BlockingVarlinkConnection(socketPath: socketPath)
        } catch {
            result.failure = "\(scenario.name): cannot open connection \(index + 1) of \(scenario.connections): \(error)"
            return result
        }
        result.latencies.reserveCapacity(65_536)
        let decoder = JSONDecoder()
        while clock.now < end {
            // Interleaved serials: client `index` uses first + index + k·stride.
            let serial = serials.first + index + result.calls * serials.stride
            do {
                let message = try scenario.message(serial)
                let start = clock.now
                let reply = try connection.call(message)
                let finish = clock.now
                if let error = try decoder.decode(ReplyHeader.self, from: Data(reply)).error {
                    throw BenchError("parkd answered \(error)")
                }
                result.calls += 1
                if start >= measureFrom {
                    result.latencies.append(finish - start)
                    result.lastFinish = finish
                }
            } catch {
                result.failure = "\(scenario.name): call \(result.calls + 1) on connection \(index + 1) failed: \(error)"
                break
            }
        }
        return result
    }

    private static func milliseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1e3 + Double(duration.components.attoseconds) / 1e15
    }
}

/// What a client reads of every reply before counting the call: whether it is an error.
private struct ReplyHeader: Decodable {
    let error: String?
}
