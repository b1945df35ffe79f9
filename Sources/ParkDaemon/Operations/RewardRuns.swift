import Logging
import ParkCore
import ParkPolicy
import ParkStore

/// Computing, approving and verifying reward runs: what the admin channel's `io.parkd.Reward`
/// calls, and what the scheduled job that computes a run calls, so that both go through the same steps.
struct RewardRuns: Sendable {
    let database: ParkDatabase
    let policies: PolicyRegistry
    let logger: Logger
    /// Where a run's canonical inputs are written while it computes.
    private static let workers = WorkerThreads()

    /// Computes a period (limited to `rules` when given) with the policies in force and records
    /// it as a draft: the full amounts, or the differences from what was approved before.
    func run(_ period: RewardPeriod, rules: [String]?, by caller: String, context: ChangeContext) async throws -> StoredRewardRun {
        let book = try policies.bookForRun()
        let inputs = try await database.rewardInputs(throughYear: period.year)
        // The inputs' canonical JSON and hash do not depend on the calculation: written
        // meanwhile on another worker thread (for a large park each takes tens of milliseconds),
        // there whoever calls, as a task without that preference would run on an event loop.
        let writing = Task(executorPreference: Self.workers) { inputs.canonical() }
        let calculation = try book.calculate(period, inputs: inputs, rules: rules, explain: true)
        let canonical = await writing.value
        let run = try await database.createRewardRun(NewRewardRun(
            period: period.description, rules: calculation.rules, lines: calculation.lines,
            policyVersions: book.policies.map { ($0.id, $0.hash) }, inputs: canonical.json, inputsHash: canonical.hash),
            context: context)
        logger.notice("reward run created", metadata: NotableEvent.rewardRunCreated.metadata([
            "run": "\(run.id)", "period": "\(run.period)", "kind": "\(run.kind.rawValue)", "total": "\(Money(fen: run.totalFen))",
            "uid": "\(caller)",
        ]))
        return run
    }

    /// Approves a draft that still holds what the policies in force compute from the data as it
    /// is now (its period is computed again for that): from then on it is immutable, also in the
    /// database file. A rule of the draft that no policy in force computes for its period any
    /// more computes nothing now, so the draft no longer holds what they give.
    func approve(_ id: Int64, by caller: String, context: ChangeContext) async throws -> StoredRewardRun {
        // Never while a reload checks the approved runs against other policies, or puts them in force.
        let run = try await policies.changes.exclusively { [database, policies] in
            try await database.approveRewardRun(id, computing: { period, rules, inputs in
                let book = try policies.bookForRun()
                let computed = rules.filter(book.rules(for: period).contains)
                guard !computed.isEmpty else { return [] }
                return Array(try book.calculate(period, inputs: inputs, rules: computed, explain: false).lines)
            }, context: context)
        }
        logger.notice("reward run approved", metadata: NotableEvent.rewardRunApproved.metadata([
            "run": "\(run.id)", "period": "\(run.period)", "total": "\(Money(fen: run.totalFen))", "uid": "\(caller)",
        ]))
        return run
    }

    /// A run checked against its own recomputation, and whether the park's data has changed since.
    struct Verified: Sendable {
        let run: StoredRewardRun
        /// The inputs stored with the run still have the hash recorded when it was computed.
        let inputsIntact: Bool
        let verification: RewardRunVerification
        let dataChanged: Bool
        /// How the run differs from what the audit trail recorded when it was computed or
        /// approved; nil when it is as recorded, or no call recorded it (an earlier parkd's run).
        let unlikeRecorded: String?

        var agrees: Bool { inputsIntact && verification.agrees && unlikeRecorded == nil }
    }

    /// Recomputes a run from exactly the inputs and policy versions it recorded and compares it
    /// to the fen (an adjustment together with the runs it corrects).
    func verify(_ id: Int64) async throws -> Verified {
        let run = try await database.rewardRun(id)
        let json = try await database.rewardRunInputs(id)
        let versions = try await database.policyVersions(hashes: run.policyVersions.map(\.hash))
        let missing = run.policyVersions.filter { recorded in !versions.contains { $0.hash == recorded.hash } }
        guard missing.isEmpty else {
            throw RewardCalculationFailed("the policy versions \(missing.map { "\($0.policy)@\($0.hash.prefix(12))" }.joined(separator: ", ")) this run read are not stored")
        }
        let book = try PolicyBook(try versions.map { try PolicyLoader.load($0.source, fileName: $0.fileName) })
        let period = try RewardPeriod.parse(run.period)
        let recorded = try RewardInputs.decode(json)
        let recomputed = try book.calculate(period, inputs: recorded, rules: run.rules, explain: false)
        var corrected: [RewardLine] = []
        // What the adjustment was decided against: the corrected runs' lines that stood when it
        // was approved (approval decides it again, and refuses it if that changes its amounts),
        // or made, for a draft. An objection upheld since withdraws a line for the runs after it.
        let decidedAt = run.approvedAt ?? run.createdAt
        for earlier in run.adjusts { corrected += try await database.standingRewardLines(run: earlier, asOf: decidedAt) }
        let lines = try await database.rewardLines(run: id, explanations: false)
        let verification = RewardRunVerification(recorded: lines, corrected: corrected, rules: run.rules, recomputed: Array(recomputed.lines))
        let unlikeRecorded = try await database.recordedRun(id).flatMap { run.recorded(lines: lines).difference(from: $0) }
        let current = try await database.rewardInputs(throughYear: period.year)
        let inputsIntact = RewardInputs.hash(json) == run.inputsHash
        // Intact, the stored inputs are the canonical JSON of `recorded`: the park's data has
        // changed exactly when its inputs now differ from those, compared as values rather than
        // written out and hashed again (tens of megabytes for a large park). (As values, a name
        // retyped in another but canonically equivalent Unicode form is the same name.)
        let dataChanged = inputsIntact ? current != recorded : current.canonical().hash != run.inputsHash
        return Verified(run: run, inputsIntact: inputsIntact, verification: verification, dataChanged: dataChanged, unlikeRecorded: unlikeRecorded)
    }
}

/// A run that cannot be computed or checked, in words for the administrator.
struct RewardCalculationFailed: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
