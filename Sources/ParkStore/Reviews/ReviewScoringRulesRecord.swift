import Foundation
import GRDB
import ParkCore
import TableRow

/// A row of `reviewScoringRules`: the rules a session's sheets are scored and closed by,
/// fixed at its first sheet (or at its close, when it has none).
@TableRow
struct ReviewScoringRulesRecord: FetchableRecord, PersistableRecord {
    static let databaseTableName = "reviewScoringRules"

    private struct StoredCriterion: Codable {
        var name: String
        var weightHalfPoints: Int
    }

    private struct StoredVeto: Codable {
        var name: String
        var description: String
    }

    var reviewSessionId: Int64
    var criteria: String
    var vetoes: String
    var thresholdHundredths: Int
    var fixedAt: String

    init(_ rules: ScoringRules, session: Int64, fixedAt: String) throws {
        reviewSessionId = session
        criteria = try StoredJSON.text(rules.criteria.map { StoredCriterion(name: $0.name, weightHalfPoints: $0.weight.halfPoints) })
        vetoes = try StoredJSON.text(rules.vetoes.map { StoredVeto(name: $0.name, description: $0.description) })
        thresholdHundredths = rules.thresholdHundredths
        self.fixedAt = fixedAt
    }

    var rules: ScoringRules {
        get throws {
            guard let criteria = try? JSONDecoder().decode([StoredCriterion].self, from: Data(criteria.utf8)),
                  let vetoes = try? JSONDecoder().decode([StoredVeto].self, from: Data(vetoes.utf8)) else {
                throw StoreError.unreadable("reviewScoringRules \(reviewSessionId)")
            }
            return ScoringRules(
                restoring: criteria.map { ScoringRules.Criterion(name: $0.name, weight: Score(halfPoints: $0.weightHalfPoints)) },
                vetoes: vetoes.map { ScoringRules.VetoItem(name: $0.name, description: $0.description) },
                thresholdHundredths: thresholdHundredths)
        }
    }
}
