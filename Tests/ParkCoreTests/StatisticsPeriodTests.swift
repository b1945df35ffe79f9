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
