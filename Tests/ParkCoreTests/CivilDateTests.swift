import ParkCore
import Testing

@Suite("Calendar days")
struct CivilDateTests {
    @Test("parses YYYY-MM-DD and prints it back")
    func parses() throws {
        let date = try CivilDate.parse("2021-04-16", field: "on")
        #expect(date.year == 2021 && date.month == 4 && date.day == 16)
        #expect(date.description == "2021-04-16")
    }

    @Test("prints every day with four digits of year and two of month and day, and months the same way")
    func printsFixedWidth() throws {
        #expect(CivilDate(year: 1, month: 1, day: 1)!.description == "0001-01-01")
        #expect(CivilDate(year: 999, month: 9, day: 9)!.description == "0999-09-09")
        #expect(CivilDate.distantFuture.description == "9999-12-31")
        #expect(Month(year: 12, month: 3).description == "0012-03")
        #expect(Month(year: 2021, month: 12).description == "2021-12")
        #expect(Month(year: 12_345, month: 1).description == "12345-01")
        // Every day of four years (a leap year among them), read back from its text.
        var day = CivilDate(year: 2019, month: 1, day: 1)!
        while day.year < 2023 {
            #expect(try CivilDate.parse(day.description, field: "on") == day)
            #expect(Month(year: day.year, month: day.month).description == String(day.description.prefix(7)))
            day = day.adding(days: 1)
        }
    }

    @Test("refuses days that do not exist and other shapes", arguments: [
        ("2021-02-29", "'2021-02-29' is not a day of the calendar"),
        ("2021-13-01", "'2021-13-01' is not a day of the calendar"),
        ("2021-4-16", "'2021-4-16' is not a date in the form YYYY-MM-DD"),
        ("16/04/2021", "'16/04/2021' is not a date in the form YYYY-MM-DD"),
        ("２０２１-04-16", "'２０２１-04-16' is not a date in the form YYYY-MM-DD"),
        ("2021-04-166", "'2021-04-166' is not a date in the form YYYY-MM-DD"),
        ("2021-04-1", "'2021-04-1' is not a date in the form YYYY-MM-DD"),
        ("2021-04+16", "'2021-04+16' is not a date in the form YYYY-MM-DD"),
        ("+021-04-16", "'+021-04-16' is not a date in the form YYYY-MM-DD"),
        ("", "'' is not a date in the form YYYY-MM-DD"),
        ("0000-01-01", "'0000-01-01' is not a day of the calendar"),
    ])
    func refuses(_ text: String, _ reason: String) {
        #expect(throws: DomainError.invalid("on", reason)) { try CivilDate.parse(text, field: "on") }
    }

    @Test("the day of the week, before 1970 too", arguments: [
        ("1970-01-01", Weekday.thursday), ("1969-12-31", .wednesday), ("2000-02-29", .tuesday),
        ("2021-10-09", .saturday), ("2021-10-10", .sunday), ("2021-10-11", .monday), ("0001-01-01", .monday),
    ])
    func weekday(_ text: String, _ weekday: Weekday) throws {
        #expect(try CivilDate.parse(text, field: "on").weekday == weekday)
    }

    @Test("leap years follow the Gregorian rule")
    func leapYears() {
        #expect(CivilDate(year: 2020, month: 2, day: 29) != nil)
        #expect(CivilDate(year: 2000, month: 2, day: 29) != nil)
        #expect(CivilDate(year: 1900, month: 2, day: 29) == nil)
        #expect(CivilDate(year: 2100, month: 2, day: 29) == nil)
    }

    @Test("day numbers round-trip and count days")
    func dayNumbers() throws {
        #expect(CivilDate(year: 1970, month: 1, day: 1)!.dayNumber == 0)
        #expect(CivilDate(year: 2021, month: 3, day: 1)!.dayNumber - CivilDate(year: 2021, month: 2, day: 28)!.dayNumber == 1)
        #expect(CivilDate(year: 2020, month: 3, day: 1)!.dayNumber - CivilDate(year: 2020, month: 2, day: 28)!.dayNumber == 2)
        for number in stride(from: -800_000, through: 800_000, by: 997) {
            #expect(CivilDate(dayNumber: number).dayNumber == number)
        }
        #expect(CivilDate(year: 2021, month: 12, day: 31)!.adding(days: 1) == CivilDate(year: 2022, month: 1, day: 1))
    }

