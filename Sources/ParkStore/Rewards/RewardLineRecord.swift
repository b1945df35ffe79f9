import Foundation
import GRDB
import ParkPolicy

/// A row of `rewardLine`: what a run gives one tenant under one rule.
struct RewardLineRecord: Codable, FetchableRecord, PersistableRecord {
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

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let rewardRunId = Column(CodingKeys.rewardRunId)
        static let tenantId = Column(CodingKeys.tenantId)
        static let creditCode = Column(CodingKeys.creditCode)
        static let tenantName = Column(CodingKeys.tenantName)
        static let rule = Column(CodingKeys.rule)
        static let period = Column(CodingKeys.period)
        static let amountFen = Column(CodingKeys.amountFen)
        static let explanation = Column(CodingKeys.explanation)
        static let compactExplanation = Column(CodingKeys.compactExplanation)
        static let kind = Column(CodingKeys.kind)
    }

    /// Reads the columns by name in code: Decodable costs about twice as much on reads of whole
    /// runs. A read that leaves the explanations out gets nil.
    init(row: Row) {
        id = row[Columns.id]
        rewardRunId = row[Columns.rewardRunId]
        tenantId = row[Columns.tenantId]
        creditCode = row[Columns.creditCode]
        tenantName = row[Columns.tenantName]
        rule = row[Columns.rule]
        period = row[Columns.period]
        amountFen = row[Columns.amountFen]
        explanation = row[Columns.explanation]
        compactExplanation = row[Columns.compactExplanation]
        kind = row[Columns.kind]
    }

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
