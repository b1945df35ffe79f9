import ParkCore

/// The rule a TZif file's footer gives for times after its last transition, in POSIX `TZ`
/// form: `CET-1CEST,M3.5.0,M10.5.0/3`, `<+08>-8`. Computed as glibc computes it, so the years
/// up to 2199 that a calendar expression reaches read the same local times as systemd reads.
struct PosixTimeZoneRule: TimeZoneRules {
    /// When a daylight-saving change happens within a year.
    enum Day: Sendable {
        /// `Jn`: day 1–365 with 29 February never counted.
        case julianSkippingLeapDay(Int)
        /// `n`: day 0–365, counting 29 February.
        case zeroBasedDay(Int)
        /// `Mm.w.d`: weekday `d` (0 Sunday) of week `w` (5 the last) of month `m`.
        case monthWeekDay(month: Int, week: Int, weekday: Int)
    }

    struct Change: Sendable {
        var day: Day
        /// Seconds after local midnight, in the time in force before the change.
        var time: Int64
    }

    let standard: LocalTimeType
    let daylightSaving: LocalTimeType?
    let start: Change?
    let end: Change?

    /// The largest offset POSIX allows a zone: 24:59:59.
    static let largestOffset: Int64 = 24 * 3600 + 59 * 60 + 59

    /// Parses a footer; nil when it is not a POSIX TZ string this reader knows.
    init?(_ text: String) {
        var reader = Reader(Array(text.utf8))
        guard let standardName = reader.name(), let standardOffset = reader.offset(), abs(standardOffset) <= Self.largestOffset else { return nil }
        standard = LocalTimeType(utcOffset: -standardOffset, isDaylightSaving: false, abbreviation: standardName)
        guard !reader.atEnd else {
            (daylightSaving, start, end) = (nil, nil, nil)
            return
        }
        guard let daylightName = reader.name() else { return nil }
        var daylightOffset = standardOffset - 3600
        if !reader.at(",") && !reader.atEnd {
            guard let offset = reader.offset(), abs(offset) <= Self.largestOffset else { return nil }
            daylightOffset = offset
        }
        daylightSaving = LocalTimeType(utcOffset: -daylightOffset, isDaylightSaving: true, abbreviation: daylightName)
        guard reader.skip(","), let start = reader.change(), reader.skip(","), let end = reader.change(), reader.atEnd else { return nil }
        self.start = start
        self.end = end
    }

    func localTimeType(at second: Int64) -> LocalTimeType {
        guard let daylightSaving, let start, let end else { return standard }
        let days = second >= 0 ? second / 86_400 : (second - 86_399) / 86_400
        let year = CivilDate(dayNumber: Int(days)).year
        let startsAt = Self.instant(of: start, in: year) - standard.utcOffset
        let endsAt = Self.instant(of: end, in: year) - daylightSaving.utcOffset
        let inDaylightSaving = startsAt > endsAt
            ? (second < endsAt || second >= startsAt)
            : (second >= startsAt && second < endsAt)
        return inDaylightSaving ? daylightSaving : standard
    }

    /// The local wall-clock second (read as UTC) of `change` in `year`.
    private static func instant(of change: Change, in year: Int) -> Int64 {
        let january1 = Int64(CivilDate(year: year, month: 1, day: 1)?.dayNumber ?? 0)
        let leap = CivilDate.isLeap(year)
        var day: Int64
        switch change.day {
        case .julianSkippingLeapDay(let number):
            day = Int64(number - 1) + (number >= 60 && leap ? 1 : 0)
        case .zeroBasedDay(let number):
            day = Int64(number)
        case .monthWeekDay(let month, let week, let weekday):
            let first = CivilDate(year: year, month: month, day: 1) ?? CivilDate(dayNumber: 0)
            let firstWeekday = first.weekday.rawValue % 7
            var dayOfMonth = (weekday - firstWeekday + 7) % 7
            let length = CivilDate.daysIn(month: month, year: year)
            for _ in 1..<max(week, 1) where dayOfMonth + 7 < length {
                dayOfMonth += 7
            }
            day = Int64(first.dayNumber) - january1 + Int64(dayOfMonth)
        }
        return (january1 + day) * 86_400 + change.time
    }
}

extension PosixTimeZoneRule {
    /// A cursor over the footer's bytes.
    private struct Reader {
        let bytes: [UInt8]
        var index = 0

        init(_ bytes: [UInt8]) { self.bytes = bytes }

        var atEnd: Bool { index >= bytes.count }

        func at(_ character: Character) -> Bool { !atEnd && bytes[index] == character.asciiValue }

        mutating func skip(_ character: Character) -> Bool {
            guard at(character) else { return false }
            index += 1
            return true
        }

        /// `CET`, or `<+08>` with the brackets dropped: three characters at least, as POSIX asks.
        mutating func name() -> String? {
            let start: Int
            if skip("<") {
                start = index
                while !atEnd && !at(">") { index += 1 }
                guard !atEnd, index - start >= 3 else { return nil }
                defer { index += 1 }
                return String(decoding: bytes[start..<index], as: UTF8.self)
            }
            start = index
            while !atEnd, (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(bytes[index] & 0xDF) { index += 1 }
            return index - start >= 3 ? String(decoding: bytes[start..<index], as: UTF8.self) : nil
        }

        /// `[+-]hh[:mm[:ss]]` in seconds.
        mutating func offset() -> Int64? {
            let negative = skip("-")
            if !negative { _ = skip("+") }
            guard let hours = number() else { return nil }
            var seconds = hours * 3600
            if skip(":") {
                guard let minutes = number() else { return nil }
                seconds += minutes * 60
                if skip(":") {
                    guard let secs = number() else { return nil }
                    seconds += secs
                }
            }
            return negative ? -seconds : seconds
        }

        mutating func number() -> Int64? {
            let start = index
            var value: Int64 = 0
            while !atEnd, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]), index - start < 6 {
                value = value * 10 + Int64(bytes[index] - UInt8(ascii: "0"))
                index += 1
            }
            return index > start ? value : nil
        }

        mutating func change() -> Change? {
            let day: Day
            if skip("J") {
                guard let number = number(), (1...365).contains(number) else { return nil }
                day = .julianSkippingLeapDay(Int(number))
            } else if skip("M") {
                guard let month = number(), skip("."), let week = number(), skip("."), let weekday = number(),
                      (1...12).contains(month), (1...5).contains(week), (0...6).contains(weekday) else { return nil }
                day = .monthWeekDay(month: Int(month), week: Int(week), weekday: Int(weekday))
            } else {
                guard let number = number(), (0...365).contains(number) else { return nil }
                day = .zeroBasedDay(Int(number))
            }
            var time: Int64 = 7200
            if skip("/") {
                guard let offset = offset() else { return nil }
                time = offset
            }
            return Change(day: day, time: time)
        }
    }
}
