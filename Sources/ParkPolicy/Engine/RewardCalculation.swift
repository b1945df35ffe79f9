import ParkCore

/// What one tenant is owed under one rule for one period.
public struct RewardLine: Sendable, Equatable {
    public var tenantID: Int64
    public var creditCode: String
    public var tenantName: String
    public var rule: String
    public var period: String
    public var fen: Int64
    /// The explanation as recorded and stored: compact, typed steps.
    public var compactExplanation: CompactExplanation? {
        get { explained?.explanation }
        set { explained = newValue.map(Explained.init) }
    }

    /// The explanation as it is shown (formatted from the compact one at each read).
    public var explanation: Explanation? { compactExplanation?.formatted() }

    /// The explanation out of line: a run builds hundreds of thousands of lines, most without
    /// one, and a line holding its strings inline would be more than twice as large.
    private var explained: Explained?

    private final class Explained: Sendable {
        let explanation: CompactExplanation

        init(_ explanation: CompactExplanation) {
            self.explanation = explanation
        }
    }

    public init(
        tenantID: Int64, creditCode: String, tenantName: String, rule: String, period: String, fen: Int64, explanation: CompactExplanation?
    ) {
        self.tenantID = tenantID
        self.creditCode = creditCode
        self.tenantName = tenantName
        self.rule = rule
        self.period = period
        self.fen = fen
        compactExplanation = explanation
    }

    public static func == (a: RewardLine, b: RewardLine) -> Bool {
        a.tenantID == b.tenantID && a.creditCode == b.creditCode && a.tenantName == b.tenantName && a.rule == b.rule
            && a.period == b.period && a.fen == b.fen && a.compactExplanation == b.compactExplanation
    }
}

/// Inputs parsed and indexed once, ready for any number of runs: each tenant's profile, and
/// the same facts as columns for the columnar engine.
public struct PreparedInputs: Sendable {
    let tenants: [TenantFacts]
    let profiles: [TenantProfile]
    let columns: ColumnarInputs

    public init(_ inputs: RewardInputs) throws(PolicyRunError) {
        tenants = inputs.tenants
        var profiles: [TenantProfile] = []
        profiles.reserveCapacity(tenants.count)
        for position in tenants.indices { profiles.append(try TenantProfile(park: tenants, position: position)) }
        self.profiles = profiles
        columns = ColumnarInputs(profiles)
    }
}

/// The result of computing a period: a line per tenant and rule with a non-zero amount.
public struct RewardCalculation: Sendable {
    public let period: RewardPeriod
    public let rules: [String]
    public let lines: RewardLines
    /// Rule evaluations done: tenants × rules, plus the earlier periods caps and totals read.
    public let evaluations: Int
}

/// A run's lines, tenant by tenant in the order of the inputs, then by rule. Held as amounts
/// (tenant, rule, fen: 24 bytes each) beside what they name; a `RewardLine`, with its strings,
/// is made when it is read. A run of 100,000 tenants has hundreds of thousands of lines, and
/// summing or comparing them need not build them.
public struct RewardLines: RandomAccessCollection, Sendable, Equatable {
    /// A non-zero amount: the tenant's position in the inputs, the rule's in `rules`, and its
    /// explanation's position in `explanations` (−1: none).
    struct Amount {
        var fen: Int64
        let tenant: Int32
        let explanation: Int32
        let rule: Int16
    }

    let amounts: [Amount]
    let tenants: [TenantFacts]
    let rules: [String]
    let period: String
    let explanations: [CompactExplanation]

    public var startIndex: Int { 0 }
    public var endIndex: Int { amounts.count }

    public subscript(position: Int) -> RewardLine {
        let amount = amounts[position]
        let tenant = tenants[Int(amount.tenant)]
        return RewardLine(
            tenantID: tenant.id, creditCode: tenant.creditCode, tenantName: tenant.name, rule: rules[Int(amount.rule)],
            period: period, fen: amount.fen, explanation: amount.explanation < 0 ? nil : explanations[Int(amount.explanation)])
    }

