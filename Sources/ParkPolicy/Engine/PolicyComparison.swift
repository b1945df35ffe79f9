import ParkCore

/// What a draft policy changes for a period, next to the policies in force: each tenant's
/// amount under each rule that differs, each rule's amounts all tenants together, and the
/// totals. Simulating a draft computes it; nothing is stored.
public struct PolicyComparison: Sendable, Equatable {
    /// A tenant's amount under a rule that the draft changes.
    public struct TenantChange: Sendable, Equatable {
        public let tenant: Int64
        public let creditCode: String
        public let name: String
        public let rule: String
        public let inForce: Money
        public let draft: Money
        public var difference: Money { draft - inForce }
    }

    /// A rule's amounts, every tenant's added up.
    public struct RuleChange: Sendable, Equatable {
        public let rule: String
        public let inForce: Money
        public let draft: Money
        /// The tenants whose amount under the rule the draft changes.
        public let tenants: Int
        public var difference: Money { draft - inForce }
    }

    public let period: RewardPeriod
    /// The rules of the policies in force for the period, then the draft's others.
    public let rules: [RuleChange]
    /// By tenant, then rule.
    public let tenants: [TenantChange]
    public let inForceTotal: Money
    public let draftTotal: Money

    /// Compares `draft`'s lines with `inForce`'s (nil when no policy in force has a rule for the
    /// period: a comparison with nothing). A sum past the largest amount parkd holds is refused,
    /// naming the rule or the policies whose amounts add up to it (each line is within it, a sum
    /// of many need not be).
    public init(inForce: RewardCalculation?, draft: RewardCalculation) throws(PolicyRunError) {
        try self.init(
            period: draft.period, inForceRules: inForce?.rules ?? [], inForce: inForce.map { Array($0.lines) } ?? [],
            draftRules: draft.rules, draft: draft.lines)
    }

    /// Compares the lines of two calculations of `period`, each with the rules it computed.
    init(
        period: RewardPeriod, inForceRules: [String], inForce: some Sequence<RewardLine>, draftRules: [String], draft: some Sequence<RewardLine>
    ) throws(PolicyRunError) {
        let now = AmountsByTenantAndRule(inForce)
        let proposed = AmountsByTenantAndRule(draft)
        var rules = inForceRules
        for rule in draftRules where !rules.contains(rule) { rules.append(rule) }
        tenants = AmountsByTenantAndRule.differing(now, proposed).compactMap { key in
            guard let line = proposed.lines[key] ?? now.lines[key] else { return nil }
            return TenantChange(
                tenant: key.tenant, creditCode: line.creditCode, name: line.tenantName, rule: key.rule,
                inForce: Money(fen: now[key]), draft: Money(fen: proposed[key]))
        }
        var changes: [RuleChange] = []
        for rule in rules {
            changes.append(RuleChange(
                rule: rule,
                inForce: try Self.total(now.fen.lazy.filter { $0.key.rule == rule }.map(\.value), of: "rule \(rule) under the policies in force"),
                draft: try Self.total(proposed.fen.lazy.filter { $0.key.rule == rule }.map(\.value), of: "rule \(rule) under the draft"),
                tenants: tenants.filter { $0.rule == rule }.count))
        }
        self.rules = changes
        self.period = period
        inForceTotal = try Self.total(now.fen.values, of: "the policies in force")
        draftTotal = try Self.total(proposed.fen.values, of: "the draft")
    }

    private static func total(_ fens: some Sequence<Int64>, of what: String) throws(PolicyRunError) -> Money {
        guard let total = Money.total(fens) else {
            throw PolicyRunError("the amounts of \(what) add up to more than \(Money.largest) yuan, the largest amount parkd holds; check the formulas")
        }
        return total
    }
}
