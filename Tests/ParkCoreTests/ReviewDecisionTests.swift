import ParkCore
import Testing

@Suite("Entry reviews: the public notice of a session's results and the final decisions")
struct ReviewDecisionTests {
    func day(_ text: String) throws -> CivilDate { try CivilDate.parse(text, field: "day") }

    @Test("a review notice runs its working days across the Spring Festival, counting the swapped Saturday, and closes only after its last day")
    func noticeAcrossTheSpringFestival() throws {
        let calendar = try CalendarFixtures.calendar()
        // Tuesday 2021-02-09: Wednesday 10th, the festival 11th-17th skipped, Thursday 18th, Friday 19th,
        // Saturday 20th (worked for the festival), Monday 22nd.
        let notice = try ReviewNotice.publish(
            session: 4, status: .closed, existing: nil, today: day("2021-02-09"), workingDays: 5, calendar: calendar)
        #expect(notice.period.startsOn == (try day("2021-02-09")))
        #expect(notice.period.endsOn == (try day("2021-02-22")))
        try notice.checkTakesObjection(on: day("2021-02-22"))
        let late = #expect(throws: DomainError.self) { try notice.checkTakesObjection(on: day("2021-02-23")) }
        #expect(late?.field == "application" && late?.reason.contains("ended on 2021-02-22") == true)
        let early = #expect(throws: DomainError.self) { try notice.checkClosable(today: day("2021-02-22")) }
        #expect(early?.field == "session" && early?.reason.contains("runs until 2021-02-22") == true)
        try notice.checkClosable(today: day("2021-02-23"))
        var closed = notice
        closed.closed = true
        #expect(throws: DomainError.self) { try closed.checkClosable(today: day("2021-02-24")) }
        #expect(throws: DomainError.self) { try closed.checkTakesObjection(on: day("2021-02-10")) }
    }

