import Foundation
import GRDB
import ParkCore

extension ParkDatabase {
    /// The rules the open session `reviewer` may score `application` in scores by: those fixed
    /// at its first sheet, or, before it has one, `configured`. Refused, as the sheet would be,
    /// when there is no such session (the reviewer on no open panel holding it, or conflicted):
    /// that is said before anything about the sheet itself.
    public func scoringRules(application: Int64, reviewer: Reviewer, configured: ScoringRules) async throws -> ScoringRules {
        try await read { db in
            let session = try ParkDatabase.scoringSession(db, application: application, reviewer: reviewer)
            guard let fixed = try ReviewScoringRulesRecord.fetchOne(db, key: session.id) else { return configured }
            return try fixed.rules
        }
    }

    /// Records a new version of a reviewer's own sheet: the application must sit on an open
    /// session whose panel holds the reviewer, who must not be conflicted with it. The rules
    /// are fixed on the session at its first sheet.
    public func submitSheet(
        _ sheet: ScoreSheet, rules: ScoringRules, salt: String, commitment: String, context: ChangeContext
    ) async throws -> StoredSheet {
        try await write(context) { db in
            let session = try ParkDatabase.scoringSession(db, application: sheet.application, reviewer: sheet.reviewer)
            if let fixed = try ReviewScoringRulesRecord.fetchOne(db, key: session.id) {
                guard try fixed.rules == rules else {
                    throw DomainError.invalid("criterion", "the scoring rules changed while this sheet was written; submit it again")
                }
            } else {
                try ReviewScoringRulesRecord(rules, session: session.id, fixedAt: context.at).insert(db)
            }
            let version = try ParkDatabase.nextVersion(db, table: ReviewSheetRecord.databaseTableName, session: session.id, sheet.application, sheet.reviewer.uid)
            var record = try ReviewSheetRecord(sheet, session: session.id, version: version, salt: salt, commitment: commitment, submittedAt: context.at)
            try record.insert(db)
            return StoredSheet(
                id: record.id!, session: session.id, sheet: sheet, version: version, submittedAt: context.at, salt: "", commitment: commitment)
        }
    }

    /// Records a new version of a reviewer's own dissent, under the same conditions as a sheet.
    public func submitDissent(_ dissent: Dissent, salt: String, commitment: String, context: ChangeContext) async throws -> StoredDissent {
        try await write(context) { db in
            let session = try ParkDatabase.scoringSession(db, application: dissent.application, reviewer: dissent.reviewer)
            let version = try ParkDatabase.nextVersion(
                db, table: ReviewDissentRecord.databaseTableName, session: session.id, dissent.application, dissent.reviewer.uid)
            var record = ReviewDissentRecord(dissent, session: session.id, version: version, salt: salt, commitment: commitment, submittedAt: context.at)
            try record.insert(db)
            return StoredDissent(session: session.id, dissent: dissent, version: version, submittedAt: context.at)
        }
    }

    /// Who has submitted a sheet for each applicant of a session, and who sits it out; nothing of what they scored.
    public func sheetSubmissions(session id: Int64) async throws -> SessionSubmissions {
        try await read { db in
            let stored = try ParkDatabase.loadReviewSession(db, id)
            let applicants = try stored.agenda.map { item in
                let submitted = Set(try Int64.fetchAll(db, sql: """
                    SELECT DISTINCT uid FROM reviewSheet WHERE reviewSessionId = ? AND applicationId = ?
                    """, arguments: [id, item.application]))
                let members = try stored.session.panel.members.map { member in
                    let conflicted = try ParkDatabase.conflicts(db, application: item.application, reviewer: member, on: stored.session.heldOn).isConflicted
                    let state: SessionSubmissions.State = conflicted ? .conflicted : submitted.contains(member.uid) ? .submitted : .notSubmitted
                    return SessionSubmissions.Member(reviewer: member, state: state)
                }
                return SessionSubmissions.Applicant(application: item, members: members)
            }
            return SessionSubmissions(session: stored, applicants: applicants)
        }
    }

