import ParkCore
import ParkPolicy
import ParkStore

/// Keeps approved money as approved when the policy files change: before policies other than
/// those in force are put in force (a reload, or a start on files changed since parkd last ran),
/// every period with an approved run is computed under both, on the data as it stands, and a
/// change that computes an approved amount otherwise is refused, naming the periods and the
/// amounts, unless `policies.reprice_approved` allows it (an amendment the city made
/// retroactive), when the periods it re-prices are only logged. A new value of a policy takes
/// effect from a day after the periods approved under the old one.
struct ApprovedAmountsGuard: Sendable {
    let database: ParkDatabase

    /// The periods that `proposed` would re-price; none when the two sets are the same files.
    func repricing(_ proposed: PolicyBook, inForce: PolicyBook) async throws -> [ApprovedPeriodRepricing] {
        guard Set(proposed.policies.map(\.hash)) != Set(inForce.policies.map(\.hash)) else { return [] }
        var approvedRules: [RewardPeriod: Set<String>] = [:]
        for run in try await database.rewardRuns(period: nil) where run.status == .approved {
            approvedRules[try RewardPeriod.parse(run.period), default: []].formUnion(run.rules)
        }
        var repriced: [ApprovedPeriodRepricing] = []
        for year in Set(approvedRules.keys.map(\.year)).sorted() {
            let inputs = try PreparedInputs(try await database.rewardInputs(throughYear: year))
            let periods = approvedRules.keys.filter { $0.year == year }.sorted { ($0.start, $0.end) < ($1.start, $1.end) }
            for period in periods {
                if let change = try ApprovedPeriodRepricing.check(
                    period, approvedRules: approvedRules[period] ?? [], inForce: inForce, proposed: proposed, inputs: inputs) {
                    repriced.append(change)
                }
            }
        }
        return repriced
    }

    /// The refusal of `proposed` read from `directory`: which policies change, and a problem a
    /// period re-priced (or that failed to compute under them).
    func check(_ proposed: PolicyBook, inForce: PolicyBook, directory: String) async throws(PolicyProblems) -> [ApprovedPeriodRepricing] {
        let changed = Self.changes(from: inForce, to: proposed)
        do {
            return try await repricing(proposed, inForce: inForce)
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

    /// Refuses `repriced` (not empty), the periods a change of the policies re-prices: one
    /// problem, naming the first three periods with their first amounts, and how many more.
    static func refusal(_ repriced: [ApprovedPeriodRepricing], inForce: PolicyBook, proposed: PolicyBook, directory: String) -> PolicyProblems {
        let listed = 3
        let periods = repriced.count == 1
            ? "an approved period, "
            : "\(repriced.count) approved periods, \(repriced[0].period) to \(repriced[repriced.count - 1].period): "
        let named = repriced.prefix(listed).map { $0.summary() }.joined(separator: " | ")
            + (repriced.count > listed ? " | and \(repriced.count - listed) more periods" : "")
        return PolicyProblems([PolicyProblem(
            file: directory, position: nil,
            message: "\(changes(from: inForce, to: proposed)) re-prices \(periods)\(named); money approved is not changed by editing a policy: "
                + "give the new value from a day after the periods approved, or, for an amendment the city made retroactive, set "
                + "policies.reprice_approved: true for this load")])
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
