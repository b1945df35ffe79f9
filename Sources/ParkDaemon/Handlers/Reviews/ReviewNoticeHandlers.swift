import ParkControl
import ParkCore
import ParkStore

/// `io.parkd.Review`: the public notice of a closed session's results, objections and final
/// decisions. The steps are `ReviewNotices`'s, which the scheduled job and the intake share.
enum ReviewNoticeHandlers {
    static func register(in table: inout MethodTable, notices: ReviewNotices) {
        let database = notices.database

        table.register(ReviewAPI.publishNotice) { request, call in
            let notice = try await notices.publish(session: request.session, days: request.days, context: call.change())
            return ReviewAPI.NoticeReply(notice: wire(notice, today: call.state.today()))
        }

        table.register(ReviewAPI.getNotice) { request, call in
            let posting = try await database.reviewNotice(session: request.session)
            return ReviewAPI.GetNoticeReply(
                notice: wire(posting.notice, today: call.state.today()),
                entries: posting.entries.map {
                    ReviewAPI.NoticeEntry(
                        application: $0.application, creditCode: $0.creditCode, name: $0.name,
                        score: $0.scoreHundredths.map(ReviewTally.points), outcome: $0.outcome)
                },
                objections: posting.objections.map(wire))
        }

        table.register(ReviewAPI.closeNotice) { request, call in
            let closing = try await notices.close(session: request.session, context: call.change())
            return ReviewAPI.CloseNoticeReply(
                notice: wire(closing.notice, today: call.state.today()), decided: closing.decided.map(wire),
                held: closing.held.keys.sorted().map { ReviewAPI.HeldApplication(application: $0, objections: closing.held[$0] ?? []) },
                withdrawn: closing.withdrawn)
        }

        table.register(ReviewAPI.addObjection) { request, call in
            ReviewAPI.AddObjectionReply(objection: wire(try await notices.recordObjection(
                application: request.application, objector: request.objector, grounds: request.grounds, evidence: request.evidence,
                context: call.change())))
        }

        table.register(ReviewAPI.resolveObjection) { request, call in
            let resolved = try await notices.resolve(
                objection: request.objection, resolution: try ObjectionResolution.parse(request.resolution), reason: request.reason, context: call.change())
            return ReviewAPI.ResolveObjectionReply(objection: wire(resolved.objection), decided: resolved.decided.map(wire))
        }

        table.register(ReviewAPI.listDecisions) { request, _ in
            ReviewAPI.ListDecisionsReply(decisions: try await database.reviewDecisions(application: request.application).map(wire))
        }

        table.register(ReviewAPI.supersedeDecision) { request, call in
            return ReviewAPI.DecisionReply(decision: wire(try await notices.supersede(
                decision: request.decision, verdict: try ReviewDecision.Verdict.parse(request.verdict), reason: request.reason, context: call.change())))
        }
        registerAppeals(in: &table, notices: notices)
    }

    static func registerAppeals(in table: inout MethodTable, notices: ReviewNotices) {
        table.register(ReviewAPI.addAppeal) { request, call in
            ReviewAPI.AppealReply(appeal: wire(try await notices.fileAppeal(
                application: request.application, ground: try ReviewAppeal.Ground.parse(request.ground), text: request.text,
                context: call.change())))
        }

        table.register(ReviewAPI.decideAppeal) { request, call in
            return ReviewAPI.AppealReply(appeal: wire(try await notices.decideAppeal(
                request.appeal, outcome: try ReviewAppeal.Outcome.parse(request.outcome), reason: request.reason, context: call.change())))
        }

        table.register(ReviewAPI.listAppeals) { request, _ in
            ReviewAPI.ListAppealsReply(appeals: try await notices.database.reviewAppeals(application: request.application).map(wire))
        }
    }

    static func wire(_ stored: StoredReviewAppeal) -> ReviewAPI.Appeal {
        let appeal = stored.appeal
        return ReviewAPI.Appeal(
            id: stored.id, application: appeal.application, decision: appeal.rejection.decision, session: appeal.rejection.session,
            ground: appeal.ground.rawValue, text: appeal.text, filedOn: appeal.filedOn.description, deadline: appeal.deadline.description,
            recordedAt: stored.recordedAt, recordedBy: stored.recordedBy, outcome: stored.outcome?.rawValue, reason: stored.reason,
            decidedAt: stored.decidedAt, decidedBy: stored.decidedBy)
    }

    static func wire(_ stored: StoredReviewNotice, today: CivilDate) -> ReviewAPI.Notice {
        let period = stored.notice.period
        return ReviewAPI.Notice(
            session: stored.notice.session, startsOn: period.startsOn.description, endsOn: period.endsOn.description,
            workingDays: period.workingDays, status: period.standing(closed: stored.notice.closed, on: today),
            publishedAt: stored.publishedAt, publishedBy: stored.publishedBy, closedAt: stored.closedAt, closedBy: stored.closedBy)
    }

    static func wire(_ objection: StoredReviewObjection) -> ReviewAPI.Objection {
        ReviewAPI.Objection(
            id: objection.id, session: objection.session, application: objection.application, objector: objection.objector,
            grounds: objection.grounds, evidence: objection.evidence, recordedAt: objection.recordedAt, recordedBy: objection.recordedBy,
            resolution: objection.resolution?.rawValue, reason: objection.reason, resolvedAt: objection.resolvedAt,
            resolvedBy: objection.resolvedBy)
    }

    static func wire(_ stored: StoredReviewDecision) -> ReviewAPI.Decision {
        let decision = stored.decision
        return ReviewAPI.Decision(
            id: stored.id, session: stored.session, application: decision.application, tenant: stored.tenant,
            verdict: decision.verdict.rawValue, outcome: decision.outcome.rawValue, score: ReviewTally.points(hundredths: decision.scoreHundredths),
            reasons: decision.reasons,
            breakdown: decision.breakdown.map { ReviewAPI.CriterionMean(criterion: $0.criterion, mean: ReviewTally.points(hundredths: $0.hundredths)) },
            supersedes: decision.supersedes, supersededBy: stored.supersededBy, decidedOn: stored.decidedOn,
            recordedAt: stored.recordedAt, recordedBy: stored.recordedBy)
    }
}
