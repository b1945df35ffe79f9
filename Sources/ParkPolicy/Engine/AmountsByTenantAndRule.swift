import ParkCore

/// Reward lines' amounts added up per tenant and rule: the grouping on which two sets of lines
/// (a draft and what the data gives now, the policies in force and a draft policy) are compared.
struct AmountsByTenantAndRule {
    struct Key: Hashable, Comparable {
        let tenant: Int64
        let rule: String

        static func < (a: Key, b: Key) -> Bool { (a.tenant, a.rule) < (b.tenant, b.rule) }
    }

    /// The amounts in fen, per tenant and rule.
    private(set) var fen: [Key: Int64] = [:]
    /// The last line of each tenant and rule, which names the tenant.
    private(set) var lines: [Key: RewardLine] = [:]

    init(_ lines: some Sequence<RewardLine>) {
        for line in lines {
            let key = Key(tenant: line.tenantID, rule: line.rule)
            fen[key, default: 0] += line.fen
            self.lines[key] = line
        }
    }

    /// The amount of a tenant under a rule, in fen; 0 when no line holds one.
    subscript(key: Key) -> Int64 { fen[key] ?? 0 }

    /// The tenants and rules whose amounts differ between `a` and `b`, by tenant then rule.
    static func differing(_ a: AmountsByTenantAndRule, _ b: AmountsByTenantAndRule) -> [Key] {
        Set(a.fen.keys).union(b.fen.keys).filter { a[$0] != b[$0] }.sorted()
    }
}
