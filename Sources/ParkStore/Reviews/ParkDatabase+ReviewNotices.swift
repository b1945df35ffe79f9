import GRDB
import ParkCore

extension ParkDatabase {
    /// Puts a closed session's results on public notice from `today` for `workingDays` working
    /// days counted with `calendar`.
    public func publishReviewNotice(
        session id: Int64, today: CivilDate, workingDays: Int, calendar: WorkingDayCalendar, context: ChangeContext
    ) async throws -> StoredReviewNotice {
        try await write(context) { db in
            let session = try ParkDatabase.loadReviewSession(db, id)
            let existing = try ParkDatabase.loadReviewNotice(db, session: id)
            let notice = try ReviewNotice.publish(
                session: id, status: session.session.status, existing: existing?.notice, today: today, workingDays: workingDays,
                calendar: calendar)
            var record = ReviewNoticeRecord(
                id: nil, reviewSessionId: id, startsOn: notice.period.startsOn.description, endsOn: notice.period.endsOn.description,
                workingDays: notice.period.workingDays, publishedAt: context.at, publishedBy: context.recordedBy, closedAt: nil, closedBy: nil)
            try record.insert(db)
            return try ParkDatabase.loadReviewNotice(db, session: id)!
        }
    }

    /// A session's notice as posted: the applicants' codes, names, scores and outcomes, and
    /// the objections; no reviewer.
    public func reviewNotice(session id: Int64) async throws -> ReviewNoticePosting {
        try await read { db in
            _ = try ParkDatabase.loadReviewSession(db, id)
            guard let notice = try ParkDatabase.loadReviewNotice(db, session: id) else {
                throw StoreError.sessionNotOnNotice(id)
            }
            let results = try ParkDatabase.results(db, session: id)
            let entries = results.applicants.map {
                ReviewNoticePosting.Entry(
                    application: $0.application.application, creditCode: $0.application.creditCode, name: $0.application.name,
                    scoreHundredths: $0.scoreHundredths, outcome: $0.outcome)
            }
            return ReviewNoticePosting(notice: notice, entries: entries, objections: try ParkDatabase.reviewObjections(db, session: id))
        }
    }

    /// Every review notice, oldest first.
    public func reviewNotices() async throws -> [StoredReviewNotice] {
        try await read { db in try ReviewNoticeRecord.order(ReviewNoticeRecord.Columns.id).fetchAll(db).map(ParkDatabase.reviewNotice) }
    }

    /// Records an objection to an applicant's result while its session's notice runs; it holds
    /// the applicant's decision until resolved.
    public func recordReviewObjection(
        application: Int64, objector: String, grounds: String, evidence: String?, today: CivilDate, context: ChangeContext
    ) async throws -> StoredReviewObjection {
        try await write(context) { db in
            try ParkDatabase.recordReviewObjection(
                db, application: application, objector: objector, grounds: grounds, evidence: evidence, today: today, context: context)
        }
    }

    /// The refusal of an objection to an application on no public notice: what a firm is told
    /// of an id no application has, too, so that it cannot tell the two apart.
    static func notOnANotice(_ application: Int64) -> DomainError {
        .invalid("application", "application \(application) has no result on a public notice")
    }

    /// `recordReviewObjection` inside a transaction the caller holds (a tenant's submission
    /// records its objection and itself together).
    static func recordReviewObjection(
        _ db: Database, application: Int64, objector: String, grounds: String, evidence: String?, today: CivilDate, context: ChangeContext
    ) throws -> StoredReviewObjection {
        guard try ApplicationRecord.fetchOne(db, key: application) != nil else { throw StoreError.noSuchApplication(application) }
        guard let record = try ReviewNoticeRecord.fetchOne(db, sql: """
            SELECT reviewNotice.* FROM reviewNotice
            JOIN reviewResult ON reviewResult.reviewSessionId = reviewNotice.reviewSessionId
            WHERE reviewResult.applicationId = ? AND reviewResult.outcome <> 'withdrawn'
            ORDER BY reviewNotice.id DESC LIMIT 1
            """, arguments: [application]) else {
            throw notOnANotice(application)
        }
        let notice = try ParkDatabase.reviewNotice(record)
        try notice.notice.checkTakesObjection(on: today)
        for (field, text) in [("by", objector), ("grounds", grounds)] where text.allSatisfy(\.isWhitespace) {
            throw DomainError.invalid(field, "is empty; an objection records who raised it and on what grounds")
        }
        var objection = ReviewObjectionRecord(
            id: nil, reviewNoticeId: record.id!, applicationId: application, objector: objector, grounds: grounds, evidence: evidence,
            recordedAt: context.at, recordedBy: context.recordedBy, resolution: nil, reason: nil, resolvedAt: nil, resolvedBy: nil)
        try objection.insert(db)
        return try ParkDatabase.reviewObjections(db, id: objection.id!)[0]
    }

