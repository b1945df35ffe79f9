import GRDB
import ParkCore
import ParkStore
import Testing

@Suite("Review notices, objections and decisions in the store")
struct ReviewNoticeStoreTests {
    static let heldOn = CivilDate(year: 2021, month: 2, day: 5)!
    static let panel = (1...5).map { Reviewer(uid: Int64(2000 + $0), name: "reviewer\($0)") }

    func day(_ text: String) throws -> CivilDate { try CivilDate.parse(text, field: "day") }

    /// 2021 with its Spring Festival, 11-17 February, and the two weekend days worked for it.
    func calendar() throws -> WorkingDayCalendar {
        try WorkingDayCalendar([HolidaySchedule(
            year: 2021, holidays: [Holiday(name: "Spring Festival", chineseName: "春节", first: day("2021-02-11"), last: day("2021-02-17"))],
            swappedWorkingDays: [SwappedWorkingDay(day: day("2021-02-07"), makesUpFor: "Spring Festival"),
                                 SwappedWorkingDay(day: day("2021-02-20"), makesUpFor: "Spring Festival")])])
    }

    /// Two applicants scored by five reviewers and closed: application 1 passes (80.00),
    /// application 2 fails (50.00).
    func closedSession(_ database: ParkDatabase) async throws {
        for (index, code) in ["91370200MA3C1234XQ", "91370200MA3D0001A6"].enumerated() {
            let form = try ApplicationForm(
                name: "申请企业\(index + 1)", creditCode: code, businessLines: ["recruitment"], hrServiceLicence: "HR-1",
                registeredCapital: Money(fen: 500_000_000), headcount: 12, plannedOfficeArea: Area(centiSquareMetres: 12_000),
                expectedAnnualRevenue: Money(fen: 1_000_000), expectedAnnualTax: Money(fen: 10_000), legalRepresentative: "张伟",
                shareholders: [], statements: [], appliedOn: Self.heldOn, today: Self.heldOn)
            _ = try await database.receiveApplication(form, rules: .park, today: Self.heldOn, context: context("io.parkd.Application.Create"))
        }
        _ = try await database.createReviewSession(
            heldOn: Self.heldOn, venue: "301", chair: "刘主任", agenda: [1, 2], panel: try ReviewPanel(Self.panel),
            today: CivilDate(year: 2030, month: 1, day: 1)!, context: context("io.parkd.Review.CreateSession"))
        for (application, scores) in [(Int64(1), ["16", "16", "16", "20", "12"]), (2, ["10", "10", "10", "10", "10"])] {
            for member in 0..<5 {
                let sheet = try ScoreSheet(
                    application: application, reviewer: Self.panel[member], scores: Array(zip(ScoringRules.park.criteria.map(\.name), scores)),
                    veto: nil, reason: nil, rules: .park)
                _ = try await database.submitSheet(sheet, rules: .park, salt: "s", commitment: sheet.commitment(salt: "s"), context: context("io.parkd.Review.Score"))
            }
        }
        _ = try await database.closeReviewSession(1, rules: .park, today: Self.heldOn, context: context("io.parkd.Review.CloseSession"))
    }