    /// Σ of the amounts in fen, without making the lines; nil beyond Int64.
    public var totalFen: Int64? {
        var total: Int64 = 0
        for amount in amounts {
            let (sum, overflow) = total.addingReportingOverflow(amount.fen)
            guard !overflow else { return nil }
            total = sum
        }
        return total
    }

    public static func == (a: RewardLines, b: RewardLines) -> Bool {
        a.count == b.count && a.elementsEqual(b)
    }
}

extension PolicyBook {
    /// Computes every tenant's amount under each rule of the period's run (or only `selected`),
    /// with budgets applied; explanations when `explain`.
    public func calculate(
        _ period: RewardPeriod, inputs: RewardInputs, rules selected: [String]? = nil, explain: Bool = true
    ) throws(PolicyRunError) -> RewardCalculation {
        try calculate(period, prepared: try PreparedInputs(inputs), rules: selected, explain: explain)
    }

    /// The same, on inputs prepared once for several runs. The rules the columnar engine plans
    /// are computed for all tenants at once (`ColumnarRun`), the others (and tenants whose
    /// values leave its range) tenant by tenant with exact rationals. With explanations, each
    /// non-zero amount of a planned rule is computed again the exact way with its explanation
    /// (an amount of zero makes no line, so it needs none). Both ways give the same amounts.
    public func calculate(
        _ period: RewardPeriod, prepared: PreparedInputs, rules selected: [String]? = nil, explain: Bool = true
    ) throws(PolicyRunError) -> RewardCalculation {
        try calculate(period, prepared: prepared, rules: selected, explain: explain, columnar: true)
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
            let reason = known
                ? "rule \(rule) is not computed in a run of \(period): no policy in force then computes it in \(period.kind.rawValue)ly runs"
                : "unknown rule '\(rule)'; the rules for \(period) are \(available.joined(separator: ", "))"
            throw PolicyRunError(reason, field: "rules")
        }
        guard !available.isEmpty else { throw PolicyRunError("no policy in force computes anything for \(period)") }
        let budgets = period.kind == .year ? (policies.first { $0.inForce.contains(period.end) }?.budgets ?? []) : []
        let budgetRules = Set(budgets.flatMap(\.rules))
        let computedRules = available.filter { chosen.contains($0) || budgetRules.contains($0) }

