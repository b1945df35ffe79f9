import ParkCore
import ParkPolicy
import ParkStore

/// Keeps approved money as approved when the policy files change: before policies other than
/// those in force are put in force (a reload, or a start on files changed since parkd last ran),
/// the change is refused, unless `policies.reprice_approved` allows it (an amendment the city
/// made retroactive, when what it changes is only logged), if it
/// - rewrites a policy for the days approved periods were computed under (its rules,
///   definitions, budgets, days in force, or values dated then), removes it, or adds one in force
///   on those days (`RewrittenPolicy`), whatever the data now gives, as a later correction of a
///   report would then be priced by the new text; or
/// - computes an approved amount otherwise, on the data as it stands, every period with an
///   approved run computed under both (`ApprovedPeriodRepricing`), which names the amounts.
/// A new value of a policy takes effect from a day after the periods approved under the old one.
struct ApprovedAmountsGuard: Sendable {
    let database: ParkDatabase

    /// What a change of the policies does to approved periods.
    struct Findings: Sendable {
        var rewritten: [RewrittenPolicy] = []
        var repriced: [ApprovedPeriodRepricing] = []

        var isEmpty: Bool { rewritten.isEmpty && repriced.isEmpty }

        /// For the journal: what changes, in one line.
        var summary: String {
            (rewritten.map(\.summary) + repriced.map { $0.summary() }).joined(separator: " | ")
        }
    }

    /// What `proposed` would change of the approved periods; nothing when the two sets are the same files.
    func findings(_ proposed: PolicyBook, inForce: PolicyBook) async throws -> Findings {
        guard Set(proposed.policies.map(\.hash)) != Set(inForce.policies.map(\.hash)) else { return Findings() }
        var approvedRules: [RewardPeriod: Set<String>] = [:]
        for run in try await database.rewardRuns(period: nil) where run.status == .approved {
            approvedRules[try RewardPeriod.parse(run.period), default: []].formUnion(run.rules)
        }
        var findings = Findings(rewritten: RewrittenPolicy.find(inForce: inForce, proposed: proposed, approvedPeriods: Array(approvedRules.keys)))
        for year in Set(approvedRules.keys.map(\.year)).sorted() {
            let inputs = try PreparedInputs(try await database.rewardInputs(throughYear: year))
            let periods = approvedRules.keys.filter { $0.year == year }.sorted { ($0.start, $0.end) < ($1.start, $1.end) }
            for period in periods {
                if let change = try ApprovedPeriodRepricing.check(
                    period, approvedRules: approvedRules[period] ?? [], inForce: inForce, proposed: proposed, inputs: inputs) {
                    findings.repriced.append(change)
                }
            }
        }
        return findings
    }

    /// `findings`, with a failure to check it as the refusal of `proposed` read from `directory`.
    func check(_ proposed: PolicyBook, inForce: PolicyBook, directory: String) async throws(PolicyProblems) -> Findings {
        let changed = Self.changes(from: inForce, to: proposed)
        do {
            return try await findings(proposed, inForce: inForce)
        } catch let error as PolicyRunError {
            throw PolicyProblems([PolicyProblem(
                file: directory, position: nil,
                message: "\(changed): an approved period cannot be computed under the policies read (\(error.message)); the policies in force stay")])
        } catch {
            throw PolicyProblems([PolicyProblem(
                file: directory, position: nil,
                message: "\(changed): the approved runs could not be read to check the change (\(error)); the policies in force stay")])
        }
    }

    /// Refuses what `findings` (not empty) says: a problem for each policy rewritten, and one for
    /// the periods re-priced, naming the first three with their first amounts (as the policies in
    /// force and the files read compute them on today's data), and how many more.
    static func refusal(_ findings: Findings, inForce: PolicyBook, proposed: PolicyBook, directory: String) -> PolicyProblems {
        let remedy = "money approved is not changed by editing a policy: give the new value from a day after the periods approved, "
            + "or, for an amendment the city made retroactive, set policies.reprice_approved: true for this load"
        var problems = findings.rewritten.map { PolicyProblem(file: directory, position: nil, message: "\($0.summary); \(remedy)") }
        let repriced = findings.repriced
        if !repriced.isEmpty {
            let listed = 3
            let periods = repriced.count == 1
                ? "an approved period, "
                : "\(repriced.count) approved periods, \(repriced[0].period) to \(repriced[repriced.count - 1].period): "
            let named = repriced.prefix(listed).map { $0.summary() }.joined(separator: " | ")
                + (repriced.count > listed ? " | and \(repriced.count - listed) more periods" : "")
            problems.append(PolicyProblem(
                file: directory, position: nil,
                message: "\(changes(from: inForce, to: proposed)) re-prices \(periods)\(named) (in force → files read, on today's data); \(remedy)"))
        }
        return PolicyProblems(problems)
    }

    /// `P2021 changed (4ef9c0da0d25 → 1a2b3c4d5e6f), P2019 removed, P2027 added`.
    static func changes(from inForce: PolicyBook, to proposed: PolicyBook) -> String {
        let before = Dictionary(inForce.policies.map { ($0.id, $0.hash) }, uniquingKeysWith: { first, _ in first })
        let after = Dictionary(proposed.policies.map { ($0.id, $0.hash) }, uniquingKeysWith: { first, _ in first })
        var parts: [String] = []
        for (id, old) in before.sorted(by: { $0.key < $1.key }) {
            guard let hash = after[id] else { parts.append("\(id) removed"); continue }
            if hash != old { parts.append("\(id) changed (\(old.prefix(12)) → \(hash.prefix(12)))") }
        }
        parts += after.keys.sorted().filter { before[$0] == nil }.map { "\($0) added" }
        return parts.isEmpty ? "the policy files" : parts.joined(separator: ", ")
    }
}
