import ParkCore

/// What putting other policies in force would do to a period whose amounts were approved: the
/// amounts of its approved rules that the proposed policies compute otherwise than those in
/// force, on the same data, and the approved rules they no longer compute. A policy file edited
/// or removed after money was approved under it would otherwise change that money silently,
/// through the next adjustment run (and an annual cap counts the earlier months as the new
/// policies compute them).
public struct ApprovedPeriodRepricing: Sendable, Equatable {
    public let period: RewardPeriod
    /// By tenant, then rule: the amount in force and the one proposed.
    public let changes: [PolicyComparison.TenantChange]
    /// Approved rules of the period that no proposed policy computes for it.
    public let rulesGone: [String]

    /// Nil when the proposed policies compute every approved rule of `period` to the fen as those
    /// in force do; a calculation that fails under the proposed policies is thrown.
    public static func check(
        _ period: RewardPeriod, approvedRules: Set<String>, inForce: PolicyBook, proposed: PolicyBook, inputs: PreparedInputs
    ) throws(PolicyRunError) -> ApprovedPeriodRepricing? {
        let computed = inForce.rules(for: period).filter(approvedRules.contains)
        guard !computed.isEmpty else { return nil }
        let available = Set(proposed.rules(for: period))
        let kept = computed.filter(available.contains)
        let now = try inForce.calculate(period, prepared: inputs, rules: computed, explain: false)
        let comparison: PolicyComparison
        if kept.isEmpty {
            comparison = try PolicyComparison(period: period, inForceRules: computed, inForce: now.lines, draftRules: [], draft: [RewardLine]())
        } else {
            comparison = try PolicyComparison(inForce: now, draft: try proposed.calculate(period, prepared: inputs, rules: kept, explain: false))
        }
        let gone = computed.filter { !available.contains($0) }
        guard !comparison.tenants.isEmpty || !gone.isEmpty else { return nil }
        return ApprovedPeriodRepricing(period: period, changes: comparison.tenants, rulesGone: gone)
    }

    /// One sentence: the period and what changes, the first `listed` amounts named.
    public func summary(listed: Int = 3) -> String {
        var parts = changes.prefix(listed).map { change in
            "tenant \(change.tenant) (\(change.name)) \(change.rule) \(change.inForce) → \(change.draft)"
        }
        if changes.count > listed { parts.append("\(changes.count - listed) more amount\(changes.count - listed == 1 ? "" : "s")") }
        if !rulesGone.isEmpty { parts.append("no policy computes \(rulesGone.joined(separator: ", ")) any more") }
        return "\(period): " + parts.joined(separator: "; ")
    }
}
