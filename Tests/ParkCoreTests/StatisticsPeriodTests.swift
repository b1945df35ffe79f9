import ParkCore
import Testing

@Suite("The period park statistics cover")
struct StatisticsPeriodTests {
    func day(_ text: String) -> CivilDate { try! CivilDate.parse(text, field: "day") }

    @Test("by default this year up to today; from the first of the last day's year when only the last day is given")
    func defaults() throws {
        #expect(try StatisticsPeriod.decide(from: nil, to: nil, sinceOpening: false, openingDay: nil, today: day("2026-12-05"))
            == StatisticsPeriod(from: day("2026-01-01"), to: day("2026-12-05")))
        #expect(try StatisticsPeriod.decide(from: nil, to: day("2021-06-30"), sinceOpening: false, openingDay: nil, today: day("2026-12-05"))
            == StatisticsPeriod(from: day("2021-01-01"), to: day("2021-06-30")))
        #expect(throws: DomainError.invalid("from", "2021-07-01 is after 2021-06-30")) {
            try StatisticsPeriod.decide(from: day("2021-07-01"), to: day("2021-06-30"), sinceOpening: false, openingDay: nil, today: day("2026-12-05"))
        }
    }

    @Test("since opening starts at the park's first day, and is refused up to a day before it or with a first day of its own")
    func sinceOpening() throws {
        let opening = day("2021-01-04")
        #expect(try StatisticsPeriod.decide(from: nil, to: day("2021-12-31"), sinceOpening: true, openingDay: opening, today: day("2026-12-05"))
            == StatisticsPeriod(from: opening, to: day("2021-12-31")))
        #expect(try StatisticsPeriod.decide(from: nil, to: opening, sinceOpening: true, openingDay: opening, today: day("2026-12-05"))
            == StatisticsPeriod(from: opening, to: opening))
        #expect(throws: DomainError.invalid("to", "2020-12-31 is before the park's first day, 2021-01-04: nothing to count since opening")) {
            try StatisticsPeriod.decide(from: nil, to: day("2020-12-31"), sinceOpening: true, openingDay: opening, today: day("2026-12-05"))
        }
        #expect(throws: DomainError.invalid("from", "give from or sinceOpening, not both")) {
            try StatisticsPeriod.decide(from: day("2021-01-01"), to: nil, sinceOpening: true, openingDay: opening, today: day("2026-12-05"))
        }
        // A park with no data yet: the last day alone.
        #expect(try StatisticsPeriod.decide(from: nil, to: nil, sinceOpening: true, openingDay: nil, today: day("2026-12-05"))
            == StatisticsPeriod(from: day("2026-12-05"), to: day("2026-12-05")))
    }
}

@Suite("What was paid under each rule, for statistics")
struct PaidUnderRuleTests {
    @Test("tenants' amounts are summed by year and rule, in that order, for the period's years only")
    func summing() {
        func paid(_ year: Int, _ tenant: Int64, _ rule: String, _ lines: Int, _ fen: Int64) -> PaidAmount {
            PaidAmount(year: year, tenant: tenant, tenantName: "Firm \(tenant)", rule: rule, lines: lines, amount: Money(fen: fen))
        }
        let amounts = [
            paid(2021, 1, "rent-subsidy", 2, 1_000_00), paid(2021, 2, "rent-subsidy", 1, 500_00), paid(2021, 1, "placement", 1, 30_00),
            paid(2022, 1, "placement", 1, 45_00), paid(2020, 3, "rent-subsidy", 1, 99_00), paid(2021, 3, "rent-subsidy", 1, -200_00),
        ]
        #expect(PaidUnderRule.summing(amounts, years: 2021...2022) == [
            PaidUnderRule(year: 2021, rule: "placement", lines: 1, amount: Money(fen: 30_00)),
            PaidUnderRule(year: 2021, rule: "rent-subsidy", lines: 4, amount: Money(fen: 1_300_00)),
            PaidUnderRule(year: 2022, rule: "placement", lines: 1, amount: Money(fen: 45_00)),
        ])
        #expect(PaidUnderRule.summing(amounts, years: 2019...2019).isEmpty)
    }
}
