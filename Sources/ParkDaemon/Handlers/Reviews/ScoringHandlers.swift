import ParkControl
import ParkCore
import ParkStore

/// `io.parkd.Review`: blind scoring, the close, its results and their verification.
///
/// A sheet is the caller's own, by the socket's uid: no parameter names whose sheet it is.
/// Before a session closes nothing here answers with a score or a figure derived from one,
/// except a reviewer's own sheet to that reviewer; the audit trail records the sheet's
/// commitment (`CallContext.change(sealing:)`) instead of its parameters.
enum ScoringHandlers {
    static func register(in table: inout MethodTable, database: ParkDatabase) {
        table.register(ReviewAPI.score, sealingAllBut: ReviewAPI.openParameters[ReviewAPI.score.name] ?? []) { request, call in
            let reviewer = Reviewer(uid: Int64(call.caller.uid), name: call.caller.userName)
            let rules = try await database.scoringRules(application: request.application, reviewer: reviewer, configured: call.state.config.scoring)
            let sheet = try ScoreSheet(
                application: request.application, reviewer: reviewer, scores: request.scores.map { ($0.criterion, $0.score) },
                veto: request.veto, reason: request.reason, rules: rules)
            let salt = freshSalt()
            let commitment = sheet.commitment(salt: salt)
            let stored = try await database.submitSheet(sheet, rules: rules, salt: salt, commitment: commitment, context: call.change(sealing: commitment))
            return ReviewAPI.ScoreReply(sheet: wire(stored))
        }

        table.register(ReviewAPI.dissent, sealingAllBut: ReviewAPI.openParameters[ReviewAPI.dissent.name] ?? []) { request, call in
            let reviewer = Reviewer(uid: Int64(call.caller.uid), name: call.caller.userName)
            let dissent = try Dissent(application: request.application, reviewer: reviewer, text: request.text)
            let salt = freshSalt()
            let commitment = dissent.commitment(salt: salt)
            let stored = try await database.submitDissent(dissent, salt: salt, commitment: commitment, context: call.change(sealing: commitment))
            return ReviewAPI.DissentReply(session: stored.session, version: stored.version, commitment: commitment)
        }

        table.register(ReviewAPI.submissions) { request, _ in
            let submissions = try await database.sheetSubmissions(session: request.session)
            return ReviewAPI.SubmissionsReply(status: submissions.session.session.status.rawValue, applicants: submissions.applicants.map { applicant in
                ReviewAPI.ApplicantSubmissions(
                    application: applicant.application.application, name: applicant.application.name, creditCode: applicant.application.creditCode,
                    members: applicant.members.map { ReviewAPI.Submission(uid: $0.reviewer.uid, user: $0.reviewer.name, state: $0.state.rawValue) })
            })
        }

        table.register(ReviewAPI.closeSession) { request, call in
            ReviewAPI.ResultsReply(results: wire(
                try await database.closeReviewSession(
                    request.session, rules: call.state.config.scoring, today: call.state.today(), context: call.change())))
        }

        table.register(ReviewAPI.result) { request, _ in
            ReviewAPI.ResultsReply(results: wire(try await database.reviewResults(session: request.session)))
        }

        table.register(ReviewAPI.verify, runs: .offEventLoop) { request, _ in
            let verification = try await database.verifyReviewSession(request.session)
            return ReviewAPI.VerifyReply(checked: verification.checkedVersions, agrees: verification.agrees, differences: verification.differences)
        }
    }

    /// 16 random bytes in hex: the salt of one commitment.
    private static func freshSalt() -> String {
        var generator = SystemRandomNumberGenerator()
        return ContentHash.hex((0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }

    static func wire(_ stored: StoredSheet) -> ReviewAPI.Sheet {
        let sheet = stored.sheet
        return ReviewAPI.Sheet(
            session: stored.session, application: sheet.application, uid: sheet.reviewer.uid, user: sheet.reviewer.name, version: stored.version,
            scores: sheet.scores.map { ReviewAPI.CriterionScore(criterion: $0.criterion, score: $0.score.description) },
            total: sheet.total.description, veto: sheet.veto.map { ReviewAPI.Veto(item: $0.item, reason: $0.reason) },
            submittedAt: stored.submittedAt, salt: stored.salt.isEmpty ? nil : stored.salt, commitment: stored.commitment)
    }

    static func wire(_ results: SessionResults) -> ReviewAPI.Results {
        let session = results.session.session
        return ReviewAPI.Results(
            session: results.session.id, heldOn: session.heldOn.description, venue: session.venue, chair: session.chair,
            closedAt: results.closedAt, threshold: ReviewTally.points(hundredths: results.rules.thresholdHundredths),
            trimmedFrom: ReviewTally.trimmedFrom,
            criteria: results.rules.criteria.map { ReviewAPI.Criterion(name: $0.name, weight: $0.weight.description) },
            vetoItems: results.rules.vetoes.map { ReviewAPI.VetoItem(name: $0.name, description: $0.description) },
            applicants: results.applicants.map { applicant in
                ReviewAPI.ApplicantResult(
                    application: applicant.application.application, name: applicant.application.name,
                    creditCode: applicant.application.creditCode, eligible: applicant.eligible,
                    score: applicant.scoreHundredths.map(ReviewTally.points), outcome: applicant.outcome,
                    sheets: applicant.sheets.map(wire),
                    dropped: applicant.sheets.filter { applicant.dropped.contains($0.id) }.map(\.sheet.reviewer.name),
                    dissents: applicant.dissents.map {
                        ReviewAPI.DissentNote(
                            uid: $0.dissent.reviewer.uid, user: $0.dissent.reviewer.name, text: $0.dissent.text, version: $0.version,
                            submittedAt: $0.submittedAt)
                    })
            })
    }
}
