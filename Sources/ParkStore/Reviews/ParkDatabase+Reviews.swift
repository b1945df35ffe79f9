import GRDB
import ParkCore

extension ParkDatabase {
    /// Schedules a session: its agenda's applications must await review, sit on no other open
    /// session's agenda and have no decision or result pending (`ReviewSession`); the panel is
    /// checked by the domain.
    public func createReviewSession(
        heldOn: CivilDate, venue: String, chair: String, agenda: [Int64], panel: ReviewPanel, today: CivilDate, context: ChangeContext
    ) async throws -> StoredReviewSession {
        try await write(context) { db in
            let candidates = try agenda.map { id in
                guard let application = try ApplicationRecord.fetchOne(db, key: id) else { throw StoreError.noSuchApplication(id) }
                return AgendaCandidate(
                    application: id, status: try application.applicationStatus, onSession: try ParkDatabase.openSession(db, holding: id),
                    appealed: try ParkDatabase.appealedPanel(db, application: id), decided: try ParkDatabase.standingDecision(db, application: id),
                    undecidedResult: try ParkDatabase.undecidedResult(db, application: id), appliedOn: try application.appliedDay)
            }
            let session = try ReviewSession(heldOn: heldOn, venue: venue, chair: chair, agenda: candidates, panel: panel, today: today)
            var record = ReviewSessionRecord(session, createdAt: context.at, createdBy: context.recordedBy)
            try record.insert(db)
            let id = record.id!
            for (position, application) in session.agenda.enumerated() {
                try ReviewAgendaItemRecord(reviewSessionId: id, applicationId: application, position: position).insert(db)
            }
            try ParkDatabase.savePanel(db, session: id, session.panel)
            return try ParkDatabase.loadReviewSession(db, id)
        }
    }

    /// Adds reviewers to a session's panel and removes others; the panel that results is checked whole.
    public func changePanel(
        _ id: Int64, adding added: [Reviewer], removing removed: [Reviewer], context: ChangeContext
    ) async throws -> StoredReviewSession {
        try await write(context) { db in
            let stored = try ParkDatabase.loadReviewSession(db, id)
            var appealed: [Int64: AgendaCandidate.Appealed] = [:]
            for application in stored.session.agenda {
                appealed[application] = try ParkDatabase.appealedPanel(db, application: application)
            }
            let changed = try stored.session.changingPanel(adding: added, removing: removed, appealed: appealed)
            try ReviewPanelMemberRecord.filter(ReviewPanelMemberRecord.Columns.reviewSessionId == id).deleteAll(db)
            try ParkDatabase.savePanel(db, session: id, changed.panel)
            try db.execute(sql: "UPDATE reviewSession SET updatedAt = ? WHERE id = ?", arguments: [context.at, id])
            return try ParkDatabase.loadReviewSession(db, id)
        }
    }

    public func reviewSession(_ id: Int64) async throws -> StoredReviewSession {
        try await read { db in try ParkDatabase.loadReviewSession(db, id) }
    }

    /// Every session, by id; with `reviewer`, only those whose panel holds that uid.
    public func reviewSessions(reviewer uid: Int64? = nil) async throws -> [StoredReviewSession] {
        try await read { db in
            var request = ReviewSessionRecord.order(ReviewSessionRecord.Columns.id)
            if let uid {
                request = request.filter(sql: "id IN (SELECT reviewSessionId FROM reviewPanelMember WHERE uid = ?)", arguments: [uid])
            }
            return try request.fetchAll(db).map { try ParkDatabase.loadReviewSession(db, $0.id ?? 0) }
        }
    }

    // MARK: - Rows to sessions

    /// The open session whose agenda holds `application`, if any.
    /// The latest closed session whose scored result on `application` has no decision yet and
    /// was not withdrawn (an upheld objection and none open, as `ReviewDecision.disposition`
    /// reads them).
    static func undecidedResult(_ db: Database, application: Int64) throws -> Int64? {
        try Int64.fetchOne(db, sql: """
            SELECT r.reviewSessionId FROM reviewResult AS r
            WHERE r.applicationId = :application AND r.outcome IN (:passed, :failed, :vetoed)
              AND NOT EXISTS (SELECT 1 FROM reviewDecision AS d WHERE d.applicationId = r.applicationId AND d.reviewSessionId = r.reviewSessionId)
              AND NOT (
                EXISTS (SELECT 1 FROM reviewObjection AS o JOIN reviewNotice AS n ON n.id = o.reviewNoticeId
                        WHERE n.reviewSessionId = r.reviewSessionId AND o.applicationId = r.applicationId AND o.resolution = 'upheld')
                AND NOT EXISTS (SELECT 1 FROM reviewObjection AS o JOIN reviewNotice AS n ON n.id = o.reviewNoticeId
                        WHERE n.reviewSessionId = r.reviewSessionId AND o.applicationId = r.applicationId AND o.resolution IS NULL))
            ORDER BY r.reviewSessionId DESC LIMIT 1
            """, arguments: [
                "application": application, "passed": ReviewTally.Outcome.passed.rawValue, "failed": ReviewTally.Outcome.failed.rawValue,
                "vetoed": ReviewTally.Outcome.vetoed.rawValue,
            ])
    }

    private static func openSession(_ db: Database, holding application: Int64) throws -> Int64? {
        try Int64.fetchOne(db, sql: """
            SELECT s.id FROM reviewAgendaItem AS a JOIN reviewSession AS s ON s.id = a.reviewSessionId
            WHERE a.applicationId = ? AND s.status = ? ORDER BY s.id LIMIT 1
            """, arguments: [application, ReviewSessionStatus.open.rawValue])
    }

    private static func savePanel(_ db: Database, session: Int64, _ panel: ReviewPanel) throws {
        for (position, reviewer) in panel.members.enumerated() {
            try ReviewPanelMemberRecord(session: session, position: position, reviewer).insert(db)
        }
    }

    static func loadReviewSession(_ db: Database, _ id: Int64) throws -> StoredReviewSession {
        guard let record = try ReviewSessionRecord.fetchOne(db, key: id) else { throw StoreError.noSuchSession(id) }
        let panel = try ReviewPanelMemberRecord
            .filter(ReviewPanelMemberRecord.Columns.reviewSessionId == id).order(ReviewPanelMemberRecord.Columns.position)
            .fetchAll(db).map(\.reviewer)
        let rows = try Row.fetchAll(db, sql: """
            SELECT a.applicationId AS application, p.name AS name, p.creditCode AS creditCode
            FROM reviewAgendaItem AS a JOIN application AS p ON p.id = a.applicationId
            WHERE a.reviewSessionId = ? ORDER BY a.position
            """, arguments: [id])
        let agenda = rows.map { row in
            AgendaApplication(application: row["application"], name: row["name"], creditCode: row["creditCode"])
        }
        return StoredReviewSession(
            session: try record.session(agenda: agenda.map(\.application), panel: panel), agenda: agenda,
            createdAt: record.createdAt, createdBy: record.createdBy)
    }
}