    @Test("only a closed session is put on notice, once, for 1 to 60 working days of a covered year")
    func publishRefusals() throws {
        let calendar = try CalendarFixtures.calendar()
        let today = try day("2021-03-01")
        let open = #expect(throws: DomainError.self) {
            try ReviewNotice.publish(session: 1, status: .open, existing: nil, today: today, workingDays: 5, calendar: calendar)
        }
        #expect(open?.field == "session" && open?.reason.contains("is open") == true)
        let first = try ReviewNotice.publish(session: 1, status: .closed, existing: nil, today: today, workingDays: 5, calendar: calendar)
        let again = #expect(throws: DomainError.self) {
            try ReviewNotice.publish(session: 1, status: .closed, existing: first, today: today, workingDays: 5, calendar: calendar)
        }
        #expect(again?.reason == "review session 1 is already on notice until \(first.period.endsOn); a session's results are put on notice once")
        // After its last day, and once closed, it says so: not "on notice".
        let afterItsEnd = first.period.endsOn.adding(days: 1)
        let ended = #expect(throws: DomainError.self) {
            try ReviewNotice.publish(session: 1, status: .closed, existing: first, today: afterItsEnd, workingDays: 5, calendar: calendar)
        }
        #expect(ended?.reason == "review session 1 was on notice until \(first.period.endsOn); its notice awaits closing; a session's results are put on notice once")
        var closed = first
        closed.closed = true
        let closedAgain = #expect(throws: DomainError.self) {
            try ReviewNotice.publish(session: 1, status: .closed, existing: closed, today: afterItsEnd, workingDays: 5, calendar: calendar)
        }
        #expect(closedAgain?.reason == "review session 1 was on notice until \(first.period.endsOn), and its notice is closed; a session's results are put on notice once")
        let zero = #expect(throws: DomainError.self) {
            try ReviewNotice.publish(session: 1, status: .closed, existing: nil, today: today, workingDays: 0, calendar: calendar)
        }
        #expect(zero?.field == "days")
        let uncovered = #expect(throws: DomainError.self) {
            try ReviewNotice.publish(session: 1, status: .closed, existing: nil, today: day("2030-01-02"), workingDays: 5, calendar: calendar)
        }
        #expect(uncovered?.kind == .yearNotCovered(2030))
    }

    @Test("at the end of the notice: passed is approved, failed and vetoed are rejected, an open objection holds, an upheld one withdraws")
    func endOfNotice() throws {
        let calendar = try CalendarFixtures.calendar()
        let notice = try ReviewNotice.publish(
            session: 4, status: .closed, existing: nil, today: day("2021-02-09"), workingDays: 5, calendar: calendar)
        let results = [
            ReviewDecision.Result(application: 1, outcome: .passed, scoreHundredths: 7850, vetoes: []),
            ReviewDecision.Result(application: 2, outcome: .failed, scoreHundredths: 6905, vetoes: []),
            ReviewDecision.Result(application: 3, outcome: .vetoed, scoreHundredths: 8100,
                                  vetoes: [ScoreSheet.Veto(item: "environmental", reason: "discharge permit missing")]),
            ReviewDecision.Result(application: 4, outcome: .passed, scoreHundredths: 9000, vetoes: []),
            ReviewDecision.Result(application: 5, outcome: .passed, scoreHundredths: 7000, vetoes: []),
            ReviewDecision.Result(application: 6, outcome: .passed, scoreHundredths: 7200, vetoes: []),
            ReviewDecision.Result(application: 7, outcome: .failed, scoreHundredths: 5000, vetoes: []),
        ]
        let objections = [
            ReviewDecision.Objection(id: 10, application: 4, resolution: nil),
            ReviewDecision.Objection(id: 11, application: 5, resolution: .upheld),
            ReviewDecision.Objection(id: 12, application: 6, resolution: .dismissed),
            ReviewDecision.Objection(id: 13, application: 4, resolution: .dismissed),
        ]
        let tooEarly = #expect(throws: DomainError.self) {
            try ReviewDecision.atEndOfNotice(notice: notice, results: results, objections: objections, decided: [],
                                             thresholdHundredths: 7000, today: day("2021-02-22"))
        }
        #expect(tooEarly?.field == "session")
        let ends = try ReviewDecision.atEndOfNotice(
            notice: notice, results: results, objections: objections, decided: [7], thresholdHundredths: 7000, today: day("2021-02-23"))
        #expect(ends.map(\.application) == [1, 2, 3, 4, 5, 6, 7])
        let byApplication = Dictionary(uniqueKeysWithValues: ends.map { ($0.application, $0.disposition) })
        #expect(byApplication[1] == .decided(ReviewDecision(
            application: 1, verdict: .approved, outcome: .passed, scoreHundredths: 7850,
            reasons: ["score 78.50 is at or above the threshold 70.00"], supersedes: nil)))
        #expect(byApplication[2] == .decided(ReviewDecision(
            application: 2, verdict: .rejected, outcome: .failed, scoreHundredths: 6905,
            reasons: ["score 69.05 is below the threshold 70.00"], supersedes: nil)))
        #expect(byApplication[3] == .decided(ReviewDecision(
            application: 3, verdict: .rejected, outcome: .vetoed, scoreHundredths: 8100,
            reasons: ["vetoed on environmental: discharge permit missing"], supersedes: nil)))
        #expect(byApplication[4] == .held(objections: [10]))
        #expect(byApplication[5] == .withdrawn(objection: 11))
        if case .decided(let decision) = byApplication[6] { #expect(decision.verdict == .approved) } else { Issue.record("6: \(String(describing: byApplication[6]))") }
        #expect(byApplication[7] == .alreadyDecided)
        #expect(ReviewDecision.Verdict.approved.tenantStatus == .approved)
        #expect(ReviewDecision.Verdict.rejected.tenantStatus == .rejected)
    }

    @Test("a decision is superseded only while it is the latest, by a new one with its reason")
    func superseding() throws {
        let first = ReviewDecision(application: 2, verdict: .rejected, outcome: .failed, scoreHundredths: 6905,
                                   reasons: ["score 69.05 is below the threshold 70.00"], supersedes: nil)
        let corrected = try ReviewDecision.superseding(
            8, previous: first, supersededBy: nil, verdict: .approved, reason: "  a sheet was entered against the wrong applicant ")
        #expect(corrected == ReviewDecision(application: 2, verdict: .approved, outcome: .failed, scoreHundredths: 6905,
                                            reasons: ["a sheet was entered against the wrong applicant"], supersedes: 8))
        let noReason = #expect(throws: DomainError.self) {
            try ReviewDecision.superseding(8, previous: first, supersededBy: nil, verdict: .approved, reason: " \n")
        }
        #expect(noReason?.field == "reason")
        let stale = #expect(throws: DomainError.self) {
            try ReviewDecision.superseding(8, previous: first, supersededBy: 9, verdict: .approved, reason: "again")
        }
        #expect(stale?.field == "decision" && stale?.reason.contains("already superseded by decision 9") == true)
    }

    @Test("the breakdown is each criterion's mean over the counted sheets, rounded half-up once; a superseding decision keeps it")
    func breakdown() throws {
        let reviewer = Reviewer(uid: 1001, name: "wangli")
        let sheets = try [["18.5", "16.5", "17", "20.5", "12"], ["13", "15", "15.5", "18", "11"], ["14", "12", "14", "17", "12"]].map { scores in
            try ScoreSheet(
                application: 1, reviewer: reviewer, scores: Array(zip(ScoringRules.park.criteria.map(\.name), scores)), veto: nil, reason: nil,
                rules: .park)
        }
        let means = ReviewDecision.breakdown(of: sheets)
        // 45.5/3 = 15.1666… → 15.17; 43.5/3 = 14.50; 46.5/3 = 15.50; 55.5/3 = 18.50; 35/3 = 11.666… → 11.67.
        #expect(means.map(\.criterion) == ScoringRules.park.criteria.map(\.name))
        #expect(means.map(\.hundredths) == [1517, 1450, 1550, 1850, 1167])
        #expect(ReviewDecision.breakdown(of: []).isEmpty)
        let first = ReviewDecision(
            application: 1, verdict: .approved, outcome: .passed, scoreHundredths: 7533, reasons: ["r"], supersedes: nil, breakdown: means)
        #expect(try ReviewDecision.superseding(8, previous: first, supersededBy: nil, verdict: .approved, reason: "补正").breakdown == means)
    }

    @Test("a superseding decision changes the verdict only while the firm is approved or rejected: the one way between them")
    func correction() throws {
        func day(_ text: String) -> CivilDate { try! CivilDate.parse(text, field: "day") }
        func tenant(_ status: TenantStatus) throws -> Tenant {
            Tenant(
                id: 2, particulars: FirmParticulars(name: "申请企业2", businessLines: [.recruitment], origin: .local, tags: []),
                creditCode: try CreditCode("91370200MA3D0001A6"), status: status, appliedOn: day("2026-02-02"),
                history: [StatusChange(from: .reviewing, to: status, on: day("2026-02-27"), reason: "入驻评审会 1")])
        }
        #expect(try ReviewDecision.correction(of: tenant(.rejected), to: .approved, superseding: 1, reason: "总分录入错误", leases: [], today: day("2026-03-02"))
            == StatusChange(from: .rejected, to: .approved, on: day("2026-03-02"), reason: "decision 1 superseded: 总分录入错误"))
        #expect(try ReviewDecision.correction(of: tenant(.approved), to: .rejected, superseding: 1, reason: "隐瞒关联关系", leases: [], today: day("2026-03-02"))?.to == .rejected)
        #expect(try ReviewDecision.correction(of: tenant(.rejected), to: .rejected, superseding: 1, reason: "理由补正", leases: [], today: day("2026-03-02")) == nil)
        #expect(throws: DomainError.invalid(
            "verdict", "tenant 2 is active: a decision's verdict is corrected only while the firm is approved or rejected, before it moves in")) {
            try ReviewDecision.correction(of: tenant(.active), to: .rejected, superseding: 1, reason: "x", leases: [], today: day("2026-03-02"))
        }
        #expect(!TenantStatus.rejected.next.contains(.approved) && !TenantStatus.approved.next.contains(.rejected))
        // An approved firm whose checklist is open stays approved after its first lease starts,
        // but it has moved in; one with a lease signed for later is rejected once it is terminated.
        let office = LeasedUnit(unitID: 1, label: "A-1203", area: try Area.parse("120", field: "area"), kind: .office)
        var lease = try Lease(tenantID: 2, units: [office], start: day("2026-03-01"), end: day("2029-02-28"), rent: Money(fen: 4_500), deposit: .zero, billingDay: 1)
        lease.id = 7
        #expect(throws: DomainError.invalid(
            "verdict", "tenant 2 moved in on 2026-03-01 (lease 7): a decision's verdict is corrected only before the firm moves in")) {
            try ReviewDecision.correction(of: tenant(.approved), to: .rejected, superseding: 1, reason: "x", leases: [lease], today: day("2026-03-02"))
        }
        #expect(throws: DomainError.invalid(
            "verdict", "tenant 2 holds lease 7, signed to start on 2026-03-01: withdraw it (lease withdraw) before the approval is corrected to a rejection")) {
            try ReviewDecision.correction(of: tenant(.approved), to: .rejected, superseding: 1, reason: "x", leases: [lease], today: day("2026-02-28"))
        }
        // A terminated lease still holds its units from its start: only a withdrawn one (gone) frees the firm.
        lease.terminatedOn = day("2026-12-31")
        #expect(throws: DomainError.self) {
            try ReviewDecision.correction(of: tenant(.approved), to: .rejected, superseding: 1, reason: "x", leases: [lease], today: day("2026-02-28"))
        }
        #expect(try ReviewDecision.correction(of: tenant(.approved), to: .rejected, superseding: 1, reason: "x", leases: [], today: day("2026-03-02"))?.to == .rejected)
        // A rejected firm holds no lease; an approval is corrected whatever the leases.
        #expect(try ReviewDecision.correction(of: tenant(.rejected), to: .approved, superseding: 1, reason: "x", leases: [lease], today: day("2026-03-02"))?.to == .approved)
    }
}
