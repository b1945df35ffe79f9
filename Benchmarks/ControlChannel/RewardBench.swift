import Foundation
import ParkControl

/// `Reward.Run` through parkd: the inputs read from the database, every rule computed with its
/// explanation, the run stored; then `Reward.Verify` recomputing it from what it recorded. Each
/// period `rounds` times (a run of the same period and rules supersedes the draft before it), the
/// median printed beside the fastest and the slowest: one run moves by a fifth with the machine.
enum RewardBench {
    static let rounds = 5

    /// Durations of one step over the rounds, in order.
    struct Timings {
        let sorted: [Duration]

        init(_ durations: [Duration]) {
            sorted = durations.sorted()
        }

        /// `0.412 s (0.398-0.470)`: the median, then the fastest and the slowest.
        var text: String {
            func seconds(_ duration: Duration) -> String { String(format: "%.3f", ReportImportBench.seconds(duration)) }
            return "\(seconds(sorted[sorted.count / 2])) s (\(seconds(sorted[0]))-\(seconds(sorted[sorted.count - 1])))"
        }
    }

    struct Figures {
        let run: Timings
        let lines: Int
        let verify: Timings
    }

    static func run(socketPath: String, periods: [String]) async throws -> [(String, Figures)] {
        let clock = ContinuousClock()
        return try await VarlinkConnection.using(socketPath: socketPath) { connection in
            var results: [(String, Figures)] = []
            for period in periods {
                var runs: [Duration] = [], verifications: [Duration] = [], lines = 0
                for _ in 1...rounds {
                    let start = clock.now
                    let created = try await connection.call(RewardAPI.run, RewardAPI.Run(period: period, rules: nil))
                    runs.append(clock.now - start)
                    lines = created.run.lines
                    let verifyStart = clock.now
                    let verified = try await connection.call(RewardAPI.verify, RewardAPI.Verify(run: created.run.id))
                    guard verified.agrees else { throw BenchError("run \(created.run.id) does not verify") }
                    verifications.append(clock.now - verifyStart)
                }
                results.append((period, Figures(run: Timings(runs), lines: lines, verify: Timings(verifications))))
            }
            return results
        }
    }

    /// What issue 20 calls a run through the daemon: a year of monthly runs, each computed with
    /// its explanations and stored, one after the other. An evaluation is one rule for one
    /// tenant and one month (what `policy-bench` counts for the same scenario).
    struct Year {
        let elapsed: Duration
        let evaluations: Int
        let lines: Int
    }

    static func yearOfMonthlyRuns(socketPath: String, year: Int, tenants: Int) async throws -> Year {
        let clock = ContinuousClock()
        return try await VarlinkConnection.using(socketPath: socketPath) { connection in
            var elapsed = Duration.zero, evaluations = 0, lines = 0
            for month in 1...12 {
                let period = String(format: "%04d-%02d", year, month)
                let start = clock.now
                let created = try await connection.call(RewardAPI.run, RewardAPI.Run(period: period, rules: nil))
                elapsed += clock.now - start
                evaluations += tenants * created.run.rules.count
                lines += created.run.lines
            }
            return Year(elapsed: elapsed, evaluations: evaluations, lines: lines)
        }
    }
}
