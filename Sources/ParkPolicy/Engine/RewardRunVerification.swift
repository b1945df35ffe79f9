import MemberwiseInit
import ParkCore

/// A stored run compared, tenant by tenant and rule by rule, with the same period recomputed
/// from the inputs and policy versions the run recorded.
///
/// An adjustment is checked together with the runs it corrects: for the adjustment's rules,
/// their amounts added up must give what the recomputation gives. Amounts are compared to the fen.
public struct RewardRunVerification: Sendable, Equatable {
    /// A tenant and rule whose recorded amount differs from the recomputed one.
    @MemberwiseInit
    public struct Difference: Sendable, Equatable {
        public var tenantID: Int64
        public var rule: String
        public var recordedFen: Int64
        public var recomputedFen: Int64
    }

    /// How many tenant-rule amounts were compared.
    public let checked: Int
    /// In tenant, then rule order.
    public let differences: [Difference]

    public var agrees: Bool { differences.isEmpty }

    /// - Parameters:
    ///   - recorded: the run's own lines.
    ///   - corrected: the lines of the runs an adjustment corrects (empty for a regular run).
    ///   - rules: the rules the run covers; only these of `corrected` count.
    ///   - recomputed: the lines the recomputation gives.
    public init(recorded: [RewardLine], corrected: [RewardLine], rules: [String], recomputed: [RewardLine]) {
        struct Key: Hashable, Comparable {
            let tenant: Int64, rule: String
            static func < (a: Key, b: Key) -> Bool { (a.tenant, a.rule) < (b.tenant, b.rule) }
        }
        func sums(_ lines: [RewardLine]) -> [Key: Int64] {
            lines.reduce(into: [:]) { sums, line in sums[Key(tenant: line.tenantID, rule: line.rule), default: 0] += line.fen }
        }
        let covered = Set(rules)
        let was = sums(recorded + corrected.filter { covered.contains($0.rule) })
        let now = sums(recomputed)
        let keys = Set(was.keys).union(now.keys).sorted()
        checked = keys.count
        differences = keys.compactMap { key in
            let recordedFen = was[key] ?? 0, recomputedFen = now[key] ?? 0
            return recordedFen == recomputedFen
                ? nil : Difference(tenantID: key.tenant, rule: key.rule, recordedFen: recordedFen, recomputedFen: recomputedFen)
        }
    }
}
