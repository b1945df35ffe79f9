import Foundation
import GRDB
import ParkPolicy
import TableRow

/// A row of `rewardLine`: what a run gives one tenant under one rule.
@TableRow
struct RewardLineRecord: FetchableRecord, PersistableRecord {
    static let databaseTableName = "rewardLine"

    var id: Int64?
    var rewardRunId: Int64
    var tenantId: Int64
    var creditCode: String
    var tenantName: String
    var rule: String
    var period: String
    var amountFen: Int64
    /// The explanation as JSON with sorted keys, as lines stored before compact explanations
    /// kept it; nil when a read leaves it out.
    var explanation: String?
    /// The explanation as `CompactExplanation.encoded`; nil when a read leaves it out.
    var compactExplanation: Data?
    /// A first amount (regular) or a difference from approved amounts (adjustment).
    var kind: String

    init(_ decided: DecidedRewardLine, runId: Int64) {
        let line = decided.line
        rewardRunId = runId
        tenantId = line.tenantID
        creditCode = line.creditCode
        tenantName = line.tenantName
        rule = line.rule
        period = line.period
        amountFen = line.fen
        explanation = nil
        compactExplanation = line.compactExplanation.map { Data($0.encoded) }
        kind = decided.kind.rawValue
    }

    var line: RewardLine {
        get throws {
            RewardLine(
                tenantID: tenantId, creditCode: creditCode, tenantName: tenantName, rule: rule, period: period, fen: amountFen,
                explanation: try readExplanation())
        }
    }

    /// The explanations the columns hold, compact or (stored before) JSON.
    static let explanationColumns = [Columns.explanation.name, Columns.compactExplanation.name]

    private func readExplanation() throws -> CompactExplanation? {
        if let compactExplanation { return try Self.read(compactExplanation, line: id ?? 0) }
        do {
            return try explanation.map { CompactExplanation(try JSONDecoder().decode(Explanation.self, from: Data($0.utf8))) }
        } catch {
            throw StoreError.unreadable("rewardLine \(id ?? 0)", "its explanation")
        }
    }

    /// A line's stored compact explanation, checked.
    static func read(_ compactExplanation: Data, line: Int64) throws -> CompactExplanation {
        do {
            return try CompactExplanation(encoded: compactExplanation)
        } catch {
            throw StoreError.unreadable("rewardLine \(line)", "its explanation")
        }
    }
}
