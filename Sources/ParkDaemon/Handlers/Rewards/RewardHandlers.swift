import Logging
import ParkControl
import ParkCore
import ParkPolicy
import ParkStore

/// `io.parkd.Reward`.
enum RewardHandlers {
    static func register(in table: inout MethodTable, database: ParkDatabase, policies: PolicyRegistry, logger: Logger) {
        table.add(RewardAPI.interface)
        let runs = RewardRuns(database: database, policies: policies, logger: logger)

        table.register(RewardAPI.run, runs: .offEventLoop) { request, call in
            let period = try RewardPeriod.parseEnded(request.period, today: call.state.today())
            if let rules = request.rules, rules.isEmpty { throw DomainError.invalid("rules", "name at least one rule, or leave rules out") }
            let run = try await runs.run(period, rules: request.rules, by: "\(call.caller.uid)", context: call.change())
            return RewardAPI.RunReply(run: wire(run))
        }

        table.register(RewardAPI.list) { request, _ in
            let period = try request.period.map { try RewardPeriod.parse($0).description }
            return RewardAPI.ListReply(runs: try await database.rewardRuns(period: period).map(wire))
        }

        table.register(RewardAPI.get) { request, _ in
            let run = try await database.rewardRun(request.run)
            var tenant: Int64?
            if let reference = request.tenant { tenant = try await database.tenant(TenantReference(reference)).id }
            let explain = request.explain ?? false
            let limit = try DomainError.pageSize(request.limit, standard: explain ? 100 : 1000, maximum: 5000)
            let skipping = Int(try DomainError.cursor(request.after) ?? 0)
            let page = try await database.rewardLines(run: run.id, tenant: tenant, explanations: explain, limit: limit, skipping: skipping)
            return RewardAPI.GetReply(
                run: wire(run), lines: page.lines.map(wire), next: page.more ? String(skipping + page.lines.count) : nil)
        }

        table.register(RewardAPI.approve) { request, call in
            RewardAPI.RunReply(run: wire(try await runs.approve(request.run, by: "\(call.caller.uid)", context: call.change())))
        }

        table.register(RewardAPI.verify, runs: .offEventLoop) { request, _ in
            RewardAPI.VerifyReply(try await runs.verify(request.run))
        }
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

extension RewardAPI.VerifyReply {
    init(_ verified: RewardRuns.Verified) {
        self.init(
            run: RewardHandlers.wire(verified.run), agrees: verified.agrees, inputsIntact: verified.inputsIntact,
            checked: verified.verification.checked,
            differences: verified.verification.differences.map {
                RewardAPI.Difference(
                    tenant: $0.tenantID, rule: $0.rule, recorded: Money(fen: $0.recordedFen).description,
                    recomputed: Money(fen: $0.recomputedFen).description)
            },
            dataChanged: verified.dataChanged, unlikeRecorded: verified.unlikeRecorded)
    }
}
