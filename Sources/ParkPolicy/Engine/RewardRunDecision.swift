import MemberwiseInit
import ParkCore

/// An approved run of a period as the next run of that period must see it: the rules it
/// covered and its lines (for the rules the next run computes).
@MemberwiseInit
public struct ApprovedRewardRun: Sendable, Equatable {
    public var id: Int64
    public var rules: [String]
    public var lines: [RewardLine]
}

/// A line of a new run and whether it is a first amount or a difference.
public struct DecidedRewardLine: Sendable, Equatable {
    public enum Kind: String, Sendable {
        /// The first amount for its tenant, rule and period: nothing approved covered them.
        case regular
        /// The difference from what approved runs hold for its tenant, rule and period.
        case adjustment
    }

    public var line: RewardLine
    public var kind: Kind
}

/// What a new run of a period stores: for each rule it computes, the amounts when no approved
/// run of the period covered that rule, else only the differences from everything approved for
/// each (tenant, rule, period) — whatever rules those approved runs were limited to.
public struct RewardRunDecision: Sendable, Equatable {
    public var lines: [DecidedRewardLine]
    /// The lines' sum, which `decide` checked stays within `Money.largest`.
    public var total: Money { Money(fen: lines.reduce(0) { $0 + $1.line.fen }) }
    /// The approved runs of the period that cover one of the run's rules: the ones it corrects.
    public var adjusts: [Int64]
    /// An adjustment when it corrects any approved run.
    public var isAdjustment: Bool { !adjusts.isEmpty }

    /// Decides a run from the amounts the policies compute now and the approved runs of the
    /// same period. A run that corrects approved runs but finds no difference is refused.
    public static func decide(
        period: String, rules: [String], computed: [RewardLine], approved: [ApprovedRewardRun]
    ) throws(RewardRunRefused) -> RewardRunDecision {
        let covering = approved.filter { run in run.rules.contains { rules.contains($0) } }
        let coveredRules = Set(covering.flatMap(\.rules)).intersection(rules)
        typealias Key = AmountsByTenantAndRule.Key
        var approvedFen: [Key: (fen: Int64, line: RewardLine, runs: [Int64])] = [:]
        for run in covering {
            for line in run.lines where coveredRules.contains(line.rule) && line.period == period {
                let key = Key(tenant: line.tenantID, rule: line.rule)
                let earlier = approvedFen[key]
                approvedFen[key] = ((earlier?.fen ?? 0) + line.fen, line, (earlier?.runs ?? []) + [run.id])
            }
        }
        var decided: [DecidedRewardLine] = []
        var computedKeys: Set<Key> = []
        for line in computed {
            guard coveredRules.contains(line.rule) else {
                decided.append(DecidedRewardLine(line: line, kind: .regular))
                continue
            }
            let key = Key(tenant: line.tenantID, rule: line.rule)
            computedKeys.insert(key)
            let already = approvedFen[key]
            guard line.fen != already?.fen ?? 0 else { continue }
            decided.append(DecidedRewardLine(line: difference(line, approved: already?.fen ?? 0, in: already?.runs ?? []), kind: .adjustment))
        }
        // What was approved and is no longer computed at all is taken back whole.
        for (key, entry) in approvedFen where !computedKeys.contains(key) && entry.fen != 0 {
            var reversal = entry.line
            reversal.fen = -entry.fen
            reversal.compactExplanation = nil
            decided.append(DecidedRewardLine(line: reversal, kind: .adjustment))
        }
        let adjusts = covering.map(\.id)
        if !adjusts.isEmpty && decided.isEmpty { throw .noDifferences(period: period, approved: adjusts) }
        decided.sort { ($0.line.tenantID, $0.line.rule) < ($1.line.tenantID, $1.line.rule) }
        guard Money.total(decided.map(\.line.fen)) != nil else { throw .totalTooLarge(period: period) }
        return RewardRunDecision(lines: decided, adjusts: adjusts)
    }

