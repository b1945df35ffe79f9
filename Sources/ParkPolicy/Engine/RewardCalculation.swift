import ParkCore

/// What one tenant is owed under one rule for one period.
public struct RewardLine: Sendable, Equatable, Codable {
    public var tenantID: Int64
    public var creditCode: String
    public var tenantName: String
    public var rule: String
    public var period: String
    public var fen: Int64
    public var explanation: Explanation? {
        get { explained?.explanation }
        set { explained = newValue.map(Explained.init) }
    }

    /// The explanation out of line: a run builds hundreds of thousands of lines, most without
    /// one, and a line holding its seven strings inline would be two and a half times larger.
    private var explained: Explained?

    private final class Explained: Sendable {
        let explanation: Explanation

        init(_ explanation: Explanation) {
            self.explanation = explanation
        }
    }

    private enum CodingKeys: String, CodingKey {
        case tenantID, creditCode, tenantName, rule, period, fen, explanation
    }

    public init(tenantID: Int64, creditCode: String, tenantName: String, rule: String, period: String, fen: Int64, explanation: Explanation?) {
        self.tenantID = tenantID
        self.creditCode = creditCode
        self.tenantName = tenantName
        self.rule = rule
        self.period = period
        self.fen = fen
        self.explanation = explanation
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            tenantID: try container.decode(Int64.self, forKey: .tenantID), creditCode: try container.decode(String.self, forKey: .creditCode),
            tenantName: try container.decode(String.self, forKey: .tenantName), rule: try container.decode(String.self, forKey: .rule),
            period: try container.decode(String.self, forKey: .period), fen: try container.decode(Int64.self, forKey: .fen),
            explanation: try container.decodeIfPresent(Explanation.self, forKey: .explanation))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(tenantID, forKey: .tenantID)
        try container.encode(creditCode, forKey: .creditCode)
        try container.encode(tenantName, forKey: .tenantName)
        try container.encode(rule, forKey: .rule)
        try container.encode(period, forKey: .period)
        try container.encode(fen, forKey: .fen)
        try container.encodeIfPresent(explanation, forKey: .explanation)
    }

    public static func == (a: RewardLine, b: RewardLine) -> Bool {
        a.tenantID == b.tenantID && a.creditCode == b.creditCode && a.tenantName == b.tenantName && a.rule == b.rule
            && a.period == b.period && a.fen == b.fen && a.explanation == b.explanation
    }
}

/// Inputs parsed and indexed once, ready for any number of runs: each tenant's profile, and
/// the same facts as columns for the columnar engine.
public struct PreparedInputs: Sendable {
    let profiles: [TenantProfile]
    let columns: ColumnarInputs
    /// What each tenant's lines name, side by side: building a run's lines then reads
    /// neighbouring memory instead of each tenant's facts.
    let named: [(id: Int64, creditCode: String, name: String)]

    public init(_ inputs: RewardInputs) throws(PolicyRunError) {
        var profiles: [TenantProfile] = []
        profiles.reserveCapacity(inputs.tenants.count)
        for facts in inputs.tenants { profiles.append(try TenantProfile(facts)) }
        self.profiles = profiles
        columns = ColumnarInputs(profiles)
        named = inputs.tenants.map { ($0.id, Self.copy($0.creditCode), Self.copy($0.name)) }
    }

    /// `text` in storage of its own, allocated next to the copies made before it: the facts'
    /// strings lie far apart, among each tenant's reports, and every line built retains its
    /// tenant's name.
    private static func copy(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes in
            String(unsafeUninitializedCapacity: bytes.count) { buffer in buffer.initialize(fromContentsOf: bytes) }
        }
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

    /// The same, on inputs prepared once for several runs. Without explanations, the rules the
    /// columnar engine plans are computed for all tenants at once (`ColumnarRun`), the others
    /// (and tenants whose values leave its range) tenant by tenant with exact rationals; with
    /// explanations, everything is computed the exact way. Both give the same amounts.
    public func calculate(
        _ period: RewardPeriod, prepared: PreparedInputs, rules selected: [String]? = nil, explain: Bool = true
    ) throws(PolicyRunError) -> RewardCalculation {
        try calculate(period, prepared: prepared, rules: selected, explain: explain, columnar: !explain)
    }

