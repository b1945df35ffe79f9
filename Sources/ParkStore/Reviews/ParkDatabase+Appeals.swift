import GRDB
import ParkCore

/// An appeal as recorded.
public struct StoredReviewAppeal: Sendable, Equatable {
    public var id: Int64
    public var appeal: ReviewAppeal
    public var recordedAt: String
    public var recordedBy: String
    /// Nil while undecided.
    public var outcome: ReviewAppeal.Outcome?
    public var reason: String?
    public var decidedAt: String?
    public var decidedBy: String?
}

extension ParkDatabase {
    /// Files an appeal against the latest decision on `application`, a final rejection, within
    /// `windowDays` working days after it.
    public func fileReviewAppeal(
        application: Int64, ground: ReviewAppeal.Ground, text: String, today: CivilDate, windowDays: Int, calendar: WorkingDayCalendar,
        context: ChangeContext
    ) async throws -> StoredReviewAppeal {
        try await write(context) { db in
            guard try ApplicationRecord.fetchOne(db, key: application) != nil else { throw StoreError.noSuchApplication(application) }
            let decisions = try ParkDatabase.reviewDecisions(db, application: application)
            let latest = decisions.last { $0.supersededBy == nil }
            // A correction that keeps the verdict (the same session's decision, superseded for a
            // corrected reason) is the same rejection: its window runs from the first, and it is
            // appealed once.
            var chain = latest.map { [$0] } ?? []
            while let last = chain.last, let earlierID = last.decision.supersedes,
                  let earlier = decisions.first(where: { $0.id == earlierID }),
                  earlier.session == last.session, earlier.decision.verdict == last.decision.verdict {
                chain.append(earlier)
            }
            let decidedOn = try chain.last.map { try CivilDate.parse($0.decidedOn, field: "decidedOn") }
            let appealed = try chain.lazy.compactMap {
                try Int64.fetchOne(db, sql: "SELECT id FROM reviewAppeal WHERE reviewDecisionId = ?", arguments: [$0.id])
            }.first
            let appeal = try ReviewAppeal.file(
                application: application,
                latest: latest.map { (decision: $0.id, session: $0.session, verdict: $0.decision.verdict, decidedOn: decidedOn!) },
                appealedAlready: appealed, ground: ground, text: text, today: today, windowDays: windowDays, calendar: calendar)
            var record = ReviewAppealRecord(
                id: nil, applicationId: application, reviewDecisionId: appeal.rejection.decision, ground: appeal.ground.rawValue,
                text: appeal.text, filedOn: appeal.filedOn.description, deadline: appeal.deadline.description, recordedAt: context.at,
                recordedBy: context.recordedBy, outcome: nil, reason: nil, decidedAt: nil, decidedBy: nil)
            try record.insert(db)
            return try ParkDatabase.reviewAppeals(db, id: record.id!)[0]
        }
    }

    /// Accepts or refuses an undecided appeal with a reason. Accepting reopens the review: the
    /// firm's record goes from rejected back to reviewing.
    public func decideReviewAppeal(
        _ id: Int64, outcome: ReviewAppeal.Outcome, reason: String, today: CivilDate, context: ChangeContext
    ) async throws -> StoredReviewAppeal {
        try await write(context) { db in
            guard let stored = try ParkDatabase.reviewAppeals(db, id: id).first else { throw StoreError.noSuchReviewAppeal(id) }
            if let done = stored.outcome {
                throw DomainError.invalid("appeal", "appeal \(id) was \(done.rawValue) already; an appeal is decided once")
            }
            let reason = try FieldText.paragraphs(reason, field: "reason", maxLength: 2000)
            if outcome == .accepted {
                try stored.appeal.checkReopenable(
                    supersededBy: try ParkDatabase.reviewDecisions(db, id: stored.appeal.rejection.decision).first?.supersededBy,
                    standing: try ParkDatabase.standingDecision(db, application: stored.appeal.application),
                    otherOpen: try Int64.fetchOne(db, sql: """
                        SELECT o.id FROM application AS o JOIN application AS a ON a.creditCode = o.creditCode
                        WHERE a.id = ? AND o.id <> a.id AND o.status = ?
                        """, arguments: [stored.appeal.application, ApplicationStatus.awaitingReview.rawValue]))
            }
            if outcome == .accepted,
               let tenantID = try Int64.fetchOne(db, sql: "SELECT tenantId FROM application WHERE id = ?", arguments: [stored.appeal.application]) {
                let tenant = try ParkDatabase.loadTenant(db, .id(tenantID))
                let change = try ReviewAppeal.reopening(tenant.tenant, appeal: id, today: today)
                var moved = tenant.tenant
                try ParkDatabase.recordStatusChange(db, change, of: tenant, to: &moved, context: context)
            }
            try db.execute(
                sql: "UPDATE reviewAppeal SET outcome = ?, reason = ?, decidedAt = ?, decidedBy = ? WHERE id = ?",
                arguments: [outcome.rawValue, reason, context.at, context.recordedBy, id])
            if outcome == .accepted {
                try ParkDatabase.recordReviewStanding(db, application: stored.appeal.application, .awaitingReview, context: context)
            }
            return try ParkDatabase.reviewAppeals(db, id: id)[0]
        }
    }

