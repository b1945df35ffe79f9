import ParkCore
import Testing

/// A zone with daylight saving like Europe/Berlin's since 1996, for tests without zone files:
/// UTC+1, and UTC+2 from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday
/// of October (only 2026 is needed: 29 March and 25 October).
struct Berlin2026: TimeZoneRules {
    static let summerStarts: Int64 = 1_774_746_000
    static let summerEnds: Int64 = 1_792_890_000

    func localTimeType(at second: Int64) -> LocalTimeType {
        (Self.summerStarts..<Self.summerEnds).contains(second)
            ? LocalTimeType(utcOffset: 7200, isDaylightSaving: true, abbreviation: "CEST")
            : LocalTimeType(utcOffset: 3600, isDaylightSaving: false, abbreviation: "CET")
    }
}

@Suite("Calendar expressions")
struct CalendarSpecTests {
    static func spec(_ text: String) throws -> CalendarSpec {
        try CalendarSpec.parse(text, isTimeZone: { ["Asia/Shanghai", "Europe/Berlin"].contains($0) })
    }

    /// `count` elapses after `base` (seconds since the epoch), as UTC timestamps.
    static func elapses(_ text: String, after base: Int64, count: Int = 3, in zone: some TimeZoneRules = UTCRules()) throws -> [String] {
        try spec(text).elapses(after: base * 1_000_000, count: count, in: zone).map { elapse in
            switch elapse {
            case .at(let instant): zone.timestamp(instant)
            case .never: "never"
            case .searchGaveUp: "gave up"
            }
        }
    }

    // 2023-11-14 22:13:20 UTC, a Tuesday.
    static let base: Int64 = 1_700_000_000

    @Test("normalizes as systemd does", arguments: [
        ("Mon..Fri *-*-* 10:00", "Mon..Fri *-*-* 10:00:00"),
        ("mon-fri", "Mon..Fri *-*-* 00:00:00"),
        ("Mon,Tue,", "Mon,Tue *-*-* 00:00:00"),
        ("Sat,Sun,Mon..Fri", "*-*-* 00:00:00"),
        ("quarterly", "*-01,04,07,10-01 00:00:00"),
        ("semi-annually", "*-01,07-01 00:00:00"),
        ("minutely", "*-*-* *:*:00"),
        ("weekly", "Mon *-*-* 00:00:00"),
        ("*-*~07/1", "*-*~07/1 00:00:00"),
        ("*-*-* 1..5/3:00", "*-*-* 01..04/3:00:00"),
        ("*-*-* 5..5:00", "*-*-* 05:00:00"),
        ("*:*:1.5..3", "*-*-* *:*:01.500000..02.500000"),
        ("Sat 1:2:3.5", "Sat *-*-* 01:02:03.500000"),
        ("*:0/15:0.1234567", "*-*-* *:00/15:00.123457"),
        ("70-1-1", "1970-01-01 00:00:00"),
        ("1,2,3,1:00", "*-*-* 01,02,03:00:00"),
        ("daily Asia/Shanghai", "*-*-* 00:00:00 Asia/Shanghai"),
        ("daily utc", "*-*-* 00:00:00 UTC"),
        ("@1700000000", "2023-11-14 22:13:20 UTC"),
    ])
    func normalizes(text: String, normalized: String) throws {
        #expect(try Self.spec(text).normalized == normalized)
    }