    /// The same, choosing the engine: `columnar` false computes every amount with the exact
    /// rationals only (the reference the columnar engine is checked against, and what
    /// `policy-bench` compares it with).
    public func calculate(
        _ period: RewardPeriod, prepared: PreparedInputs, rules selected: [String]?, explain: Bool, columnar: Bool
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
        guard let first = prepared.profiles.first else {
            return RewardCalculation(period: period, rules: chosen, lines: [], evaluations: 0)
        }
        // Each non-zero amount as a small record: budgets and the final choice of rules go by
        // the rule's position in `numbered`, and a `RewardLine` (strings, explanation) is built
        // once, for the amounts kept.
        var amounts: [ComputedAmount] = []
        amounts.reserveCapacity(prepared.profiles.count * 2)
        var explanations: [Explanation] = []
        // With the columnar engine, the exact one reads (and keeps) whole columns of the rules it
        // computes for every tenant: a year of monthly runs then computes each month once.
        let ledger = TenantLedger(profile: first, book: self, kept: columnar ? prepared.columns.memo : nil)
        // Each rule's column when the columnar engine computes it (`planned`; else the exact
        // way), and the tenants it leaves to the exact way (`broken`).
        var run: ColumnarRun?
        var columns: [[Int64]] = Array(repeating: [], count: numbered.count)
        var planned = [Bool](repeating: false, count: numbered.count)
        if columnar, !explain {
            let columnarRun = ColumnarRun(book: self, prepared: prepared)
            for position in numbered.indices {
                guard let column = try? columnarRun.column(numbered[position].number, period) else { continue }
                columns[position] = column
                planned[position] = true
            }
            run = columnarRun
        }
        let broken = run?.broken ?? Array(repeating: true, count: prepared.profiles.count)
        let everyRulePlanned = !planned.contains(false)
        // The columns the exact engine computes (rules not planned), kept for the runs after this one.
        var exactColumns = planned.map { run != nil && !$0 ? [Int64](repeating: 0, count: prepared.profiles.count) : [] }
        for (tenant, profile) in prepared.profiles.enumerated() {
            // A calculation given a time budget stops when its task is cancelled.
            if Task.isCancelled { throw PolicyRunError("stopped before it was complete: its task was cancelled") }
            if broken[tenant] || !everyRulePlanned { ledger.start(profile, lane: tenant) }
            for position in numbered.indices {
                if !broken[tenant], planned[position] {
                    let fen = columns[position][tenant]
                    if fen != 0 { amounts.append(ComputedAmount(tenant: tenant, rule: position, fen: fen, explanation: nil)) }
                    continue
                }
                let computed = try ledger.compute(numbered[position].number, in: period, explain: explain)
                if !exactColumns[position].isEmpty { exactColumns[position][tenant] = computed.fen }
                guard computed.fen != 0 else { continue }
                var explanation: Int?
                if explain, let policy = computed.policy {
                    let rule = numbered[position].id, definition = policy.rule(rule)!
                    explanation = explanations.count
                    explanations.append(Explanation(
                        rule: rule, title: definition.title, clause: definition.clause, policy: policy.id,
                        policyDocument: "\(policy.title) (\(policy.document))", period: periodText,
                        amount: Money(fen: computed.fen).description, steps: computed.steps))
                }
                amounts.append(ComputedAmount(tenant: tenant, rule: position, fen: computed.fen, explanation: explanation))
            }
        }
        for (position, column) in exactColumns.enumerated() where !column.isEmpty {
            prepared.columns.memo.keep(column, numbered[position].id, period, policies: policies)
        }
        let evaluations = ledger.computations + (run?.evaluations ?? 0)
        if let policy = policies.first(where: { $0.inForce.contains(period.end) }) {
            for budget in policy.budgets {
                let covered = numbered.map { budget.rules.contains($0.id) }
                try apply(budget, of: policy, to: &amounts, explanations: &explanations, covered: covered, period: period)
            }
        }
        let kept = numbered.map { chosen.contains($0.id) }
        var lines: [RewardLine] = []
        lines.reserveCapacity(amounts.count)
        let ruleIDs = numbered.map(\.id)
        for amount in amounts where amount.fen != 0 && kept[amount.rule] {
            let tenant = prepared.named[amount.tenant]
            lines.append(RewardLine(
                tenantID: tenant.id, creditCode: tenant.creditCode, tenantName: tenant.name, rule: ruleIDs[amount.rule],
                period: periodText, fen: amount.fen, explanation: amount.explanation.map { explanations[$0] }))
        }
        return RewardCalculation(period: period, rules: chosen, lines: lines, evaluations: evaluations)
    }

    /// A non-zero amount computed in a run: the tenant's position in the inputs, the rule's in
    /// the rules computed, and its explanation's position when explaining.
    private struct ComputedAmount {
        let tenant: Int
        let rule: Int
        var fen: Int64
        let explanation: Int?
    }

    /// Over budget, every amount of the budget's rules (`covered` by rule position) is scaled by
    /// budget ÷ total and rounded down to the fen, so the scaled amounts never add up to more
    /// than the budget; an amount may so become zero.
    private func apply(
        _ budget: PolicyBudget, of policy: Policy, to amounts: inout [ComputedAmount], explanations: inout [Explanation],
        covered: [Bool], period: RewardPeriod
    ) throws(PolicyRunError) {
        var total: Int64 = 0
        for amount in amounts where covered[amount.rule] {
            let (sum, overflow) = total.addingReportingOverflow(amount.fen)
            guard !overflow else { throw PolicyRunError("budget \(budget.id): \(ArithmeticError.overflow.description)") }
            total = sum
        }
        let limit = budget.amount(in: policy, on: period.end)
        let totalExact = Exact(fen: total)
        guard totalExact > limit, total > 0 else {
            for amount in amounts where covered[amount.rule] {
                guard let explanation = amount.explanation else { continue }
                explanations[explanation].steps.append(ExplanationStep(
                    kind: .result, name: "budget \(budget.id)",
                    value: "\(Money(fen: total)) yuan computed in all within \(Value.number(limit).described(as: .money)): not scaled",
                    source: policy.id, context: nil))
            }
            return
        }
        let ratio: Exact
        // Reduced once, so that scaling each amount keeps small denominators (no GCD per amount).
        do { ratio = try (limit / totalExact).reduced() } catch { throw PolicyRunError("budget \(budget.id): \(error.description)") }
        for index in amounts.indices where covered[amounts[index].rule] {
            let before = amounts[index].fen
            let after: Int64
            do {
                after = try (try Exact(fen: before) * ratio).fen(.down)
            } catch {
                throw PolicyRunError("budget \(budget.id): \(error.description)")
            }
            amounts[index].fen = after
            guard let explanation = amounts[index].explanation else { continue }
            explanations[explanation].amount = Money(fen: after).description
            explanations[explanation].steps.append(ExplanationStep(
                kind: .result, name: "budget \(budget.id)",
                value: "\(Money(fen: total)) yuan computed in all exceeds \(Value.number(limit).described(as: .money)): "
                    + "\(Money(fen: before)) × \(limit) ÷ \(Money(fen: total)) rounded down = \(Money(fen: after)) yuan",
                source: policy.id, context: nil))
        }
    }
}
