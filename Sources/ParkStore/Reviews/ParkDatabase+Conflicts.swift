import GRDB
import ParkCore

extension ParkDatabase {
    /// Records a tie a reviewer declares; answers every tie the reviewer has declared, oldest first.
    public func declareAffiliation(_ affiliation: Affiliation, of reviewer: Reviewer, context: ChangeContext) async throws -> [Affiliation] {
        try await write(context) { db in
            var record = ReviewerAffiliationRecord(affiliation, of: reviewer, declaredAt: context.at, declaredBy: context.recordedBy)
            try record.insert(db)
            return try ParkDatabase.affiliations(db, of: reviewer.uid)
        }
    }

    /// Records a conflict declared for `reviewer` and an application on the agenda of an open session
    /// whose panel holds the reviewer; answers the pair's conflicts as they are now.
    public func declareConflict(
        application: Int64, reviewer: Reviewer, _ declared: ReviewerConflicts.Declared, context: ChangeContext
    ) async throws -> ReviewerConflicts {
        try await write(context) { db in
            guard let session = try ParkDatabase.sessionDay(db, application: application, reviewer: reviewer.uid) else {
                _ = try ParkDatabase.loadApplication(db, application)
                throw DomainError.invalid("application", "application \(application) is on no open session whose panel holds \(reviewer.name)")
            }
            var record = ReviewConflictDeclarationRecord(
                application: application, reviewer: reviewer, declared, declaredAt: context.at, declaredBy: context.recordedBy)
            try record.insert(db)
            return try ParkDatabase.conflicts(db, application: application, reviewer: reviewer, on: session)
        }
    }

    /// Dismisses the detected conflicts of `reviewer` with an application, with a reason.
    public func dismissConflicts(application: Int64, reviewer: Reviewer, reason: String, context: ChangeContext) async throws -> ReviewerConflicts {
        try await write(context) { db in
            guard let day = try ParkDatabase.sessionDay(db, application: application, reviewer: reviewer.uid) else {
                _ = try ParkDatabase.loadApplication(db, application)
                throw DomainError.invalid("reviewer", "\(reviewer.name) sits on no open session reviewing application \(application)")
            }
            let conflicts = try ParkDatabase.conflicts(db, application: application, reviewer: reviewer, on: day)
            let reason = try conflicts.dismissing(reason: reason)
            try ReviewConflictDismissalRecord(
                applicationId: application, uid: reviewer.uid, reason: reason, dismissedAt: context.at, dismissedBy: context.recordedBy,
                covered: try StoredJSON.text(conflicts.detected.map(\.key))
            ).insert(db)
            return try ParkDatabase.conflicts(db, application: application, reviewer: reviewer, on: day)
        }
    }

    /// The conflicts of a session's panel with its agenda, pair by pair (pairs with nothing to
    /// show are left out); with `reviewer`, only that reviewer's.
    public func conflicts(session id: Int64, reviewer uid: Int64? = nil) async throws -> [ReviewerConflicts] {
        try await read { db in
            let stored = try ParkDatabase.loadReviewSession(db, id)
            let members = stored.session.panel.members.filter { uid == nil || $0.uid == uid }
            var pairs: [ReviewerConflicts] = []
            for application in stored.session.agenda {
                for member in members {
                    let pair = try ParkDatabase.conflicts(db, application: application, reviewer: member, on: stored.session.heldOn)
                    if !pair.isEmpty { pairs.append(pair) }
                }
            }
            return pairs
        }
    }

    // MARK: - Rows to conflicts

    private static func affiliations(_ db: Database, of uid: Int64) throws -> [Affiliation] {
        try ReviewerAffiliationRecord
            .filter(ReviewerAffiliationRecord.Columns.uid == uid).order(ReviewerAffiliationRecord.Columns.id)
            .fetchAll(db).map { try $0.affiliation }
    }

    /// The day of the earliest open session with `application` on its agenda and `uid` on its
    /// panel (what an employment's three years are counted back from).
    private static func sessionDay(_ db: Database, application: Int64, reviewer uid: Int64) throws -> CivilDate? {
        let day = try String.fetchOne(db, sql: """
            SELECT s.heldOn FROM reviewSession AS s
            JOIN reviewAgendaItem AS a ON a.reviewSessionId = s.id AND a.applicationId = ?
            JOIN reviewPanelMember AS m ON m.reviewSessionId = s.id AND m.uid = ?
            WHERE s.status = ? ORDER BY s.id LIMIT 1
            """, arguments: [application, uid, ReviewSessionStatus.open.rawValue])
        return day.flatMap { try? CivilDate.parse($0, field: "heldOn") }
    }

    static func conflicts(_ db: Database, application: Int64, reviewer: Reviewer, on day: CivilDate) throws -> ReviewerConflicts {
        let form = try loadApplication(db, application).form
        let affiliations = try affiliations(db, of: reviewer.uid)
        let declared = try ReviewConflictDeclarationRecord
            .filter(ReviewConflictDeclarationRecord.Columns.applicationId == application)
            .filter(ReviewConflictDeclarationRecord.Columns.uid == reviewer.uid).order(ReviewConflictDeclarationRecord.Columns.id)
            .fetchAll(db).map { try $0.declared }
        let dismissal = try ReviewConflictDismissalRecord
            .filter(ReviewConflictDismissalRecord.Columns.applicationId == application)
            .filter(ReviewConflictDismissalRecord.Columns.uid == reviewer.uid).fetchOne(db)
        return ReviewerConflicts(
            application: application, reviewer: reviewer, declared: declared,
            detected: DetectedConflict.detect(affiliations, applicant: form, on: day), dismissal: dismissal?.reason,
            dismissed: try dismissal?.coveredKeys)
    }
}
