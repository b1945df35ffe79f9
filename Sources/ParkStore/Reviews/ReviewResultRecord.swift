import Foundation
import GRDB
import TableRow

/// A row of `reviewResult`: one applicant's result, written once when its session closes.
@TableRow
struct ReviewResultRecord: FetchableRecord, PersistableRecord {
    static let databaseTableName = "reviewResult"

    var reviewSessionId: Int64
    var applicationId: Int64
    var eligible: Int
    var countedSheets: String
    var droppedSheets: String
    var scoreHundredths: Int?
    var outcome: String
    var closedAt: String

    init(session: Int64, application: Int64, eligible: Int, counted: [Int64], dropped: [Int64], scoreHundredths: Int?, outcome: String, closedAt: String) {
        reviewSessionId = session
        applicationId = application
        self.eligible = eligible
        countedSheets = ReviewResultRecord.ids(counted)
        droppedSheets = ReviewResultRecord.ids(dropped)
        self.scoreHundredths = scoreHundredths
        self.outcome = outcome
        self.closedAt = closedAt
    }

    var counted: [Int64] { get throws { try ReviewResultRecord.ids(countedSheets, row: self) } }
    var dropped: [Int64] { get throws { try ReviewResultRecord.ids(droppedSheets, row: self) } }

    private static func ids(_ ids: [Int64]) -> String { "[" + ids.map(String.init).joined(separator: ",") + "]" }

    private static func ids(_ text: String, row: ReviewResultRecord) throws -> [Int64] {
        guard let ids = try? JSONDecoder().decode([Int64].self, from: Data(text.utf8)) else {
            throw StoreError.unreadable("reviewResult \(row.reviewSessionId)/\(row.applicationId)")
        }
        return ids
    }
}