    /// Appeals, of one application or all, oldest first.
    public func reviewAppeals(application: Int64? = nil) async throws -> [StoredReviewAppeal] {
        try await read { db in
            if let application { _ = try ParkDatabase.loadApplication(db, application) }
            return try ParkDatabase.reviewAppeals(db, application: application)
        }
    }

    /// For an application reopened by an accepted appeal: the session whose rejection was
    /// appealed, with its panel's uids.
    static func appealedPanel(_ db: Database, application: Int64) throws -> AgendaCandidate.Appealed? {
        guard let session = try Int64.fetchOne(db, sql: """
            SELECT d.reviewSessionId FROM reviewAppeal AS a JOIN reviewDecision AS d ON d.id = a.reviewDecisionId
            WHERE a.applicationId = ? AND a.outcome = 'accepted' ORDER BY a.id DESC LIMIT 1
            """, arguments: [application]) else { return nil }
        let uids = try Int64.fetchAll(db, sql: "SELECT uid FROM reviewPanelMember WHERE reviewSessionId = ?", arguments: [session])
        return AgendaCandidate.Appealed(session: session, panel: Set(uids))
    }

    /// The final decision that stands on an application: the latest not superseded, unless an
    /// accepted appeal reopened it. An appeal is against a session's rejection, whichever of its
    /// decisions (the first, or a correction superseding it) it named: one accepted against any
    /// decision of the latest's session reopens it.
    static func standingDecision(_ db: Database, application: Int64) throws -> (decision: Int64, verdict: ReviewDecision.Verdict)? {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT d.id AS id, d.verdict AS verdict, d.reviewSessionId AS session FROM reviewDecision AS d
            WHERE d.applicationId = ? AND NOT EXISTS (SELECT 1 FROM reviewDecision AS s WHERE s.supersedes = d.id)
            ORDER BY d.id DESC LIMIT 1
            """, arguments: [application]) else { return nil }
        let id: Int64 = row["id"]
        let session: Int64 = row["session"]
        let reopened = try Int64.fetchOne(db, sql: """
            SELECT a.id FROM reviewAppeal AS a JOIN reviewDecision AS d ON d.id = a.reviewDecisionId
            WHERE d.applicationId = ? AND d.reviewSessionId = ? AND a.outcome = 'accepted'
            """, arguments: [application, session]) != nil
        guard !reopened, let verdict = ReviewDecision.Verdict(rawValue: row["verdict"]) else { return nil }
        return (id, verdict)
    }

    static func reviewAppeals(_ db: Database, application: Int64? = nil, id: Int64? = nil) throws -> [StoredReviewAppeal] {
        var request = ReviewAppealRecord.order(ReviewAppealRecord.Columns.id)
        if let application { request = request.filter(ReviewAppealRecord.Columns.applicationId == application) }
        if let id { request = request.filter(ReviewAppealRecord.Columns.id == id) }
        return try request.fetchAll(db).map { record in
            let session = try Int64.fetchOne(db, sql: "SELECT reviewSessionId FROM reviewDecision WHERE id = ?", arguments: [record.reviewDecisionId])
            let decidedOn = try String.fetchOne(db, sql: "SELECT decidedOn FROM reviewDecision WHERE id = ?", arguments: [record.reviewDecisionId])
            guard let ground = ReviewAppeal.Ground(rawValue: record.ground), let session, let decidedOn,
                  let rejected = try? CivilDate.parse(decidedOn, field: "decidedOn"), let filed = try? CivilDate.parse(record.filedOn, field: "filedOn"),
                  let deadline = try? CivilDate.parse(record.deadline, field: "deadline") else {
                throw StoreError.unreadable("reviewAppeal \(record.id ?? 0)", "a ground or a day")
            }
            return StoredReviewAppeal(
                id: record.id ?? 0,
                appeal: ReviewAppeal(
                    application: record.applicationId,
                    rejection: ReviewAppeal.Rejection(decision: record.reviewDecisionId, session: session, decidedOn: rejected),
                    ground: ground, text: record.text, filedOn: filed, deadline: deadline),
                recordedAt: record.recordedAt, recordedBy: record.recordedBy, outcome: record.outcome.flatMap(ReviewAppeal.Outcome.init(rawValue:)),
                reason: record.reason, decidedAt: record.decidedAt, decidedBy: record.decidedBy)
        }
    }
}