    /// Closes an open session: for each applicant still awaiting review, a quorum of its
    /// non-conflicted reviewers must have submitted; the results are decided by `ReviewTally`
    /// and written once, and from then on the database refuses any change to the sheets.
    public func closeReviewSession(
        _ id: Int64, rules configured: ScoringRules, today: CivilDate, context: ChangeContext
    ) async throws -> SessionResults {
        try await write(context) { db in
            let stored = try ParkDatabase.loadReviewSession(db, id)
            try stored.session.checkClosable(today: today)
            let rules: ScoringRules
            if let fixed = try ReviewScoringRulesRecord.fetchOne(db, key: id) {
                rules = try fixed.rules
            } else {
                rules = configured
                try ReviewScoringRulesRecord(rules, session: id, fixedAt: context.at).insert(db)
            }
            for item in stored.agenda {
                let application = try ParkDatabase.loadApplication(db, item.application)
                guard application.status == .awaitingReview else {
                    try ReviewResultRecord(
                        session: id, application: item.application, eligible: 0, counted: [], dropped: [], scoreHundredths: nil,
                        outcome: application.status.rawValue, closedAt: context.at).insert(db)
                    continue
                }
                var eligible: [Reviewer] = []
                for member in stored.session.panel.members
                where try !ParkDatabase.conflicts(db, application: item.application, reviewer: member, on: stored.session.heldOn).isConflicted {
                    eligible.append(member)
                }
                let sheets = try eligible.compactMap { member in
                    try ParkDatabase.latestSheet(db, session: id, application: item.application, uid: member.uid)
                }
                let tally = try ReviewTally.decide(
                    application: item.application, eligible: eligible.count,
                    sheets: try sheets.map { record in
                        let sheet = try record.sheet(rules: rules)
                        return ReviewTally.CountedSheet(id: record.id!, reviewer: sheet.reviewer, total: sheet.total, veto: sheet.veto)
                    }, thresholdHundredths: rules.thresholdHundredths)
                try ReviewResultRecord(
                    session: id, application: item.application, eligible: tally.eligible, counted: tally.sheets.map(\.id),
                    dropped: tally.dropped, scoreHundredths: tally.scoreHundredths, outcome: tally.outcome.rawValue, closedAt: context.at
                ).insert(db)
            }
            try db.execute(
                sql: "UPDATE reviewSession SET status = ?, updatedAt = ? WHERE id = ?",
                arguments: [ReviewSessionStatus.closed.rawValue, context.at, id])
            return try ParkDatabase.results(db, session: id)
        }
    }

    /// A closed session's results with the sheets that counted; an open session's are sealed.
    public func reviewResults(session id: Int64) async throws -> SessionResults {
        try await read { db in try ParkDatabase.results(db, session: id) }
    }

    /// Recomputes a closed session's results from its stored sheets, and checks every sheet
    /// and dissent version against its commitment and the audit trail.
    public func verifyReviewSession(_ id: Int64) async throws -> ReviewVerification {
        try await readInBackground { db in
            let results = try ParkDatabase.results(db, session: id)
            var differences: [String] = []
            for applicant in results.applicants where applicant.outcome != ApplicationStatus.withdrawn.rawValue {
                let number = applicant.application.application
                for sheet in applicant.sheets {
                    let latest = try ParkDatabase.latestSheet(db, session: id, application: number, uid: sheet.sheet.reviewer.uid)
                    if latest?.id != sheet.id {
                        differences.append("application \(number): the sheet of \(sheet.sheet.reviewer.name) that counted is not their latest")
                    }
                }
                do throws(DomainError) {
                    let tally = try ReviewTally.decide(
                        application: number, eligible: applicant.eligible,
                        sheets: applicant.sheets.map { ReviewTally.CountedSheet(id: $0.id, reviewer: $0.sheet.reviewer, total: $0.sheet.total, veto: $0.sheet.veto) },
                        thresholdHundredths: results.rules.thresholdHundredths)
                    if tally.scoreHundredths != applicant.scoreHundredths || tally.outcome.rawValue != applicant.outcome || Set(tally.dropped) != Set(applicant.dropped) {
                        differences.append("application \(number): recorded \(applicant.scoreHundredths.map(ReviewTally.points) ?? "-") \(applicant.outcome), "
                            + "recomputed \(ReviewTally.points(hundredths: tally.scoreHundredths)) \(tally.outcome.rawValue)")
                    }
                } catch {
                    differences.append("application \(number): recorded \(applicant.outcome), recomputed: \(error.reason)")
                }
            }
            var checked = 0
            let sheets = try ReviewSheetRecord.filter(ReviewSheetRecord.Columns.reviewSessionId == id).order(ReviewSheetRecord.Columns.id).fetchAll(db)
            for record in sheets {
                checked += 1
                let text = try record.sheet(rules: results.rules).canonicalText
                differences += try ParkDatabase.commitmentDifferences(
                    db, what: "sheet \(record.id!) (application \(record.applicationId), \(record.userName), version \(record.version))",
                    method: "io.parkd.Review.Score", salt: record.salt, text: text, commitment: record.commitment)
            }
            let dissents = try ReviewDissentRecord.filter(ReviewDissentRecord.Columns.reviewSessionId == id).order(ReviewDissentRecord.Columns.id).fetchAll(db)
            for record in dissents {
                checked += 1
                differences += try ParkDatabase.commitmentDifferences(
                    db, what: "dissent \(record.id!) (application \(record.applicationId), \(record.userName), version \(record.version))",
                    method: "io.parkd.Review.Dissent", salt: record.salt, text: record.dissent.canonicalText, commitment: record.commitment)
            }
            differences += try ParkDatabase.versionsMissing(db, applications: Set(results.applicants.map(\.application.application)))
            return ReviewVerification(session: id, checkedVersions: checked, differences: differences)
        }
    }

