import ParkCore
import Testing

@Suite("Appeals against final rejections, decided without a database")
struct ReviewAppealTests {
    func day(_ text: String) -> CivilDate { try! CivilDate.parse(text, field: "day") }

    /// 2026 with its Spring Festival (15-23 February) and the Saturdays worked for it (14th, 28th).
    func calendar() throws -> WorkingDayCalendar {
        try WorkingDayCalendar([HolidaySchedule(
            year: 2026, holidays: [Holiday(name: "Spring Festival", chineseName: "春节", first: day("2026-02-15"), last: day("2026-02-23"))],
            swappedWorkingDays: [SwappedWorkingDay(day: day("2026-02-14"), makesUpFor: "Spring Festival"),
                                 SwappedWorkingDay(day: day("2026-02-28"), makesUpFor: "Spring Festival")])])
    }

    func file(verdict: ReviewDecision.Verdict = .rejected, decidedOn: String, today: String, appealed: Int64? = nil) throws -> ReviewAppeal {
        try ReviewAppeal.file(
            application: 2, latest: (decision: 3, session: 1, verdict: verdict, decidedOn: day(decidedOn)), appealedAlready: appealed,
            ground: .factualError, text: " 营收数据录入有误 ", today: day(today), windowDays: 10, calendar: try calendar())
    }

    @Test("the window is 10 working days after the rejection, the festival and its worked Saturdays counted as the calendar says")
    func window() throws {
        // Rejected Wednesday 11 February: 12, 13, 14 (worked), then the festival, 24, 25, 26, 27, 28 (worked), 2 and 3 March.
        let appeal = try file(decidedOn: "2026-02-11", today: "2026-03-03")
        #expect(appeal.deadline == day("2026-03-03") && appeal.text == "营收数据录入有误" && appeal.rejection.decision == 3)
        #expect(throws: DomainError.invalid(
            "application", "the rejection of application 2 on 2026-02-11 could be appealed until 2026-03-03 (10 working days); today is 2026-03-04")) {
            try file(decidedOn: "2026-02-11", today: "2026-03-04")
        }
    }

    @Test("a window that runs into a year the calendar does not hold: the firm is told it is in time, and which year to load, not that it is late")
    func windowPastTheCalendar() throws {
        // Rejected Wednesday 30 December 2026; Thursday 31st is working day 1 of 10, the rest in 2027.
        #expect(throws: DomainError.invalid("application", "the rejection of application 2 on 2026-12-30 can be appealed for 10 working days, "
            + "into 2027, which the working-day calendar does not cover; today (2026-12-31) is working day 1 of them, so the firm is in time: "
            + "load 2027's holiday schedule (put 2027.yaml in parkd's calendar directory and reload parkd), then file the appeal")) {
            try file(decidedOn: "2026-12-30", today: "2026-12-31")
        }
        // A window that ends within 2026 is counted as ever.
        #expect(try file(decidedOn: "2026-12-10", today: "2026-12-24").deadline == day("2026-12-24"))
        // Today in a year the calendar does not hold: refused naming that year, as every count is.
        #expect(throws: DomainError.yearNotCovered(2027)) { try file(decidedOn: "2026-12-30", today: "2027-01-04") }
    }

    @Test("only a final rejection, once; grounds from the list only")
    func refusals() throws {
        #expect(throws: DomainError.invalid("application", "application 2 was approved (decision 3); only a final rejection is appealed")) {
            try file(verdict: .approved, decidedOn: "2026-03-02", today: "2026-03-03")
        }
        #expect(throws: DomainError.invalid("application", "decision 3 on application 2 was appealed already (appeal 1)")) {
            try file(decidedOn: "2026-03-02", today: "2026-03-03", appealed: 1)
        }
        #expect(throws: DomainError.self) { try ReviewAppeal.Ground.parse("bias") }
        #expect(try ReviewAppeal.Ground.parse("undisclosed-conflict") == .undisclosedConflict)
    }

    @Test("an accepted appeal takes a rejected firm back to reviewing, and a panel whose majority sat on the first session is refused")
    func reopening() throws {
        var tenant = Tenant(
            id: 2, particulars: FirmParticulars(name: "申请企业2", businessLines: [.recruitment], origin: .local, tags: []),
            creditCode: try CreditCode("91370200MA3D0001A6"), status: .rejected, appliedOn: day("2026-02-02"),
            history: [StatusChange(from: .reviewing, to: .rejected, on: day("2026-02-27"), reason: "入驻评审会 1")])
        #expect(try ReviewAppeal.reopening(tenant, appeal: 1, today: day("2026-03-13"))
            == StatusChange(from: .rejected, to: .reviewing, on: day("2026-03-13"), reason: "appeal 1 accepted: reviewed again"))
        #expect(!TenantStatus.rejected.next.contains(.reviewing), "only an accepted appeal leaves rejected")
        tenant.status = .approved
        #expect(throws: DomainError.self) { try ReviewAppeal.reopening(tenant, appeal: 1, today: day("2026-03-13")) }
        // A rejection corrected since into an approval leaves nothing to reopen: refused, saying what to do.
        let appeal = try file(decidedOn: "2026-02-11", today: "2026-02-12")
        #expect(throws: DomainError.invalid("outcome", "decision 3, the rejection appealed, was superseded by decision 4, and the application is approved (decision 4): nothing is left to reopen; refuse the appeal, saying so")) {
            try appeal.checkReopenable(supersededBy: 4, standing: (decision: 4, verdict: .approved), otherOpen: nil)
        }
        // A rejection corrected into a rejection (a reason put right) is still appealed.
        try appeal.checkReopenable(supersededBy: 4, standing: (decision: 4, verdict: .rejected), otherOpen: nil)
        try appeal.checkReopenable(supersededBy: nil, standing: (decision: 3, verdict: .rejected), otherOpen: nil)
        // A firm that applied again (a prescreen without noOpenApplication) awaits one review at a time.
        #expect(throws: DomainError.invalid("outcome", "the firm's application 7 awaits review: a firm awaits one review at a time; withdraw that application before the appeal reopens application 2")) {
            try appeal.checkReopenable(supersededBy: nil, standing: (decision: 3, verdict: .rejected), otherOpen: 7)
        }

        let reviewers = (1...8).map { Reviewer(uid: Int64(100 + $0), name: "r\($0)") }
        let first: Set<Int64> = [101, 102, 103, 104, 105]
        #expect(throws: DomainError.invalid(
            "panel", "3 of the 5 reviewers (r1, r2, r3) sat on session 1, whose rejection of application 2 was appealed; its review again needs a panel whose majority did not")) {
            try ReviewAppeal.checkPanel(try ReviewPanel([reviewers[0], reviewers[1], reviewers[2], reviewers[5], reviewers[6]]),
                                        application: 2, firstSession: 1, firstPanel: first, field: "panel")
        }
        try ReviewAppeal.checkPanel(try ReviewPanel(Array(reviewers[3...7])), application: 2, firstSession: 1, firstPanel: first, field: "panel")
    }
}