    @Test("a firm's signed objection is recorded through the submission intake while the notice runs, in the firm's name; after it, refused")
    func objectionSubmitted() async throws {
        try await withTemporaryDirectory { directory in
            let database = try ParkDatabase(path: directory + "/parkd.sqlite")
            try await closedSession(database)
            _ = try await database.publishReviewNotice(
                session: 1, today: day("2021-02-09"), workingDays: 5, calendar: try calendar(), context: context("io.parkd.Review.PublishNotice"))
            let firm = try await database.createTenant(try applicant(3), context: context())
            let key = ReceiptKey.generate()
            _ = try await database.addTenantKey(tenant: .id(firm.id), publicKey: key.publicKey, label: nil, origin: .added, context: context())
            func objection(_ id: String) throws -> ReceivedSubmission {
                let bytes = Array(#"{"submissionId":"\#(id)","tenant":"\#(creditCode(3))","keyId":"\#(key.publicKey.keyId)","type":"objection","createdAt":"2021-02-22T10:00:00+08:00","payload":{"application":1,"grounds":"评分材料与实际经营不符"}}"#.utf8)
                return ReceivedSubmission(envelope: try SubmissionEnvelope.parse(bytes).get(), envelopeBytes: bytes, signature: try key.sign(bytes))
            }
            let taken = try await database.takeSubmission(
                objection("o1"), parkKeyId: "park", today: day("2021-02-22"), now: 1_613_959_200, prescreen: .park, context: context("io.parkd.Submission.Intake"))
            #expect(taken.status == .accepted, "\(taken.receipt)")
            #expect(taken.receipt.contains(#""result":{"objection":{"id":1,"application":1,"session":1}}"#), "\(taken.receipt)")
            let late = try await database.takeSubmission(
                objection("o2"), parkKeyId: "park", today: day("2021-02-23"), now: 1_614_045_600, prescreen: .park, context: context("io.parkd.Submission.Intake"))
            #expect(late.status == .rejected, "\(late.receipt)")
            let objections = try await database.reviewNotice(session: 1).objections
            #expect(objections.count == 1)
            #expect(objections.first?.objector == "\(firm.tenant.name) (\(creditCode(3)))")
        }
    }

    /// `closedSession` with its notice published and closed, application 2 rejected by the
    /// first decision and that rejection appealed on 24 February.
    func appealedRejection(_ database: ParkDatabase) async throws -> (rejection: StoredReviewDecision, appeal: StoredReviewAppeal) {
        try await closedSession(database)
        _ = try await database.publishReviewNotice(
            session: 1, today: day("2021-02-09"), workingDays: 5, calendar: try calendar(), context: context("io.parkd.Review.PublishNotice"))
        _ = try await database.closeReviewNotice(session: 1, today: day("2021-02-23"), context: context("io.parkd.Review.CloseNotice"))
        let rejection = try #require(try await database.reviewDecisions(application: 2).first)
        #expect(rejection.decision.verdict == .rejected)
        let appeal = try await database.fileReviewAppeal(
            application: 2, ground: .factualError, text: "营收数据录入有误", today: day("2021-02-24"), windowDays: 10, calendar: try calendar(),
            context: context("io.parkd.Review.AddAppeal"))
        return (rejection, appeal)
    }

    @Test("a rejection superseded by a rejection (a corrected reason) is the same rejection: appealed once, within the first's window")
    func correctedRejectionKeepsItsAppeal() async throws {
        try await withTemporaryDirectory { directory in
            let database = try ParkDatabase(path: directory + "/parkd.sqlite")
            let (rejection, appeal) = try await appealedRejection(database)
            let calendar = try calendar()
            _ = try await database.decideReviewAppeal(
                appeal.id, outcome: .refused, reason: "数据无误", today: day("2021-02-25"), context: context("io.parkd.Review.DecideAppeal"))
            let corrected = try await database.supersedeReviewDecision(
                rejection.id, verdict: .rejected, reason: "理由措辞更正", today: day("2021-02-26"), context: context("io.parkd.Review.SupersedeDecision"))
            await #expect(throws: DomainError.invalid("application", "decision \(corrected.id) on application 2 was appealed already (appeal \(appeal.id))")) {
                try await database.fileReviewAppeal(
                    application: 2, ground: .proceduralError, text: "again", today: self.day("2021-02-26"), windowDays: 10, calendar: calendar,
                    context: context("io.parkd.Review.AddAppeal"))
            }
        }
    }

    @Test("an appeal against a rejection corrected since (a reason put right) reopens the application when accepted: it awaits review, goes before a new panel, and may be withdrawn")
    func appealAgainstACorrectedRejectionReopens() async throws {
        try await withTemporaryDirectory { directory in
            let database = try ParkDatabase(path: directory + "/parkd.sqlite")
            let (rejection, appeal) = try await appealedRejection(database)
            _ = try await database.supersedeReviewDecision(
                rejection.id, verdict: .rejected, reason: "理由措辞更正", today: day("2021-02-25"), context: context("io.parkd.Review.SupersedeDecision"))
            _ = try await database.decideReviewAppeal(
                appeal.id, outcome: .accepted, reason: "经核实确有录入错误", today: day("2021-02-25"), context: context("io.parkd.Review.DecideAppeal"))
            #expect(try await database.application(2).status == .awaitingReview)
            #expect(try await database.tenant(.creditCode("91370200MA3D0001A6")).tenant.status == .reviewing)
            // Open again, with no result pending: it may be withdrawn, as any open application.
            let withdrawn = try await database.withdrawApplication(
                2, reason: "另选园区", on: day("2021-02-26"), today: day("2021-02-26"), context: context("io.parkd.Application.Withdraw"))
            #expect(withdrawn.status == .withdrawn)
        }
    }