    /// Resolves an open objection with a reason. Once the notice has closed, a dismissal that
    /// leaves the applicant with no open objection makes its decision final there and then.
    public func resolveReviewObjection(
        _ id: Int64, resolution: ObjectionResolution, reason: String, today: CivilDate, onboarding: [OnboardingChecklist.Item] = [],
        context: ChangeContext
    ) async throws -> (objection: StoredReviewObjection, decided: [StoredReviewDecision]) {
        try await write(context) { db in
            guard let objection = try ParkDatabase.reviewObjections(db, id: id).first else {
                throw StoreError.noSuchReviewObjection(id)
            }
            if let done = objection.resolution {
                throw DomainError.invalid("objection", "objection \(id) is already resolved (\(done.rawValue))")
            }
            guard !reason.allSatisfy(\.isWhitespace) else { throw DomainError.invalid("reason", "is empty; a resolution gives its reason") }
            try db.execute(
                sql: "UPDATE reviewObjection SET resolution = ?, reason = ?, resolvedAt = ?, resolvedBy = ? WHERE id = ?",
                arguments: [resolution.rawValue, reason, context.at, context.recordedBy, id])
            guard let notice = try ParkDatabase.loadReviewNotice(db, session: objection.session), notice.closedAt != nil else {
                return (try ParkDatabase.reviewObjections(db, id: id)[0], [])
            }
            let closing = try ParkDatabase.recordEndOfNotice(
                db, notice: notice, only: objection.application, today: today, onboarding: onboarding, context: context)
            return (try ParkDatabase.reviewObjections(db, id: id)[0], closing.decided)
        }
    }

    /// Closes a session's notice after its last day: each applicant without an open objection
    /// gets its final decision, which moves its tenant.
    /// An approved applicant gets the onboarding checklist of `onboarding`'s items.
    public func closeReviewNotice(
        session id: Int64, today: CivilDate, onboarding: [OnboardingChecklist.Item] = [], context: ChangeContext
    ) async throws -> ReviewNoticeClosing {
        try await write(context) { db in
            _ = try ParkDatabase.loadReviewSession(db, id)
            guard let notice = try ParkDatabase.loadReviewNotice(db, session: id) else {
                throw StoreError.sessionNotOnNotice(id)
            }
            try notice.notice.checkClosable(today: today)
            try db.execute(
                sql: "UPDATE reviewNotice SET closedAt = ?, closedBy = ? WHERE reviewSessionId = ?",
                arguments: [context.at, context.recordedBy, id])
            return try ParkDatabase.recordEndOfNotice(
                db, notice: try ParkDatabase.loadReviewNotice(db, session: id)!, only: nil, today: today, onboarding: onboarding, context: context)
        }
    }

    /// Decisions, of one application or all, oldest first.
    public func reviewDecisions(application: Int64? = nil) async throws -> [StoredReviewDecision] {
        try await read { db in
            if let application { _ = try ParkDatabase.loadApplication(db, application) }
            return try ParkDatabase.reviewDecisions(db, application: application)
        }
    }

    /// One decision.
    public func reviewDecision(_ id: Int64) async throws -> StoredReviewDecision {
        try await read { db in
            guard let decision = try ParkDatabase.reviewDecisions(db, id: id).first else {
                throw StoreError.noSuchReviewDecision(id)
            }
            return decision
        }
    }

