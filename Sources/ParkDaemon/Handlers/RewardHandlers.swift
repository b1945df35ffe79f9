import Logging
import ParkControl
import ParkCore
import ParkPolicy
import ParkStore

/// `io.parkd.Reward`.
enum RewardHandlers {
    static func register(in table: inout MethodTable, database: ParkDatabase, policies: PolicyRegistry, logger: Logger) {
        table.add(RewardAPI.interface)

        table.register(RewardAPI.run) { request, call in
            let period = try RewardPeriod.parseEnded(request.period, today: call.state.today())
            if let rules = request.rules, rules.isEmpty { throw DomainError.invalid("rules", "name at least one rule, or leave rules out") }
            let book = try policies.bookForRun()
            let inputs = try await database.rewardInputs(throughYear: period.year)
            let (calculation, canonical) = try await ReportHandlers.onWorkerThread {
                (try book.calculate(period, inputs: inputs, rules: request.rules, explain: true), try inputs.canonical())
            }
            let run = try await database.createRewardRun(NewRewardRun(
                period: period.description, rules: calculation.rules, lines: calculation.lines,
                policyVersions: book.policies.map { ($0.id, $0.hash) }, inputs: canonical.json, inputsHash: canonical.hash),
                context: call.change())
            logger.notice("reward run created", metadata: NotableEvent.rewardRunCreated.metadata([
                "run": "\(run.id)", "period": "\(run.period)", "kind": "\(run.kind.rawValue)", "total": "\(Money(fen: run.totalFen))",
                "uid": "\(call.caller.uid)",
            ]))
            return RewardAPI.RunReply(run: wire(run))
        }

        table.register(RewardAPI.list) { request, _ in
            if let period = request.period { _ = try RewardPeriod.parse(period) }
            let normalised = try request.period.map { try RewardPeriod.parse($0).description }
            return RewardAPI.ListReply(runs: try await database.rewardRuns(period: normalised).map(wire))
        }

        table.register(RewardAPI.show) { request, _ in
            let run = try await database.rewardRun(request.run)
            var tenant: Int64?
            if let reference = request.tenant { tenant = try await database.tenant(TenantReference(reference)).id }
            let lines = try await database.rewardLines(run: run.id, tenant: tenant, explanations: request.explain ?? false)
            return RewardAPI.ShowReply(run: wire(run), lines: lines.map(wire))
        }

        table.register(RewardAPI.approve) { request, call in
            let run = try await database.approveRewardRun(request.run, context: call.change())
            logger.notice("reward run approved", metadata: NotableEvent.rewardRunApproved.metadata([
                "run": "\(run.id)", "period": "\(run.period)", "total": "\(Money(fen: run.totalFen))", "uid": "\(call.caller.uid)",
            ]))
            return RewardAPI.RunReply(run: wire(run))
        }

        table.register(RewardAPI.verify) { request, _ in
            try await verify(request.run, database: database)
        }
    }

    /// Recomputes a run from the inputs and policy versions it recorded and compares, line by
    /// line, to the fen. An adjustment is checked with the runs it corrects: together, for the
    /// adjustment's rules, they must give the recomputed amounts.
    static func verify(_ id: Int64, database: ParkDatabase) async throws -> RewardAPI.VerifyReply {
        let run = try await database.rewardRun(id)
        let json = try await database.rewardRunInputs(id)
        let inputsIntact = RewardInputs.hash(json) == run.inputsHash
        let versions = try await database.policyVersions(hashes: run.policyVersions.map(\.hash))
        let missing = run.policyVersions.filter { recorded in !versions.contains { $0.hash == recorded.hash } }
        guard missing.isEmpty else {
            throw RewardCalculationFailed("the policy versions \(missing.map { "\($0.policy)@\($0.hash.prefix(12))" }.joined(separator: ", ")) this run read are not stored")
        }
        let book = try PolicyBook(try versions.map { try PolicyLoader.load($0.source, fileName: $0.fileName) })
        let period = try RewardPeriod.parse(run.period)
        let inputs = try RewardInputs.decode(json)
        let recomputed = try await ReportHandlers.onWorkerThread {
            try book.calculate(period, inputs: inputs, rules: run.rules, explain: false)
        }
        struct Key: Hashable { let tenant: Int64, rule: String }
        var recorded: [Key: Int64] = [:]
        for line in try await database.rewardLines(run: id, explanations: false) {
            recorded[Key(tenant: line.tenantID, rule: line.rule), default: 0] += line.fen
        }
        for earlier in run.adjusts {
            for line in try await database.rewardLines(run: earlier, explanations: false) where run.rules.contains(line.rule) {
                recorded[Key(tenant: line.tenantID, rule: line.rule), default: 0] += line.fen
            }
        }
        var computed: [Key: Int64] = [:]
        for line in recomputed.lines { computed[Key(tenant: line.tenantID, rule: line.rule), default: 0] += line.fen }
        var differences: [RewardAPI.Difference] = []
        for key in Set(recorded.keys).union(computed.keys).sorted(by: { ($0.tenant, $0.rule) < ($1.tenant, $1.rule) }) {
            let was = recorded[key] ?? 0, now = computed[key] ?? 0
            if was != now {
                differences.append(RewardAPI.Difference(
                    tenant: key.tenant, rule: key.rule, recorded: Money(fen: was).description, recomputed: Money(fen: now).description))
            }
        }
        let current = try await database.rewardInputs(throughYear: period.year)
        let currentHash = try await ReportHandlers.onWorkerThread { try current.canonical().hash }
        return RewardAPI.VerifyReply(
            run: wire(run), agrees: inputsIntact && differences.isEmpty, inputsIntact: inputsIntact,
            checked: Set(recorded.keys).union(computed.keys).count, differences: differences, dataChanged: currentHash != run.inputsHash)
    }

    static func wire(_ run: StoredRewardRun) -> RewardAPI.RewardRun {
        RewardAPI.RewardRun(
            id: run.id, period: run.period, kind: run.kind.rawValue, status: run.status.rawValue, rules: run.rules,
            total: Money(fen: run.totalFen).description, lines: run.lineCount, adjusts: run.adjusts, inputsHash: run.inputsHash,
            policies: run.policyVersions.map { RewardAPI.PolicyVersion(id: $0.policy, hash: $0.hash) },
            createdAt: run.createdAt, createdBy: run.createdBy, approvedAt: run.approvedAt, approvedBy: run.approvedBy)
    }

    static func wire(_ line: RewardLine) -> RewardAPI.Line {
        RewardAPI.Line(
            tenant: line.tenantID, creditCode: line.creditCode, name: line.tenantName, rule: line.rule, period: line.period,
            amount: Money(fen: line.fen).description,
            explanation: line.explanation.map { explanation in
                RewardAPI.Explanation(
                    rule: explanation.rule, title: explanation.title, clause: explanation.clause, policy: explanation.policy,
                    policyDocument: explanation.policyDocument, period: explanation.period, amount: explanation.amount,
                    steps: explanation.steps.map {
                        RewardAPI.Step(kind: $0.kind.rawValue, name: $0.name, value: $0.value, source: $0.source, context: $0.context)
                    })
            })
    }
}

/// A run that cannot be computed or checked, in words for the administrator.
struct RewardCalculationFailed: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
