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

        let numbered = computedRules.compactMap { id in number(of: id).map { (id: id, number: $0) } }
        let periodText = period.description
        var lines: [RewardLine] = []
        lines.reserveCapacity(prepared.profiles.count * 2)
        // By line, the position of its rule in `numbered`: budgets and the final choice of rules
        // go by it rather than by comparing rule names line after line.
        var lineRules: [Int] = []
        lineRules.reserveCapacity(lines.capacity)
        guard let first = prepared.profiles.first else {
            return RewardCalculation(period: period, rules: chosen, lines: [], evaluations: 0)
        }
        let ledger = TenantLedger(profile: first, book: self)
        for profile in prepared.profiles {
            ledger.start(profile)
            for position in numbered.indices {
                let computed = try ledger.compute(numbered[position].number, in: period, explain: explain)
                guard computed.fen != 0 else { continue }
                let rule = numbered[position].id
                let explanation = explain ? computed.policy.map { policy in
                    let definition = policy.rule(rule)!
                    return Explanation(
                        rule: rule, title: definition.title, clause: definition.clause, policy: policy.id,
                        policyDocument: "\(policy.title) (\(policy.document))", period: periodText,
                        amount: Money(fen: computed.fen).description, steps: computed.steps)
                } : nil
                lines.append(RewardLine(
                    tenantID: profile.id, creditCode: profile.facts.creditCode, tenantName: profile.facts.name, rule: rule,
                    period: periodText, fen: computed.fen, explanation: explanation))
                lineRules.append(position)
            }
        }
        let evaluations = ledger.computations
        var scaledToZero = false
        if let policy = policies.first(where: { $0.inForce.contains(period.end) }) {
            for budget in policy.budgets {
                let covered = numbered.map { budget.rules.contains($0.id) }
                if try apply(budget, of: policy, to: &lines, covered: { covered[lineRules[$0]] }, period: period) { scaledToZero = true }
            }
        }
        let kept = numbered.map { chosen.contains($0.id) }
        if scaledToZero || kept.contains(false) {
            lines = lines.indices.filter { lines[$0].fen != 0 && kept[lineRules[$0]] }.map { lines[$0] }
        }
        return RewardCalculation(period: period, rules: chosen, lines: lines, evaluations: evaluations)
    }

    /// Over budget, every amount of the budget's rules (the lines `covered` says by index) is
    /// scaled by budget ÷ total and rounded down to the fen (so the scaled amounts never add up
    /// to more than the budget). True when an amount was scaled down to nothing.
    private func apply(
        _ budget: PolicyBudget, of policy: Policy, to lines: inout [RewardLine], covered: (Int) -> Bool, period: RewardPeriod
    ) throws(PolicyRunError) -> Bool {
        var total: Int64 = 0
        for index in lines.indices where covered(index) {
            let (sum, overflow) = total.addingReportingOverflow(lines[index].fen)
            guard !overflow else { throw PolicyRunError("budget \(budget.id): \(ArithmeticError.overflow.description)") }
            total = sum
        }
        let limit = budget.amount(in: policy, on: period.end)
        let totalExact = Exact(fen: total)
        guard totalExact > limit, total > 0 else {
            for index in lines.indices where covered(index) {
                lines[index].explanation?.steps.append(ExplanationStep(
                    kind: .result, name: "budget \(budget.id)",
                    value: "\(Money(fen: total)) yuan computed in all within \(Value.number(limit).described(as: .money)): not scaled",
                    source: policy.id, context: nil))
            }
            return false
        }
        var scaledToZero = false
        let ratio: Exact
        // Reduced once, so that scaling each line keeps small denominators (no GCD per line).
        do { ratio = try (limit / totalExact).reduced() } catch { throw PolicyRunError("budget \(budget.id): \(error.description)") }
        for index in lines.indices where covered(index) {
            let before = lines[index].fen
            let after: Int64
            do {
                after = try (try Exact(fen: before) * ratio).fen(.down)
            } catch {
                throw PolicyRunError("budget \(budget.id): \(error.description)")
            }
            lines[index].fen = after
            if after == 0 { scaledToZero = true }
            lines[index].explanation?.amount = Money(fen: after).description
            lines[index].explanation?.steps.append(ExplanationStep(
                kind: .result, name: "budget \(budget.id)",
                value: "\(Money(fen: total)) yuan computed in all exceeds \(Value.number(limit).described(as: .money)): "
                    + "\(Money(fen: before)) × \(limit) ÷ \(Money(fen: total)) rounded down = \(Money(fen: after)) yuan",
                source: policy.id, context: nil))
        }
        return scaledToZero
    }
}