    /// Records a decision that supersedes decision `id` (the latest on its application) for a
    /// corrected error, with its reason; a changed verdict moves a firm not yet active to the
    /// new verdict's status (`ReviewDecision.correction`), and an approval opens its checklist.
    public func supersedeReviewDecision(
        _ id: Int64, verdict: ReviewDecision.Verdict, reason: String, today: CivilDate, onboarding: [OnboardingChecklist.Item] = [],
        context: ChangeContext
    ) async throws -> StoredReviewDecision {
        try await write(context) { db in
            guard let previous = try ParkDatabase.reviewDecisions(db, id: id).first else {
                throw StoreError.noSuchReviewDecision(id)
            }
            let decision = try ReviewDecision.superseding(
                id, previous: previous.decision, supersededBy: previous.supersededBy, verdict: verdict, reason: reason)
            if let tenantID = previous.tenant, verdict != previous.decision.verdict {
                let tenant = try ParkDatabase.loadTenant(db, .id(tenantID))
                let leases = try Int64.fetchAll(db, sql: "SELECT id FROM lease WHERE tenantId = ? ORDER BY id", arguments: [tenantID])
                    .map { try ParkDatabase.loadLease(db, $0).lease }
                if let change = try ReviewDecision.correction(
                    of: tenant.tenant, to: verdict, superseding: id, reason: decision.reasons[0], leases: leases, today: today) {
                    var moved = tenant.tenant
                    try ParkDatabase.recordStatusChange(db, change, of: tenant, to: &moved, context: context)
                }
                if verdict == .approved {
                    try ParkDatabase.openOnboardingChecklist(
                        db, application: decision.application, tenant: tenantID, items: onboarding, context: context)
                }
            }
            var record = ReviewDecisionRecord(decision, session: previous.session, tenant: previous.tenant, decidedOn: today, context: context)
            try record.insert(db)
            try ParkDatabase.recordReviewStanding(db, application: decision.application, .decided(verdict), context: context)
            return try ParkDatabase.reviewDecisions(db, id: record.id!)[0]
        }
    }

    // MARK: - Loading and recording

    /// Records the end of `notice` for every applicant (or `only` one) that has no decision yet:
    /// the final decisions `ReviewDecision.atEndOfNotice` gives, their tenants moved, an approved
    /// applicant given the onboarding checklist of `onboarding`'s items.
    static func recordEndOfNotice(
        _ db: Database, notice: StoredReviewNotice, only: Int64?, today: CivilDate, onboarding: [OnboardingChecklist.Item], context: ChangeContext
    ) throws -> ReviewNoticeClosing {
        let session = notice.notice.session
        let results = try ParkDatabase.results(db, session: session)
        let posted = results.applicants.compactMap { applicant -> ReviewDecision.Result? in
            guard let score = applicant.scoreHundredths, let outcome = ReviewTally.Outcome(rawValue: applicant.outcome),
                  only == nil || only == applicant.application.application else { return nil }
            return ReviewDecision.Result(
                application: applicant.application.application, outcome: outcome, scoreHundredths: score,
                vetoes: applicant.sheets.compactMap(\.sheet.veto),
                breakdown: ReviewDecision.breakdown(of: applicant.sheets.filter { !applicant.dropped.contains($0.id) }.map(\.sheet)))
        }
        let objections = try ParkDatabase.reviewObjections(db, session: session).map {
            ReviewDecision.Objection(id: $0.id, application: $0.application, resolution: $0.resolution)
        }
        let decided = Set(try Int64.fetchAll(db, sql: "SELECT applicationId FROM reviewDecision WHERE reviewSessionId = ?", arguments: [session]))
        let ends = try ReviewDecision.atEndOfNotice(
            notice: notice.notice, results: posted, objections: objections, decided: decided,
            thresholdHundredths: results.rules.thresholdHundredths, today: today)
        var closing = ReviewNoticeClosing(notice: notice, decided: [], held: [:], withdrawn: [])
        for (application, disposition) in ends {
            switch disposition {
            case .decided(let decision):
                let tenant = try Int64.fetchOne(db, sql: "SELECT tenantId FROM application WHERE id = ?", arguments: [application])
                if let tenant {
                    do {
                        _ = try ParkDatabase.transitionTenant(
                            db, .id(tenant), to: decision.verdict.tenantStatus, on: today,
                            reason: "入驻评审会 \(session): \(decision.reasons.joined(separator: "; "))", today: today, byHand: false,
                            context: context)
                    } catch let refused as DomainError {
                        // A notice decides for every applicant: the one its firm's record refuses is named.
                        throw refused.about("application \(application), tenant \(tenant)", field: "session")
                    }
                    if decision.verdict == .approved {
                        try ParkDatabase.openOnboardingChecklist(db, application: application, tenant: tenant, items: onboarding, context: context)
                    }
                }
                var record = ReviewDecisionRecord(decision, session: session, tenant: tenant, decidedOn: today, context: context)
                try record.insert(db)
                try ParkDatabase.recordReviewStanding(db, application: application, .decided(decision.verdict), context: context)
                closing.decided.append(try ParkDatabase.reviewDecisions(db, id: record.id!)[0])
            case .held(let open): closing.held[application] = open
            case .withdrawn: closing.withdrawn.append(application)
            case .alreadyDecided: break
            }
        }
        return closing
    }