        let numbered = computedRules.compactMap { id in number(of: id).map { (id: id, number: $0) } }
        let periodText = period.description
        guard let first = prepared.profiles.first else {
            return RewardCalculation(
                period: period, rules: chosen, lines: RewardLines(amounts: [], tenants: [], rules: [], period: periodText, explanations: []), evaluations: 0)
        }
        // Each non-zero amount as a small record: budgets and the final choice of rules go by
        // the rule's position in `numbered`; a `RewardLine` (strings, explanation) is made when
        // the calculation's lines are read.
        var amounts: [RewardLines.Amount] = []
        amounts.reserveCapacity(prepared.profiles.count * 2)
        var explanations: [CompactExplanation] = []
        // With the columnar engine, the exact one reads (and keeps) whole columns of the rules it
        // computes for every tenant: a year of monthly runs then computes each month once.
        let ledger = TenantLedger(profile: first, book: self, kept: columnar ? prepared.columns.memo : nil)
        // Each rule's column when the columnar engine computes it (`planned`; else the exact
        // way), and the tenants it leaves to the exact way (`broken`).
        var run: ColumnarRun?
        var columns: [[Int64]] = Array(repeating: [], count: numbered.count)
        var planned = [Bool](repeating: false, count: numbered.count)
        if columnar {
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
        for tenant in prepared.profiles.indices {
            // A calculation given a time budget stops when its task is cancelled.
            if Task.isCancelled { throw PolicyRunError("stopped before it was complete: its task was cancelled") }
            // (A profile is read only here: its tenant's amounts may all be in the columns.)
            if broken[tenant] || !everyRulePlanned || explain { ledger.start(prepared.profiles[tenant], lane: tenant) }
            for position in numbered.indices {
                if !broken[tenant], planned[position] {
                    let fen = columns[position][tenant]
                    guard fen != 0 else { continue }
                    if !explain {
                        amounts.append(RewardLines.Amount(fen: fen, tenant: Int32(tenant), explanation: -1, rule: Int16(position)))
                        continue
                    }
                }
                let computed = try ledger.compute(numbered[position].number, in: period, explain: explain)
                if !exactColumns[position].isEmpty { exactColumns[position][tenant] = computed.fen }
                guard computed.fen != 0 else { continue }
                var explanation: Int32 = -1
                if explain, let policy = computed.policy {
                    let rule = numbered[position].id, definition = policy.rule(rule)!
                    explanation = Int32(explanations.count)
                    explanations.append(CompactExplanation(
                        rule: rule, title: definition.title, clause: definition.clause, policy: policy.id,
                        policyDocument: policy.citation, period: periodText, fen: computed.fen, steps: computed.steps))
                }
                amounts.append(RewardLines.Amount(fen: computed.fen, tenant: Int32(tenant), explanation: explanation, rule: Int16(position)))
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
        if amounts.contains(where: { $0.fen == 0 || !kept[Int($0.rule)] }) {
            amounts.removeAll { $0.fen == 0 || !kept[Int($0.rule)] }
        }
        let lines = RewardLines(amounts: amounts, tenants: prepared.tenants, rules: numbered.map(\.id), period: periodText, explanations: explanations)
        return RewardCalculation(period: period, rules: chosen, lines: lines, evaluations: evaluations)
    }

    /// Over budget, every amount of the budget's rules (`covered` by rule position) is scaled by
    /// budget ÷ total and rounded down to the fen, so the scaled amounts never add up to more
    /// than the budget; an amount may so become zero.
    private func apply(
        _ budget: PolicyBudget, of policy: Policy, to amounts: inout [RewardLines.Amount], explanations: inout [CompactExplanation],
        covered: [Bool], period: RewardPeriod
    ) throws(PolicyRunError) {
        var total: Int64 = 0
        for amount in amounts where covered[Int(amount.rule)] {
            let (sum, overflow) = total.addingReportingOverflow(amount.fen)
            guard !overflow else { throw PolicyRunError("budget \(budget.id): \(ArithmeticError.overflow.description)") }
            total = sum
        }
        let limit = budget.amount(in: policy, on: period.end)
        let totalExact = Exact(fen: total)
        guard totalExact > limit, total > 0 else {
            for amount in amounts where covered[Int(amount.rule)] {
                guard amount.explanation >= 0 else { continue }
                explanations[Int(amount.explanation)].append(
                    .result, name: "budget \(budget.id)",
                    value: "\(Money(fen: total)) yuan computed in all within \(Value.number(limit), as: .money): not scaled",
                    source: "\(policy.id)")
            }
            return
        }
        let ratio: Exact
        // Reduced once, so that scaling each amount keeps small denominators (no GCD per amount).
        do { ratio = try (limit / totalExact).reduced() } catch { throw PolicyRunError("budget \(budget.id): \(error.description)") }
        for index in amounts.indices where covered[Int(amounts[index].rule)] {
            let before = amounts[index].fen
            let after: Int64
            do {
                after = try (try Exact(fen: before) * ratio).fen(.down)
            } catch {
                throw PolicyRunError("budget \(budget.id): \(error.description)")
            }
            amounts[index].fen = after
            let explanation = Int(amounts[index].explanation)
            guard explanation >= 0 else { continue }
            explanations[explanation].setAmount(fen: after)
            explanations[explanation].append(
                .result, name: "budget \(budget.id)",
                value: "\(Money(fen: total)) yuan computed in all exceeds \(Value.number(limit), as: .money): "
                    + "\(Money(fen: before)) × \(limit) ÷ \(Money(fen: total)) rounded down = \(Money(fen: after)) yuan",
                source: "\(policy.id)")
        }
    }
}
