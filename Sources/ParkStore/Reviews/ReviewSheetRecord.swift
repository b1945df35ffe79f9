import Foundation
import GRDB
import ParkCore
import TableRow

/// A row of `reviewSheet`: one version of a reviewer's sheet for one applicant.
@TableRow
struct ReviewSheetRecord: FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "reviewSheet"

    var id: Int64?
    var reviewSessionId: Int64
    var applicationId: Int64
    var uid: Int64
    var userName: String
    var version: Int
    var scores: String
    var vetoItem: String?
    var vetoReason: String?
    var salt: String
    var commitment: String
    var submittedAt: String

    init(_ sheet: ScoreSheet, session: Int64, version: Int, salt: String, commitment: String, submittedAt: String) throws {
        reviewSessionId = session
        applicationId = sheet.application
        uid = sheet.reviewer.uid
        userName = sheet.reviewer.name
        self.version = version
        scores = try StoredJSON.text(Dictionary(uniqueKeysWithValues: sheet.scores.map { ($0.criterion, $0.score.halfPoints) }))
        vetoItem = sheet.veto?.item
        vetoReason = sheet.veto?.reason
        self.salt = salt
        self.commitment = commitment
        self.submittedAt = submittedAt
    }

    /// The sheet, its scores in the order of `rules`' criteria (a criterion the rules do not
    /// know comes last, by name).
    func sheet(rules: ScoringRules) throws -> ScoreSheet {
        guard let halfPoints = try? JSONDecoder().decode([String: Int].self, from: Data(scores.utf8)) else {
            throw StoreError.unreadable("reviewSheet \(id ?? 0)")
        }
        let order = rules.criteria.map(\.name)
        let names = halfPoints.keys.sorted { (order.firstIndex(of: $0) ?? Int.max, $0) < (order.firstIndex(of: $1) ?? Int.max, $1) }
        let veto = vetoItem.map { ScoreSheet.Veto(item: $0, reason: vetoReason ?? "") }
        return ScoreSheet(
            restoring: applicationId, reviewer: Reviewer(uid: uid, name: userName),
            scores: names.map { ($0, Score(halfPoints: halfPoints[$0]!)) }, veto: veto)
    }
}