    // MARK: - Rows to sheets

    private struct OpenSession {
        var id: Int64
        var heldOn: CivilDate
    }

    private static func openSession(_ db: Database, application: Int64, reviewer uid: Int64) throws -> OpenSession? {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT s.id AS id, s.heldOn AS heldOn FROM reviewSession AS s
            JOIN reviewAgendaItem AS a ON a.reviewSessionId = s.id AND a.applicationId = ?
            JOIN reviewPanelMember AS m ON m.reviewSessionId = s.id AND m.uid = ?
            WHERE s.status = ? ORDER BY s.id LIMIT 1
            """, arguments: [application, uid, ReviewSessionStatus.open.rawValue]) else { return nil }
        let heldOn: String = row["heldOn"]
        guard let day = try? CivilDate.parse(heldOn, field: "heldOn") else { throw StoreError.unreadable("reviewSession \(row["id"] as Int64)") }
        return OpenSession(id: row["id"], heldOn: day)
    }

    /// The open session `reviewer` may score (or dissent on) `application` in: on its panel, not conflicted.
    private static func scoringSession(_ db: Database, application: Int64, reviewer: Reviewer) throws -> OpenSession {
        let stored = try loadApplication(db, application)
        guard let session = try openSession(db, application: application, reviewer: reviewer.uid) else {
            let closed = try Int64.fetchOne(db, sql: """
                SELECT s.id FROM reviewSession AS s
                JOIN reviewAgendaItem AS a ON a.reviewSessionId = s.id AND a.applicationId = ?
                JOIN reviewPanelMember AS m ON m.reviewSessionId = s.id AND m.uid = ?
                WHERE s.status = ? ORDER BY s.id DESC LIMIT 1
                """, arguments: [application, reviewer.uid, ReviewSessionStatus.closed.rawValue])
            if let closed {
                throw DomainError.invalid("application", "session \(closed), which reviewed application \(application), is closed: its sheets are final")
            }
            throw DomainError.invalid("application", "application \(application) is on no open session whose panel holds \(reviewer.name)")
        }
        guard stored.status == .awaitingReview else {
            throw DomainError.invalid("application", "application \(application) is \(stored.status.rawValue): it is no longer reviewed")
        }
        let conflicts = try ParkDatabase.conflicts(db, application: application, reviewer: reviewer, on: session.heldOn)
        guard !conflicts.isConflicted else {
            throw DomainError.invalid("application", "\(reviewer.name) is conflicted with application \(application): a conflicted reviewer neither scores nor dissents on it")
        }
        return session
    }

    private static func nextVersion(_ db: Database, table: String, session: Int64, _ application: Int64, _ uid: Int64) throws -> Int {
        try Int.fetchOne(db, sql: """
            SELECT COALESCE(MAX(version), 0) + 1 FROM \(table) WHERE reviewSessionId = ? AND applicationId = ? AND uid = ?
            """, arguments: [session, application, uid]) ?? 1
    }

    private static func latestSheet(_ db: Database, session: Int64, application: Int64, uid: Int64) throws -> ReviewSheetRecord? {
        try ReviewSheetRecord
            .filter(ReviewSheetRecord.Columns.reviewSessionId == session).filter(ReviewSheetRecord.Columns.applicationId == application)
            .filter(ReviewSheetRecord.Columns.uid == uid).order(ReviewSheetRecord.Columns.version.desc).fetchOne(db)
    }

    static func results(_ db: Database, session id: Int64) throws -> SessionResults {
        let stored = try loadReviewSession(db, id)
        guard stored.session.status == .closed, let fixed = try ReviewScoringRulesRecord.fetchOne(db, key: id) else {
            throw StoreError.sessionOpen(id)
        }
        let rules = try fixed.rules
        let rows = try ReviewResultRecord.filter(ReviewResultRecord.Columns.reviewSessionId == id).fetchAll(db)
        var closedAt = ""
        let applicants = try stored.agenda.compactMap { item -> SessionResults.Applicant? in
            guard let row = rows.first(where: { $0.applicationId == item.application }) else { return nil }
            closedAt = row.closedAt
            let sheets = try row.counted.map { sheetId in
                guard let record = try ReviewSheetRecord.fetchOne(db, key: sheetId) else { throw StoreError.unreadable("reviewResult \(id)", "a counted sheet") }
                return StoredSheet(
                    id: sheetId, session: id, sheet: try record.sheet(rules: rules), version: record.version, submittedAt: record.submittedAt,
                    salt: record.salt, commitment: record.commitment)
            }
            let dissents = try ReviewDissentRecord.fetchAll(db, sql: """
                SELECT * FROM reviewDissent AS d WHERE reviewSessionId = ? AND applicationId = ?
                AND version = (SELECT MAX(version) FROM reviewDissent WHERE reviewSessionId = d.reviewSessionId
                    AND applicationId = d.applicationId AND uid = d.uid)
                ORDER BY id
                """, arguments: [id, item.application]).map {
                StoredDissent(session: id, dissent: $0.dissent, version: $0.version, submittedAt: $0.submittedAt)
            }.filter { $0.dissent.isPublished(besideSheetsOf: Set(sheets.map(\.sheet.reviewer.uid))) }
            return SessionResults.Applicant(
                application: item, eligible: row.eligible, scoreHundredths: row.scoreHundredths, outcome: row.outcome,
                sheets: sheets, dropped: try row.dropped, dissents: dissents)
        }
        return SessionResults(session: stored, rules: rules, closedAt: closedAt, applicants: applicants)
    }

    /// The sheet and dissent versions the audit trail records for `applications` that the
    /// database no longer holds (deleted, or moved elsewhere, behind parkd's back, which would
    /// change a result): each recorded call's commitment must be a version of the same kind, of
    /// the same application, by the same reviewer, in a session that exists (this one, or an
    /// earlier or later review of the application).
    private static func versionsMissing(_ db: Database, applications: Set<Int64>) throws -> [String] {
        struct Sealed: Decodable { let application: Int64; let sealed: String }
        var missing: [String] = []
        let kinds = ["io.parkd.Review.Score": ("sheet", "reviewSheet"), "io.parkd.Review.Dissent": ("dissent", "reviewDissent")]
        for record in try AuditEntryRecord
            .filter(kinds.keys.contains(AuditEntryRecord.Columns.method) && AuditEntryRecord.Columns.outcome == "ok")
            .order(AuditEntryRecord.Columns.id).fetchAll(db) {
            guard let call = try? JSONDecoder().decode(Sealed.self, from: Data(record.parameters.utf8)), applications.contains(call.application),
                  let (kind, table) = kinds[record.method] else { continue }
            let stored = try Bool.fetchOne(db, sql: """
                SELECT EXISTS (SELECT 1 FROM \(table) AS v JOIN reviewSession AS s ON s.id = v.reviewSessionId
                               WHERE v.commitment = ? AND v.applicationId = ? AND v.uid = ?)
                """, arguments: [call.sealed, call.application, record.uid]) ?? false
            if !stored {
                missing.append("application \(call.application): the \(kind) \(record.user) submitted in audit entry \(record.id) "
                    + "(commitment \(call.sealed.prefix(12))…) is not in the database")
            }
        }
        return missing
    }

    private static func commitmentDifferences(
        _ db: Database, what: String, method: String, salt: String, text: String, commitment: String
    ) throws -> [String] {
        var differences: [String] = []
        if ScoreSheet.commitment(salt: salt, text: text) != commitment {
            differences.append("\(what) no longer matches its commitment")
        }
        let audited = try Int.fetchOne(db, sql: """
            SELECT COUNT(*) FROM auditEntry WHERE method = ? AND outcome = 'ok' AND instr(parameters, ?) > 0
            """, arguments: [method, commitment]) ?? 0
        if audited == 0 { differences.append("\(what): its commitment is in no audit entry") }
        return differences
    }
}
