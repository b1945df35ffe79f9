import ParkControl

/// `Reward.Run` through parkd: the inputs read from the database, every rule computed with its
/// explanation, the run stored; then `Reward.Verify` recomputing it from what it recorded.
enum RewardBench {
    struct Figures {
        let run: Duration
        let lines: Int
        let verify: Duration
    }

    static func run(socketPath: String, periods: [String]) async throws -> [(String, Figures)] {
        let connection = try await VarlinkConnection.connect(socketPath: socketPath)
        let clock = ContinuousClock()
        var results: [(String, Figures)] = []
        do {
            for period in periods {
                let start = clock.now
                let created = try await connection.call(RewardAPI.run, RewardAPI.Run(period: period, rules: nil))
                let ran = clock.now - start
                let verifyStart = clock.now
                let verified = try await connection.call(RewardAPI.verify, RewardAPI.Verify(run: created.run.id))
                guard verified.agrees else { throw BenchError("run \(created.run.id) does not verify") }
                results.append((period, Figures(run: ran, lines: created.run.lines, verify: clock.now - verifyStart)))
            }
        } catch {
            await connection.close()
            throw error
        }
        await connection.close()
        return results
    }
}