    @Test("refuses with the part at fault named", arguments: [
        ("", "the expression is empty"),
        ("Mox", "'Mox'"),
        ("Fri..Mon", "runs backwards"),
        ("*-*-1/40", "the day '01/40'"),
        ("*-*-* 3..1:00", "the hour '03..01'"),
        ("*:0/61", "the minute '00/61'"),
        ("*-*-32", "the day '32'"),
        ("*:*:1..1.5", "second '1..1.5'"),
        ("2200-01-01", "the year '2200'"),
        ("*-*-* 12:00 Mars/Olympus", "'Mars/Olympus' is not a time zone"),
        ("*-*-* 10:00 CST", "'CST' after the time '10:00' is not a time zone's name (such as Asia/Shanghai or UTC); abbreviations such as CST are not read"),
        ("*-*-* 10 Europe", "'Europe' after the time '10' is not a time zone's name"),
        ("*-*-* 00:00 Asia/Shanghai ", "'Asia/Shanghai' after the time '00:00' is followed by blanks"),
        ("*-*~19,22,28", "the day '28' starts outside 1–22"),
        // Seconds are said in seconds, not the microseconds they are counted in.
        ("*:*:0/60", "the second '00/60' repeats every 60, more than the range 0–59.999999 holds"),
        ("*:*:59.9999999", "the second '60' starts outside 0–59.999999"),
        ("*-*~3..1", "the day '03..01' is a range that ends before it starts"),
    ])
    func refuses(text: String, naming part: String) {
        #expect {
            _ = try Self.spec(text)
        } throws: { error in
            guard let error = error as? DomainError else { return false }
            return error.field == "expression" && error.reason.contains(part)
        }
    }

    @Test("a day no month has, or a weekday it never falls on, never elapses")
    func never() throws {
        #expect(try Self.elapses("*-02-31", after: Self.base) == ["never"])
        #expect(try Self.elapses("Thu 2027-01-01", after: Self.base) == ["never"])
        #expect(try Self.spec("*-02-30").next(after: Self.base * 1_000_000, in: UTCRules()) == nil)
    }

    @Test("repetitions of days start again each month")
    func repetitionAcrossMonths() throws {
        // 2023-11-26 00:00 UTC: the days 1, 6, 11, … 31 of each month.
        #expect(try Self.elapses("*-*-1/5", after: 1_700_956_800, count: 4) == [
            "Fri 2023-12-01 00:00:00 UTC", "Wed 2023-12-06 00:00:00 UTC", "Mon 2023-12-11 00:00:00 UTC", "Sat 2023-12-16 00:00:00 UTC",
        ])
        // 2023-11-26 12:00 UTC: 31 November does not exist, so the next is 26 December.
        #expect(try Self.elapses("*-*-26/5", after: 1_701_000_000, count: 3) == [
            "Tue 2023-12-26 00:00:00 UTC", "Sun 2023-12-31 00:00:00 UTC", "Fri 2024-01-26 00:00:00 UTC",
        ])
    }

    @Test("~ counts days from the month's end")
    func fromMonthEnd() throws {
        #expect(try Self.elapses("*-*~07/1", after: Self.base, count: 3) == [
            "Fri 2023-11-24 00:00:00 UTC", "Sat 2023-11-25 00:00:00 UTC", "Sun 2023-11-26 00:00:00 UTC",
        ])
        #expect(try Self.elapses("*-02~01", after: Self.base, count: 2) == ["Thu 2024-02-29 00:00:00 UTC", "Fri 2025-02-28 00:00:00 UTC"])
    }

    @Test("quarterly and fractional seconds")
    func quarterlyAndFractions() throws {
        #expect(try Self.elapses("quarterly", after: Self.base) == [
            "Mon 2024-01-01 00:00:00 UTC", "Mon 2024-04-01 00:00:00 UTC", "Mon 2024-07-01 00:00:00 UTC",
        ])
        let spec = try Self.spec("*:*:0/0.25")
        #expect(spec.next(after: Self.base * 1_000_000, in: UTCRules()) == Self.base * 1_000_000 + 250_000)
    }

    @Test("a time the clocks skip is not met that day; a time they repeat is met once")
    func daylightSaving() throws {
        // 2026-03-28 23:30 UTC is 00:30 CET on 29 March, when 02:00 CET becomes 03:00 CEST.
        #expect(try Self.elapses("*-*-* 02:30", after: 1_774_740_600, count: 2, in: Berlin2026()) == [
            "Mon 2026-03-30 02:30:00 CEST", "Tue 2026-03-31 02:30:00 CEST",
        ])
        // 2026-10-24 23:30 UTC is 01:30 CEST on 25 October, when 03:00 CEST becomes 02:00 CET.
        #expect(try Self.elapses("*-*-* 02:30", after: 1_792_884_600, count: 2, in: Berlin2026()) == [
            "Sun 2026-10-25 02:30:00 CEST", "Mon 2026-10-26 02:30:00 CET",
        ])
    }

    @Test("random text is refused or parsed, never a trap")
    func fuzz() {
        var state: UInt64 = 42
        let alphabet = Array("0123456789*-~:.,/@ .. MonFriUTCdaily\u{0}é")
        for _ in 0..<20_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let length = Int(state >> 60)
            var text = ""
            for index in 0..<length { text.append(alphabet[Int((state >> UInt64(index * 4 % 56)) % UInt64(alphabet.count))]) }
            if let spec = try? Self.spec(text) { _ = spec.next(after: Self.base * 1_000_000, in: UTCRules()) }
        }
    }
}
