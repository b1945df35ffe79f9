import Foundation
import GRDB
import ParkCore
import TableRow

/// A row of `reviewDecision`: a final decision on an application, never edited.
@TableRow
struct ReviewDecisionRecord: FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "reviewDecision"

    var id: Int64?
    var applicationId: Int64
    var reviewSessionId: Int64
    var tenantId: Int64?
    var verdict: String
    var outcome: String
    var scoreHundredths: Int
    var reasons: String
    var supersedes: Int64?
    /// JSON: each criterion's mean over the counted sheets, `[{"criterion": …, "hundredths": …}]`.
    var breakdown: String
    var decidedOn: String
    var recordedAt: String
    var recordedBy: String

    init(_ decision: ReviewDecision, session: Int64, tenant: Int64?, decidedOn: CivilDate, context: ChangeContext) {
        applicationId = decision.application
        reviewSessionId = session
        tenantId = tenant
        verdict = decision.verdict.rawValue
        outcome = decision.outcome.rawValue
        scoreHundredths = decision.scoreHundredths
        reasons = (try? StoredJSON.text(decision.reasons)) ?? "[]"
        supersedes = decision.supersedes
        breakdown = Self.encode(decision.breakdown)
        self.decidedOn = decidedOn.description
        recordedAt = context.at
        recordedBy = context.recordedBy
    }

    var decision: ReviewDecision {
        get throws {
            guard let verdict = ReviewDecision.Verdict(rawValue: verdict), let outcome = ReviewTally.Outcome(rawValue: outcome),
                  let reasons = try? JSONDecoder().decode([String].self, from: Data(reasons.utf8)),
                  let means = try? JSONDecoder().decode([Mean].self, from: Data(breakdown.utf8)) else {
                throw StoreError.unreadable("reviewDecision \(id ?? 0)", "a verdict, outcome or reasons")
            }
            return ReviewDecision(
                application: applicationId, verdict: verdict, outcome: outcome, scoreHundredths: scoreHundredths, reasons: reasons,
                supersedes: supersedes, breakdown: means.map { ReviewDecision.CriterionMean(criterion: $0.criterion, hundredths: $0.hundredths) })
        }
    }

    /// One entry of the `breakdown` column.
    private struct Mean: Codable {
        var criterion: String
        var hundredths: Int
    }

    private static func encode(_ breakdown: [ReviewDecision.CriterionMean]) -> String {
        let means = breakdown.map { Mean(criterion: $0.criterion, hundredths: $0.hundredths) }
        return (try? StoredJSON.text(means)) ?? "[]"
    }
}
