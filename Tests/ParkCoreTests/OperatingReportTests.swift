import ParkCore
import Testing

@Suite("Operating reports")
struct OperatingReportTests {
    func figures(revenue: Int64 = 100_000, tax: Int64 = 5_000, headcount: Int = 10, phd: Int = 0, sessions: Int = 0, attendees: Int = 0) -> OperatingFigures {
        OperatingFigures(
            revenue: Money(fen: revenue), tax: Money(fen: tax), employersServed: 1, workersDispatched: 2, workersOutsourced: 3,
            jobSeekersServed: 4, placements: 5, trainingSessions: sessions, trainingAttendees: attendees, phdHires: phd, headcount: headcount)
    }

    @Test("believable figures have no problem")
    func acceptable() {
        #expect(figures().problems.isEmpty)
    }

    @Test("negative and absurd values are refused per field", arguments: [
        (Int64(-1), Int64(0), 10, 0, "revenue"), (100, 200, 10, 0, "tax"), (100, 0, -1, 0, "headcount"),
        (100, 0, 10, 5_000, "phdHires"), (10_000_000_000_001, 0, 10, 0, "revenue"),
    ])
    func refused(_ revenue: Int64, _ tax: Int64, _ headcount: Int, _ phd: Int, _ field: String) {
        #expect(figures(revenue: revenue, tax: tax, headcount: headcount, phd: phd).problems.map(\.field).contains(field))
    }

    @Test("attendees need a session")
    func attendeesNeedSessions() {
        #expect(figures(attendees: 30).problems.map(\.field) == ["trainingAttendees"])
        #expect(figures(sessions: 2, attendees: 30).problems.isEmpty)
    }

    @Test("a tenant is in the park from becoming active to the day before it is exited")
    func inPark() throws {
        var tenant = try Tenant(name: "Firm", creditCode: "91370200163562681G", appliedOn: CivilDate(year: 2021, month: 1, day: 4)!, today: CivilDate(year: 2030, month: 1, day: 1)!)
        let today = CivilDate(year: 2026, month: 1, day: 1)!
        for (status, month, day) in [(TenantStatus.reviewing, 1, 10), (.approved, 1, 20), (.active, 3, 15)] {
            tenant.apply(try tenant.change(to: status, on: CivilDate(year: 2021, month: month, day: day)!, reason: "step", today: today))
        }
        #expect(!tenant.wasInPark(during: Month(year: 2021, month: 2)))
        #expect(tenant.wasInPark(during: Month(year: 2021, month: 3)))
        #expect(tenant.wasInPark(during: Month(year: 2025, month: 12)))
        tenant.apply(try tenant.change(to: .exiting, on: CivilDate(year: 2022, month: 5, day: 1)!, reason: "leaving", today: today))
        tenant.apply(try tenant.change(to: .exited, on: CivilDate(year: 2022, month: 7, day: 1)!, reason: "left", today: today))
        #expect(tenant.wasInPark(during: Month(year: 2022, month: 6)))
        #expect(!tenant.wasInPark(during: Month(year: 2022, month: 7)))
    }

    @Test("months parse strictly and order by time")
    func months() throws {
        #expect(try Month.parse("2021-03", field: "month").description == "2021-03")
        #expect(throws: DomainError.self) { try Month.parse("2021-3", field: "month") }
        #expect(Month(year: 2020, month: 12) < Month(year: 2021, month: 1))
        #expect(Month(year: 2020, month: 2).lastDay.day == 29)
    }
}

@Suite("Time in the park")
struct TimeInParkTests {
    func day(_ text: String) -> CivilDate { try! CivilDate.parse(text, field: "day") }

    func tenant(movedIn: String) throws -> Tenant {
        var tenant = try Tenant(name: "Firm", creditCode: "91370200163562681G", appliedOn: day("2019-01-01"), today: day("2030-01-01"))
        for (status, on) in [(TenantStatus.reviewing, "2019-01-02"), (.approved, "2019-01-03"), (.active, movedIn)] {
            tenant.apply(try tenant.change(to: status, on: day(on), reason: "step", today: day("2026-01-01")))
        }
        return tenant
    }

    @Test("whole months since moving in", arguments: [
        ("2021-03-15", "2021-03-31", 0), ("2021-03-15", "2021-04-14", 0), ("2021-03-15", "2021-04-15", 1),
        ("2021-01-31", "2021-02-28", 1), ("2021-03-15", "2022-03-15", 12),
    ])
    func months(_ movedIn: String, _ on: String, _ expected: Int) throws {
        #expect(try tenant(movedIn: movedIn).monthsSinceMoveIn(on: day(on)) == expected)
    }

    @Test("lease years start on move-in anniversaries; 29 February's fall on 28 February", arguments: [
        ("2021-03-15", "2021-03-15", 1), ("2021-03-15", "2022-03-14", 1), ("2021-03-15", "2022-03-15", 2),
        ("2020-02-29", "2021-02-27", 1), ("2020-02-29", "2021-02-28", 2), ("2020-02-29", "2024-02-29", 5),
    ])
    func leaseYears(_ movedIn: String, _ on: String, _ expected: Int) throws {
        #expect(try tenant(movedIn: movedIn).leaseYear(on: day(on)) == expected)
    }

    @Test("at the calendar's end: lease years of 9999, and no anniversary past it")
    func calendarEnd() throws {
        #expect(day("9999-01-01").leaseYear(on: day("9999-12-31")) == 1)
        #expect(day("0001-01-01").leaseYear(on: day("9999-12-31")) == 9999)
        #expect(day("2020-02-29").leaseYear(on: day("9999-12-31")) == 7980)
        #expect(day("9999-06-30").addingYears(1) == nil)
        #expect(day("0001-06-30").addingYears(-1) == nil)
        #expect(day("2021-06-30").addingYears(Int.max) == nil)
        #expect(day("2020-02-29").addingYears(1) == day("2021-02-28"))
    }