    @Test("instants are RFC 3339 in UTC with milliseconds")
    func instants() {
        #expect(Instant.rfc3339(millisecondsSinceEpoch: 0) == "1970-01-01T00:00:00.000Z")
        #expect(Instant.rfc3339(millisecondsSinceEpoch: 1_618_531_200_123) == "2021-04-16T00:00:00.123Z")
        #expect(Instant.rfc3339(millisecondsSinceEpoch: -1) == "1969-12-31T23:59:59.999Z")
        for ms: Int64 in [0, 1_618_531_200_123, -1, 253_402_300_799_999] {
            #expect(Instant.millisecondsSinceEpoch(Instant.rfc3339(millisecondsSinceEpoch: ms)) == ms)
        }
        #expect(Instant.millisecondsSinceEpoch("2021-04-16T00:00:01Z") == 1_618_531_201_000)
        for text in ["2021-04-16T00:00:00.123+08:00", "2021-04-16 00:00:00.123Z", "2021-02-30T00:00:00.000Z", "2021-04-16T00:00:00.1234Z", ""] {
            #expect(Instant.millisecondsSinceEpoch(text) == nil, "\(text)")
        }
    }

    @Test("a year is 1900 to 9999 (21 for 2021 is refused); a range's first end may not come after its last, for days and months alike")
    func yearsAndRanges() throws {
        for year in [0, 21, 1899, 10_000] {
            #expect(throws: DomainError.invalid("year", "\(year) is not a year in four digits, 1900 to 9999 (e.g. 2026)")) { try DomainError.checkYear(year) }
        }
        try DomainError.checkYear(1900)
        try DomainError.checkYear(9999)
        let day = try CivilDate.parse("2027-05-02", field: "from")
        #expect(throws: DomainError.invalid("from", "2027-05-02 is after 2027-05-01")) { try DomainError.checkOrder(from: day, to: day.adding(days: -1)) }
        #expect(throws: DomainError.invalid("from", "2021-12 is after 2021-01")) {
            try DomainError.checkOrder(from: Month.parse("2021-12", field: "from"), to: Month.parse("2021-01", field: "to"))
        }
        try DomainError.checkOrder(from: day, to: day)
        try DomainError.checkOrder(from: nil, to: day)
    }

    @Test("a day or month parkd records is from 1900 on: a year with a digit missing is refused, naming the field; a day that only finds something is read as written")
    func recordedDays() throws {
        #expect(try CivilDate.parseRecorded("1900-01-01", field: "start").description == "1900-01-01")
        #expect(try CivilDate.parseRecorded("9999-12-31", field: "end") == CivilDate.distantFuture)
        #expect(throws: DomainError.invalid("start", "'0021-03-01' is before 1900, and parkd records no earlier day (is a digit of the year missing?)")) {
            try CivilDate.parseRecorded("0021-03-01", field: "start")
        }
        #expect(throws: DomainError.invalid("on", "'1899-12-31' is before 1900, and parkd records no earlier day (is a digit of the year missing?)")) {
            try CivilDate.parseRecorded("1899-12-31", field: "on")
        }
        #expect(throws: DomainError.invalid("month", "'0202-01' is before 1900, and parkd records no earlier day (is a digit of the year missing?)")) {
            try Month.parseRecorded("0202-01", field: "month")
        }
        #expect(try Month.parseRecorded("1900-01", field: "month") == Month(year: 1900, month: 1))
        #expect(try CivilDate.parse("0021-03-01", field: "from").year == 21, "what was recorded by an earlier parkd is still read")
    }
}
