import Logging
import ParkCore
import ParkStore

/// The public notice (公示) of review sessions' results: publishing and closing notices,
/// objections and final decisions. What `io.parkd.Review` calls, what the scheduled job that
/// closes due notices calls, and what the submissions intake calls to record an objection
/// (`recordObjection`), so that all go through the same steps.
struct ReviewNotices: Sendable {
    let database: ParkDatabase
    let calendar: CalendarRegistry
    let state: DaemonState
    let logger: Logger

    /// Puts a closed session's results on notice from today for `days` working days (the
    /// configuration's `reviews.notice_days` when nil), counted with the calendar in force.
    func publish(session: Int64, days: Int?, context: ChangeContext) async throws -> StoredReviewNotice {
        let notice = try await database.publishReviewNotice(
            session: session, today: state.today(), workingDays: days ?? state.config.reviewNoticeWorkingDays, calendar: calendar.calendar,
            context: context)
        logger.notice("review results on public notice", metadata: [
            "session": "\(session)", "from": "\(notice.notice.period.startsOn)", "until": "\(notice.notice.period.endsOn)",
        ])
        return notice
    }

    /// Closes a session's notice once its last day has passed: every applicant without an open
    /// objection gets its final decision, which moves its tenant (an approved one gets the
    /// configured onboarding checklist).
    func close(session: Int64, context: ChangeContext) async throws -> ReviewNoticeClosing {
        let closing = try await database.closeReviewNotice(
            session: session, today: state.today(), onboarding: state.config.onboardingItems, context: context)
        logger.notice("review notice closed", metadata: [
            "session": "\(session)", "ended": "\(closing.notice.notice.period.endsOn)", "decided": "\(closing.decided.count)",
            "held": "\(closing.held.keys.sorted().map(String.init).joined(separator: ","))",
        ])
        return closing
    }

    /// The notices whose last day has passed and that are still open: what a scheduled job closes.
    func due() async throws -> [StoredReviewNotice] {
        let today = state.today()
        return try await database.reviewNotices().filter { !$0.notice.closed && $0.notice.period.hasEnded(on: today) }
    }

    /// Records an objection (who, on what grounds, with what evidence) to an applicant's result
    /// while its session's notice runs: it holds the applicant's decision until resolved.
    func recordObjection(
        application: Int64, objector: String, grounds: String, evidence: String?, context: ChangeContext
    ) async throws -> StoredReviewObjection {
        let objection = try await database.recordReviewObjection(
            application: application, objector: try FieldText.text(objector, field: "objector", maxLength: 200),
            grounds: try FieldText.paragraphs(grounds, field: "grounds", maxLength: 2000),
            evidence: try FieldText.optionalParagraphs(evidence, field: "evidence", maxLength: 8000), today: state.today(), context: context)
        logger.notice("objection to a review result recorded", metadata: [
            "objection": "\(objection.id)", "application": "\(application)", "session": "\(objection.session)",
        ])
        return objection
    }

    /// Resolves an open objection with a reason; after the close, the decisions it releases.
    func resolve(
        objection: Int64, resolution: ObjectionResolution, reason: String, context: ChangeContext
    ) async throws -> (objection: StoredReviewObjection, decided: [StoredReviewDecision]) {
        try await database.resolveReviewObjection(
            objection, resolution: resolution, reason: try FieldText.paragraphs(reason, field: "reason", maxLength: 2000), today: state.today(),
            onboarding: state.config.onboardingItems, context: context)
    }

    /// Records a decision superseding `decision` for a corrected error, with its reason.
    func supersede(decision: Int64, verdict: ReviewDecision.Verdict, reason: String, context: ChangeContext) async throws -> StoredReviewDecision {
        try await database.supersedeReviewDecision(
            decision, verdict: verdict, reason: try FieldText.paragraphs(reason, field: "reason", maxLength: 2000), today: state.today(),
            onboarding: state.config.onboardingItems, context: context)
    }

    /// Files an appeal against an application's final rejection, within the configuration's
    /// `reviews.appeal_days` working days after it.
    func fileAppeal(application: Int64, ground: ReviewAppeal.Ground, text: String, context: ChangeContext) async throws -> StoredReviewAppeal {
        let appeal = try await database.fileReviewAppeal(
            application: application, ground: ground, text: text, today: state.today(), windowDays: state.config.appealWorkingDays,
            calendar: calendar.calendar, context: context)
        logger.notice("appeal against a review decision filed", metadata: [
            "appeal": "\(appeal.id)", "application": "\(application)", "decision": "\(appeal.appeal.rejection.decision)",
        ])
        return appeal
    }

    /// Accepts (reopening the review) or refuses an appeal with a reason.
    func decideAppeal(_ id: Int64, outcome: ReviewAppeal.Outcome, reason: String, context: ChangeContext) async throws -> StoredReviewAppeal {
        try await database.decideReviewAppeal(id, outcome: outcome, reason: reason, today: state.today(), context: context)
    }
}
