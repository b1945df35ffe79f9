import Foundation
import GRDB
import ParkPolicy
import TableRow

/// A row of `rewardRun`; its lines live in `rewardLine`.
@TableRow
struct RewardRunRecord: FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "rewardRun"
    /// Runs are read without their inputs, which can be large; `rewardRunInputs` reads them alone.
    static var databaseSelection: [any SQLSelectable] { [.allColumns(excluding: [Columns.inputs.name])] }

    var id: Int64?
    var period: String
    var kind: String
    var status: String
    /// Comma-separated rule ids, in computing order.
    var rules: String
    /// Comma-separated POLICY=HASH pairs.
    var policyVersions: String
    var inputsHash: String
    /// The inputs as canonical JSON: nil when read (see `databaseSelection`).
    var inputs: Data?
    var totalFen: Int64
    var lineCount: Int
    /// Comma-separated ids of the approved runs an adjustment corrects.
    var adjusts: String
    var createdAt: String
    var createdBy: String
    var approvedAt: String?
    var approvedBy: String?

    /// A new draft of `run` as decided against the approved runs of its period.
    init(_ run: NewRewardRun, _ decision: RewardRunDecision, createdAt: String, createdBy: String) {
        period = run.period
        kind = (decision.isAdjustment ? StoredRewardRun.Kind.adjustment : .regular).rawValue
        status = StoredRewardRun.Status.draft.rawValue
        rules = run.rules.joined(separator: ",")
        policyVersions = run.policyVersions.map { "\($0.policy)=\($0.hash)" }.joined(separator: ",")
        inputsHash = run.inputsHash
        inputs = Data(run.inputs)
        totalFen = decision.total.fen
        lineCount = decision.lines.count
        adjusts = decision.adjusts.map(String.init).joined(separator: ",")
        self.createdAt = createdAt
        self.createdBy = createdBy
    }

    var run: StoredRewardRun {
        get throws {
            guard let id, let kind = StoredRewardRun.Kind(rawValue: kind), let status = StoredRewardRun.Status(rawValue: status) else {
                throw StoreError.unusable("rewardRun \(id ?? 0)", "holds a kind or status this parkd does not know")
            }
            let versions = policyVersions.split(separator: ",").map { pair in
                let parts = pair.split(separator: "=", maxSplits: 1)
                return (policy: String(parts[0]), hash: parts.count > 1 ? String(parts[1]) : "")
            }
            return StoredRewardRun(
                id: id, period: period, kind: kind, status: status, rules: rules.split(separator: ",").map(String.init),
                policyVersions: versions, inputsHash: inputsHash, totalFen: totalFen, lineCount: lineCount,
                adjusts: adjusts.split(separator: ",").compactMap { Int64($0) }, createdAt: createdAt, createdBy: createdBy,
                approvedAt: approvedAt, approvedBy: approvedBy)
        }
    }
}