    @Test("after an accepted appeal, the decision of the review again replaces the appealed one: one decision in force, and the old one is no longer superseded")
    func reviewAgainReplacesTheAppealedDecision() async throws {
        try await withTemporaryDirectory { directory in
            let database = try ParkDatabase(path: directory + "/parkd.sqlite")
            let (rejection, appeal) = try await appealedRejection(database)
            let calendar = try calendar()
            #expect(try await database.application(2).status == .rejected)
            _ = try await database.decideReviewAppeal(
                appeal.id, outcome: .accepted, reason: "经核实确有录入错误", today: day("2021-02-25"), context: context("io.parkd.Review.DecideAppeal"))
            #expect(try await database.application(2).status == .awaitingReview, "reopened: it awaits review again")

            // Reviewed again by a panel none of whom sat on session 1, and approved.
            let panel = (6...10).map { Reviewer(uid: Int64(2000 + $0), name: "reviewer\($0)") }
            let again = try await database.createReviewSession(
                heldOn: day("2021-03-01"), venue: "302", chair: "刘主任", agenda: [2], panel: try ReviewPanel(panel),
                today: CivilDate(year: 2030, month: 1, day: 1)!, context: context("io.parkd.Review.CreateSession"))
            for member in panel {
                let sheet = try ScoreSheet(
                    application: 2, reviewer: member, scores: Array(zip(ScoringRules.park.criteria.map(\.name), ["16", "16", "16", "20", "12"])),
                    veto: nil, reason: nil, rules: .park)
                _ = try await database.submitSheet(sheet, rules: .park, salt: "s", commitment: sheet.commitment(salt: "s"), context: context("io.parkd.Review.Score"))
            }
            _ = try await database.closeReviewSession(again.id, rules: .park, today: day("2021-03-01"), context: context("io.parkd.Review.CloseSession"))
            _ = try await database.publishReviewNotice(
                session: again.id, today: day("2021-03-02"), workingDays: 5, calendar: calendar, context: context("io.parkd.Review.PublishNotice"))
            let closing = try await database.closeReviewNotice(session: again.id, today: day("2021-03-10"), context: context("io.parkd.Review.CloseNotice"))
            let approval = try #require(closing.decided.first)
            #expect(approval.decision.verdict == .approved && approval.decision.application == 2)

            let decisions = try await database.reviewDecisions(application: 2)
            #expect(decisions.map(\.id) == [rejection.id, approval.id])
            #expect(decisions.map(\.supersededBy) == [approval.id, nil], "the appealed rejection is replaced; the new approval is in force")
            await #expect(throws: DomainError.invalid("decision", "decision \(rejection.id) is already superseded by decision \(approval.id); supersede the latest")) {
                try await database.supersedeReviewDecision(
                    rejection.id, verdict: .approved, reason: "x", today: self.day("2021-03-11"), context: context("io.parkd.Review.SupersedeDecision"))
            }
            #expect(try await database.tenant(.creditCode("91370200MA3D0001A6")).tenant.status == .approved)
            #expect(try await database.application(2).status == .approved)
            #expect(try await database.application(1).status == .approved)
        }
    }

    @Test("a database whose reviewed applications stayed awaitingReview (before v20) is upgraded to their decisions' verdicts; a reopened one still awaits review")
    func upgradeGivesDecidedApplicationsTheirVerdicts() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory + "/parkd.sqlite"
            let database = try ParkDatabase(path: path)
            // Application 1 approved, application 2 rejected and appealed, the appeal accepted.
            let (_, appeal) = try await appealedRejection(database)
            _ = try await database.decideReviewAppeal(
                appeal.id, outcome: .accepted, reason: "经核实确有录入错误", today: day("2021-02-25"), context: context("io.parkd.Review.DecideAppeal"))
            #expect(try await database.applications(status: nil).map(\.status) == [.approved, .awaitingReview])
            // As an earlier parkd left it: every reviewed application awaiting review, v20 not applied.
            let queue = try DatabaseQueue(path: path)
            try await queue.write { db in
                try db.execute(sql: "UPDATE application SET status = 'awaitingReview'")
                try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v20-applicationDecided'")
            }
            try queue.close()
            let upgraded = try ParkDatabase(path: path)
            #expect(try await upgraded.applications(status: nil).map(\.status) == [.approved, .awaitingReview])
        }
    }

    @Test("an application whose result still leads to a decision goes before no other panel: before the notice, during it, held by an objection; withdrawn by an upheld one, it does")
    func undecidedResultKeepsTheApplicationOffAgendas() async throws {
        try await withTemporaryDirectory { directory in
            let database = try ParkDatabase(path: directory + "/parkd.sqlite")
            try await closedSession(database)
            func scheduleAgain() async throws {
                _ = try await database.createReviewSession(
                    heldOn: try day("2021-03-01"), venue: "302", chair: "刘主任", agenda: [1], panel: try ReviewPanel(Self.panel),
                    today: CivilDate(year: 2030, month: 1, day: 1)!, context: context("io.parkd.Review.CreateSession"))
            }
            let refusal = DomainError.invalid("applications", "application 1 has a result of review session 1 still to be decided (its notice, objections and final decision come first); only a result withdrawn by an upheld objection, or an accepted appeal, puts it before a panel again")
            await #expect(throws: refusal) { try await scheduleAgain() }
            _ = try await database.publishReviewNotice(
                session: 1, today: day("2021-02-09"), workingDays: 5, calendar: calendar(), context: context("io.parkd.Review.PublishNotice"))
            await #expect(throws: refusal) { try await scheduleAgain() }
            let objection = try await database.recordReviewObjection(
                application: 1, objector: "王某", grounds: "评分材料与实际经营不符", evidence: nil, today: day("2021-02-22"),
                context: context("io.parkd.Review.AddObjection"))
            _ = try await database.closeReviewNotice(session: 1, today: day("2021-02-23"), context: context("io.parkd.Review.CloseNotice"))
            await #expect(throws: refusal) { try await scheduleAgain() }
            let upheld = try await database.resolveReviewObjection(
                objection.id, resolution: .upheld, reason: "材料不实", today: day("2021-02-24"), context: context("io.parkd.Review.ResolveObjection"))
            #expect(upheld.decided.isEmpty)
            try await scheduleAgain()
            #expect(try await database.reviewSession(2).session.agenda == [1])
            // The rejected applicant has its decision: only an accepted appeal reopens it.
            await #expect(throws: DomainError.self) {
                try await database.createReviewSession(
                    heldOn: try day("2021-03-01"), venue: "302", chair: "刘主任", agenda: [2], panel: try ReviewPanel(Self.panel),
                    today: CivilDate(year: 2030, month: 1, day: 1)!, context: context("io.parkd.Review.CreateSession"))
            }
        }
    }

    @Test("a notice across the Spring Festival: an objection holds one decision past the close, its dismissal releases it; tenants move")
    func noticeAndDecisions() async throws {
        try await withTemporaryDirectory { directory in
            let database = try ParkDatabase(path: directory + "/parkd.sqlite")
            try await closedSession(database)
            let calendar = try calendar()
            let notice = try await database.publishReviewNotice(
                session: 1, today: day("2021-02-09"), workingDays: 5, calendar: calendar, context: context("io.parkd.Review.PublishNotice"))
            // Wednesday 10th; the festival; Thursday 18th, Friday 19th, Saturday 20th (worked), Monday 22nd.
            #expect(notice.notice.period.endsOn == (try day("2021-02-22")))
            await #expect(throws: DomainError.invalid("session", "review session 1 is already on notice until 2021-02-22; a session's results are put on notice once")) {
                try await database.publishReviewNotice(
                    session: 1, today: day("2021-02-10"), workingDays: 5, calendar: calendar, context: context("io.parkd.Review.PublishNotice"))
            }
            let posting = try await database.reviewNotice(session: 1)
            #expect(posting.entries.map(\.creditCode) == ["91370200MA3C1234XQ", "91370200MA3D0001A6"])
            #expect(posting.entries.map(\.scoreHundredths) == [8000, 5000])
            #expect(posting.entries.map(\.outcome) == ["passed", "failed"])

            let objection = try await database.recordReviewObjection(
                application: 1, objector: "王某（申请企业3）", grounds: "评分材料与实际经营不符", evidence: "工商变更记录",
                today: day("2021-02-22"), context: context("io.parkd.Review.AddObjection"))
            #expect(objection.session == 1 && objection.resolution == nil)
            await #expect(throws: DomainError.invalid("by", "is empty; an objection records who raised it and on what grounds")) {
                try await database.recordReviewObjection(
                    application: 2, objector: " ", grounds: "x", evidence: nil, today: day("2021-02-22"), context: context("io.parkd.Review.AddObjection"))
            }
            await #expect(throws: DomainError.self) {
                try await database.recordReviewObjection(
                    application: 2, objector: "李某", grounds: "迟到的异议", evidence: nil, today: day("2021-02-23"), context: context("io.parkd.Review.AddObjection"))
            }
            #expect(try await database.reviewNotice(session: 1).objections.count == 1)

            await #expect(throws: DomainError.self) {
                try await database.closeReviewNotice(session: 1, today: day("2021-02-22"), context: context("io.parkd.Review.CloseNotice"))
            }
            #expect(try await database.reviewNotices().map(\.closedAt) == [nil])
            #expect(try await database.reviewDecisions().isEmpty)

            let closing = try await database.closeReviewNotice(session: 1, today: day("2021-02-23"), context: context("io.parkd.Review.CloseNotice"))
            #expect(closing.held == [1: [objection.id]])
            #expect(closing.decided.map(\.decision.application) == [2])
            #expect(closing.decided.map(\.decision.verdict) == [.rejected])
            #expect(closing.decided.map(\.decision.reasons) == [["score 50.00 is below the threshold 70.00"]])
            let rejected = try await database.tenant(.creditCode("91370200MA3D0001A6"))
            #expect(rejected.tenant.status == .rejected)
            let held = try await database.tenant(.creditCode("91370200MA3C1234XQ"))
            #expect(held.tenant.status == .reviewing)
            // An application stands as its final decision; one held still awaits it.
            #expect(try await database.application(2).status == .rejected)
            #expect(try await database.application(1).status == .awaitingReview)

            let resolved = try await database.resolveReviewObjection(
                objection.id, resolution: .dismissed, reason: "经核实材料属实", today: day("2021-02-24"), context: context("io.parkd.Review.ResolveObjection"))
            #expect(resolved.objection.resolution == .dismissed)
            #expect(resolved.decided.map(\.decision.verdict) == [.approved])
            #expect(resolved.decided.map(\.decision.scoreHundredths) == [8000])
            #expect(try await database.tenant(.creditCode("91370200MA3C1234XQ")).tenant.status == .approved)
            #expect(try await database.application(1).status == .approved)
            #expect(try await database.applications(status: .awaitingReview).isEmpty)
            await #expect(throws: DomainError.invalid("objection", "objection 1 is already resolved (dismissed)")) {
                try await database.resolveReviewObjection(1, resolution: .upheld, reason: "x", today: day("2021-02-24"), context: context("io.parkd.Review.ResolveObjection"))
            }

            // A decision is superseded with its reason, only the latest; a changed verdict moves a firm not yet active.
            let first = try await database.reviewDecisions(application: 2)[0]
            let second = try await database.supersedeReviewDecision(
                first.id, verdict: .approved, reason: "第三项评分录入有误，更正后达标", today: day("2021-02-25"),
                onboarding: OnboardingChecklist.parkItems, context: context("io.parkd.Review.SupersedeDecision"))
            #expect(second.decision.supersedes == first.id && second.decision.reasons == ["第三项评分录入有误，更正后达标"])
            #expect(try await database.reviewDecision(first.id).supersededBy == second.id)
            #expect(try await database.tenant(.creditCode("91370200MA3D0001A6")).tenant.status == .approved)
            #expect(try await database.application(2).status == .approved)
            _ = try await database.tickOnboardingItem(application: 2, item: "leaseSigned", today: day("2021-02-25"), context: context("io.parkd.Application.TickChecklist"))
            await #expect(throws: DomainError.self) {
                try await database.supersedeReviewDecision(first.id, verdict: .rejected, reason: "again", today: day("2021-02-25"), context: context("io.parkd.Review.SupersedeDecision"))
            }
            let third = try await database.supersedeReviewDecision(
                second.id, verdict: .rejected, reason: "复核：更正有误，维持原结果", today: day("2021-02-26"), context: context("io.parkd.Review.SupersedeDecision"))
            #expect(third.decision.supersedes == second.id)
            #expect(try await database.tenant(.creditCode("91370200MA3D0001A6")).tenant.status == .rejected)
            #expect(try await database.reviewDecisions().count == 4)
            // Rejected again, the firm ticks nothing more on the checklist its approval opened; its earlier tick stays.
            await #expect(throws: DomainError.invalid("application", "the firm of application 2 is rejected: a checklist is ticked only once the firm is approved")) {
                try await database.tickOnboardingItem(application: 2, item: "registrationMoved", today: day("2021-02-26"), context: context("io.parkd.Application.TickChecklist"))
            }
            #expect(try await database.onboardingChecklist(application: 2).tickedBy.compactMap { $0 }.count == 1)
            try database.close()

            // The file itself refuses editing or deleting a decision.
            let queue = try DatabaseQueue(path: directory + "/parkd.sqlite")
            for sql in ["UPDATE reviewDecision SET verdict = 'approved' WHERE id = 1", "DELETE FROM reviewDecision WHERE id = 1",
                        "UPDATE reviewNotice SET endsOn = '2021-03-01'", "DELETE FROM reviewObjection"] {
                #expect(throws: DatabaseError.self, "\(sql)") { try queue.write { try $0.execute(sql: sql) } }
            }
        }
    }
}