    @Test("an exited firm's months in the park run through its last day: in from 1 October to 30 June is nine")
    func monthsOfAnExitedFirm() throws {
        var tenant = try tenant(movedIn: "2021-10-01")
        for (status, on) in [(TenantStatus.exiting, "2022-06-01"), (.exited, "2022-07-01")] {
            tenant.apply(try tenant.change(to: status, on: day(on), reason: "step", today: day("2026-01-01")))
        }
        #expect(tenant.monthsInPark(on: day("2026-12-04")) == 9)
        #expect(tenant.leaseYear(on: tenant.timeInParkCounted(on: day("2026-12-04"))) == 1)
        // Still in the park: the months to today, as ever.
        #expect(try self.tenant(movedIn: "2021-10-01").monthsInPark(on: day("2022-06-30")) == 8)
        // Moved in and exited the same day: no time in the park, not the months to today.
        var sameDay = try self.tenant(movedIn: "2021-10-01")
        for status in [TenantStatus.exiting, .exited] {
            sameDay.apply(try sameDay.change(to: status, on: day("2021-10-01"), reason: "step", today: day("2026-01-01")))
        }
        #expect(sameDay.monthsInPark(on: day("2026-12-04")) == 0)
        #expect(sameDay.leaseYear(on: sameDay.timeInParkCounted(on: day("2026-12-04"))) == nil)
    }

    @Test("nothing before moving in")
    func beforeMovingIn() throws {
        let tenant = try tenant(movedIn: "2021-03-15")
        #expect(tenant.monthsSinceMoveIn(on: day("2021-03-14")) == nil)
        #expect(tenant.leaseYear(on: day("2021-03-14")) == nil)
    }
}

@Suite("Withdrawing a report")
struct ReportWithdrawalTests {
    let june = Month(year: 2021, month: 6)
    let figures = OperatingFigures(
        revenue: Money(fen: 1_000_00), tax: .zero, employersServed: 1, workersDispatched: 0, workersOutsourced: 0, jobSeekersServed: 0,
        placements: 5, trainingSessions: 0, trainingAttendees: 0, phdHires: 0, headcount: 3)

    @Test("the report in force is withdrawn by the next version, which keeps its figures and a checked reason")
    func withdrawsTheReportInForce() throws {
        let standing = ReportStanding(latestVersion: 2, inForce: figures)
        let withdrawal = try standing.withdrawal(of: june, tenant: 7, reason: "  filed under the wrong month ")
        #expect(withdrawal == ReportWithdrawal(version: 3, withdrawnFigures: figures, reason: "filed under the wrong month"))
    }

    @Test("a month without a report in force, never reported or already withdrawn, and a missing reason are refused")
    func refusals() {
        #expect(throws: DomainError.invalid("month", "tenant 7 has no report for 2021-06")) {
            try ReportStanding.unreported.withdrawal(of: june, tenant: 7, reason: "x")
        }
        #expect(throws: DomainError.invalid("month", "the report of tenant 7 for 2021-06 is already withdrawn (version 3)")) {
            try ReportStanding(latestVersion: 3, inForce: nil).withdrawal(of: june, tenant: 7, reason: "x")
        }
        #expect(throws: DomainError.invalid("reason", "must not be empty")) {
            try ReportStanding(latestVersion: 1, inForce: figures).withdrawal(of: june, tenant: 7, reason: "")
        }
    }

    @Test("after a withdrawal the next report is a first report with the next version, and a refusal says why one is needed")
    func reportedAgain() {
        let standing = ReportStanding(latestVersion: 3, inForce: nil)
        #expect(standing.nextVersion == 4)
        let partial = SubmittedFigures(revenue: nil, tax: nil, counts: ["placements": 3])
        #expect(partial.decide(over: standing) == .refuse(
            .invalid("revenue", "its report was withdrawn (version 3), so this is a first report of the month, which needs the revenue"),
            more: [.invalid("tax", "a first report of a month needs the tax paid")]))
        let noTax = SubmittedFigures(revenue: Money(fen: 100), tax: nil, counts: [:])
        #expect(noTax.decide(over: standing) == .refuse(
            .invalid("tax", "its report was withdrawn (version 3), so this is a first report of the month, which needs the tax paid"), more: []))
        #expect(partial.decide(over: .unreported) == partial.decide(over: nil), "a month never reported is refused as before")
    }

    @Test("a correction is taken only over a report in force")
    func correctable() throws {
        try ReportStanding(latestVersion: 2, inForce: figures).checkCorrectable(june)
        #expect(throws: DomainError.invalid("month", "2021-06 has no report to correct; send it as a monthly report")) {
            try ReportStanding.unreported.checkCorrectable(june)
        }
        #expect(throws: DomainError.invalid(
            "month", "the report of 2021-06 was withdrawn (version 2); nothing is in force to correct: send the month as a monthly report")) {
            try ReportStanding(latestVersion: 2, inForce: nil).checkCorrectable(june)
        }
    }

    @Test("a refusal carrying one field names the other problems found with it")
    func namingTheRest() {
        let first = DomainError.invalid("revenue", "missing")
        #expect(first.naming([]) == first)
        #expect(first.naming([.invalid("tax", "missing"), .invalid("placements", "-1 must not be negative")])
            == .invalid("revenue", "missing; also tax: missing; placements: -1 must not be negative"))
    }
}