    /// Whether a draft may still be approved: it was computed against the approved runs it
    /// names in `adjusts`; any other approved run of the period covering one of its rules
    /// (approved since) would make its amounts count twice.
    public static func checkApprovable(
        run: Int64, period: String, rules: [String], adjusts: [Int64], approvedNow: [ApprovedRewardRun]
    ) throws(RewardRunRefused) {
        let covering = approvedNow.filter { other in other.rules.contains { rules.contains($0) } }.map(\.id)
        let since = covering.filter { !adjusts.contains($0) }
        guard since.isEmpty else { throw .outdated(run: run, period: period, approvedSince: since) }
    }

    /// Whether a draft still holds what a run of its period and rules would store now
    /// (`now`, decided over the same approved runs; empty when nothing is left to adjust): a
    /// report corrected or withdrawn, a lease changed or another policy in force since it was
    /// computed may change its amounts, and approving it would publish and pay what the data no
    /// longer gives. Refused with each amount that changed, by tenant and rule.
    public static func checkUnchanged(run: Int64, period: String, draft: [RewardLine], now: [RewardLine]) throws(RewardRunRefused) {
        let (drafted, current) = (AmountsByTenantAndRule(draft), AmountsByTenantAndRule(now))
        let changed = AmountsByTenantAndRule.differing(drafted, current)
        guard !changed.isEmpty else { return }
        throw .changed(run: run, period: period, changes: changed.map { key in
            "tenant \(key.tenant) \(key.rule): \(Money(fen: drafted[key])) in the draft, \(Money(fen: current[key])) now"
        })
    }

    private static func difference(_ line: RewardLine, approved: Int64, in runs: [Int64]) -> RewardLine {
        var difference = line
        let fen = line.fen - approved
        difference.fen = fen
        let approvedIn = runs.isEmpty ? "approved" : "approved in run \(runs.map(String.init).joined(separator: ", "))"
        difference.compactExplanation?.append(
            .result, name: "adjustment", value: "\(Money(fen: line.fen)) now less \(Money(fen: approved)) \(approvedIn) = \(Money(fen: fen)) yuan",
            source: nil)
        difference.compactExplanation?.setAmount(fen: fen)
        return difference
    }
}

/// A run that must not be stored or approved, because its amounts would count twice or
/// change nothing.
public enum RewardRunRefused: Error, Equatable, Sendable, CustomStringConvertible {
    /// Every rule computed was approved for the period and the data still gives the same amounts.
    case noDifferences(period: String, approved: [Int64])
    /// Runs covering the draft's rules were approved after it was computed.
    case outdated(run: Int64, period: String, approvedSince: [Int64])
    /// Its lines add up to more than the largest amount parkd holds.
    case totalTooLarge(period: String)
    /// The draft's amounts are no longer what the data and policies give (`changes`, each
    /// "tenant 3 PLACEMENT: 5200.00 in the draft, 0.00 now").
    case changed(run: Int64, period: String, changes: [String])
    /// The draft is not the run its computation recorded in the audit trail (`difference`): it
    /// was changed in the database file.
    case notAsRecorded(run: Int64, difference: String)

    public var description: String {
        switch self {
        case .noDifferences(let period, let approved):
            "the data still gives exactly what \(runs(approved)) approved for \(period); nothing to adjust"
        case .outdated(let run, let period, let since):
            "run \(run) was computed before \(runs(since)) of \(period) was approved; its amounts would count twice: compute the period again"
        case .totalTooLarge(let period):
            "the run of \(period) adds up to more than \(Money.largest) yuan, the largest amount parkd holds; check the policies' formulas"
        case .changed(let run, let period, let changes):
            "run \(run) of \(period) no longer holds what the data gives (\(changes.joined(separator: "; "))): compute the period again"
        case .notAsRecorded(let run, let difference):
            "run \(run) is not the run the audit trail recorded when it was computed (\(difference))"
        }
    }

    private func runs(_ ids: [Int64]) -> String {
        (ids.count == 1 ? "run " : "runs ") + ids.map(String.init).joined(separator: ", ")
    }
}
