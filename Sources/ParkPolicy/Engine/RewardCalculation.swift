import ParkCore

/// What one tenant is owed under one rule for one period.
public struct RewardLine: Sendable, Equatable, Codable {
    public var tenantID: Int64
    public var creditCode: String
    public var tenantName: String
    public var rule: String
    public var period: String
    public var fen: Int64
    public var explanation: Explanation?

    public init(tenantID: Int64, creditCode: String, tenantName: String, rule: String, period: String, fen: Int64, explanation: Explanation?) {
        self.tenantID = tenantID
        self.creditCode = creditCode
        self.tenantName = tenantName
        self.rule = rule
        self.period = period
        self.fen = fen
        self.explanation = explanation
    }
}

/// Inputs parsed and indexed once, ready for any number of runs.
public struct PreparedInputs: Sendable {
    let profiles: [TenantProfile]

    public init(_ inputs: RewardInputs) throws(PolicyRunError) {
        var profiles: [TenantProfile] = []
        profiles.reserveCapacity(inputs.tenants.count)
        for facts in inputs.tenants { profiles.append(try TenantProfile(facts)) }
        self.profiles = profiles
    }
}

/// The result of computing a period: a line per tenant and rule with a non-zero amount.
public struct RewardCalculation: Sendable {
    public let period: RewardPeriod
    public let rules: [String]
    public let lines: [RewardLine]
    /// Rule evaluations done: tenants × rules, plus the earlier periods caps and totals read.
    public let evaluations: Int
}

extension PolicyBook {
    /// Computes every tenant's amount under each rule of the period's run (or only `selected`),
    /// with budgets applied; explanations when `explain`.
    public func calculate(
        _ period: RewardPeriod, inputs: RewardInputs, rules selected: [String]? = nil, explain: Bool = true
    ) throws(PolicyRunError) -> RewardCalculation {
        try calculate(period, prepared: try PreparedInputs(inputs), rules: selected, explain: explain)
    }

    /// The same, on inputs prepared once for several runs.
    public func calculate(
        _ period: RewardPeriod, prepared: PreparedInputs, rules selected: [String]? = nil, explain: Bool = true
    ) throws(PolicyRunError) -> RewardCalculation {
        let available = rules(for: period)
        let chosen = selected ?? available
        for rule in chosen where !available.contains(rule) {
            let known = policies.contains { $0.rule(rule) != nil }
            throw PolicyRunError(known
                ? "rule \(rule) is not computed in a run of \(period): no policy in force then computes it in \(period.kind.rawValue)ly runs"
                : "unknown rule \(rule); the rules for \(period) are \(available.joined(separator: ", "))")
        }
        guard !available.isEmpty else { throw PolicyRunError("no policy in force computes anything for \(period)") }
        let budgets = period.kind == .year ? (policies.first { $0.inForce.contains(period.end) }?.budgets ?? []) : []
        let budgetRules = Set(budgets.flatMap(\.rules))
        let computedRules = available.filter { chosen.contains($0) || budgetRules.contains($0) }

        let numbered = computedRules.compactMap { id in ruleNumbers[id].map { (id: id, number: $0) } }
        let periodText = period.description
        var lines: [RewardLine] = []
        lines.reserveCapacity(prepared.profiles.count * 2)
        guard let first = prepared.profiles.first else {
            return RewardCalculation(period: period, rules: chosen, lines: [], evaluations: 0)
        }
        let ledger = TenantLedger(profile: first, book: self)
        for profile in prepared.profiles {
            let facts = profile.facts
            ledger.start(profile)
            for (rule, number) in numbered {
                let computed = try ledger.compute(number, in: period, explain: explain)
                guard computed.fen != 0 else { continue }
                let explanation = explain ? computed.policy.map { policy in
                    let definition = policy.rule(rule)!
                    return Explanation(
                        rule: rule, title: definition.title, clause: definition.clause, policy: policy.id,
                        policyDocument: "\(policy.title) (\(policy.document))", period: periodText,
                        amount: Money(fen: computed.fen).description, steps: computed.steps)
                } : nil
                lines.append(RewardLine(
                    tenantID: facts.id, creditCode: facts.creditCode, tenantName: facts.name, rule: rule,
                    period: periodText, fen: computed.fen, explanation: explanation))
            }
        }
        let evaluations = ledger.computations
        if let policy = policies.first(where: { $0.inForce.contains(period.end) }) {
            for budget in policy.budgets { try apply(budget, of: policy, to: &lines, period: period) }
        }
        let kept = Set(chosen)
        lines.removeAll { $0.fen == 0 || !kept.contains($0.rule) }
        return RewardCalculation(period: period, rules: chosen, lines: lines, evaluations: evaluations)
    }

    /// Over budget, every amount of the budget's rules is scaled by budget ÷ total and rounded
    /// down to the fen (so the scaled amounts never add up to more than the budget).
    private func apply(_ budget: PolicyBudget, of policy: Policy, to lines: inout [RewardLine], period: RewardPeriod) throws(PolicyRunError) {
        let covered = Set(budget.rules)
        let total = lines.reduce(Int64(0)) { covered.contains($1.rule) ? $0 + $1.fen : $0 }
        let limit = budget.amount(in: policy, on: period.end)
        let totalExact = Exact(fen: total)
        guard totalExact > limit, total > 0 else {
            for index in lines.indices where covered.contains(lines[index].rule) {
                lines[index].explanation?.steps.append(ExplanationStep(
                    kind: .result, name: "budget \(budget.id)",
                    value: "\(Money(fen: total)) yuan computed in all within \(Value.number(limit).described(as: .money)): not scaled",
                    source: policy.id, context: nil))
            }
            return
        }
        for index in lines.indices where covered.contains(lines[index].rule) {
            let before = lines[index].fen
            let after: Int64
            do {
                after = try (try (try Exact(fen: before) * limit) / totalExact).fen(.down)
            } catch {
                throw PolicyRunError("budget \(budget.id): \(error.description)")
            }
            lines[index].fen = after
            lines[index].explanation?.amount = Money(fen: after).description
            lines[index].explanation?.steps.append(ExplanationStep(
                kind: .result, name: "budget \(budget.id)",
                value: "\(Money(fen: total)) yuan computed in all exceeds \(Value.number(limit).described(as: .money)): "
                    + "\(Money(fen: before)) × \(limit) ÷ \(Money(fen: total)) rounded down = \(Money(fen: after)) yuan",
                source: policy.id, context: nil))
        }
    }
}