    static func loadReviewNotice(_ db: Database, session: Int64) throws -> StoredReviewNotice? {
        try ReviewNoticeRecord.filter(ReviewNoticeRecord.Columns.reviewSessionId == session).fetchOne(db).map(reviewNotice)
    }

    static func reviewNotice(_ record: ReviewNoticeRecord) throws -> StoredReviewNotice {
        guard let starts = try? CivilDate.parse(record.startsOn, field: "startsOn"), let ends = try? CivilDate.parse(record.endsOn, field: "endsOn") else {
            throw StoreError.unreadable("reviewNotice \(record.id ?? 0)", "a day")
        }
        return StoredReviewNotice(
            notice: ReviewNotice(
                session: record.reviewSessionId, period: NoticePeriod(startsOn: starts, endsOn: ends, workingDays: record.workingDays),
                closed: record.closedAt != nil),
            publishedAt: record.publishedAt, publishedBy: record.publishedBy, closedAt: record.closedAt, closedBy: record.closedBy)
    }

    static func reviewObjections(_ db: Database, session: Int64? = nil, id: Int64? = nil) throws -> [StoredReviewObjection] {
        let request: SQLRequest<Row> = """
            SELECT reviewObjection.*, reviewNotice.reviewSessionId AS session
            FROM reviewObjection JOIN reviewNotice ON reviewNotice.id = reviewObjection.reviewNoticeId
            \(SQL.whereClause([session.map { "reviewNotice.reviewSessionId = \($0)" }, id.map { "reviewObjection.id = \($0)" }]))
            ORDER BY reviewObjection.id
            """
        return try request.fetchAll(db).map { row in
            let record = try ReviewObjectionRecord(row: row)
            return StoredReviewObjection(
                id: record.id ?? 0, session: row["session"], application: record.applicationId, objector: record.objector,
                grounds: record.grounds, evidence: record.evidence, recordedAt: record.recordedAt, recordedBy: record.recordedBy,
                resolution: record.resolution.flatMap(ObjectionResolution.init(rawValue:)), reason: record.reason,
                resolvedAt: record.resolvedAt, resolvedBy: record.resolvedBy)
        }
    }

    static func reviewDecisions(_ db: Database, application: Int64? = nil, id: Int64? = nil) throws -> [StoredReviewDecision] {
        var request = ReviewDecisionRecord.order(ReviewDecisionRecord.Columns.id)
        if let application { request = request.filter(ReviewDecisionRecord.Columns.applicationId == application) }
        if let id { request = request.filter(ReviewDecisionRecord.Columns.id == id) }
        return try request.fetchAll(db).map { record in
            // Replaced by a correction that supersedes it, or by the decision of a later review of
            // the application (after an accepted appeal): either way no longer the one in force.
            let later = try Int64.fetchOne(db, sql: """
                SELECT id FROM reviewDecision WHERE applicationId = ? AND id > ? AND (supersedes = ? OR reviewSessionId <> ?) ORDER BY id LIMIT 1
                """, arguments: [record.applicationId, record.id, record.id, record.reviewSessionId])
            return StoredReviewDecision(
                id: record.id ?? 0, session: record.reviewSessionId, tenant: record.tenantId, decision: try record.decision,
                decidedOn: record.decidedOn, recordedAt: record.recordedAt, recordedBy: record.recordedBy, supersededBy: later)
        }
    }
}
