/// A calendar day with no time and no time zone, as the park's contracts and policies count days.
///
/// Written on the wire and in the database as `YYYY-MM-DD`. Day arithmetic uses the proleptic
/// Gregorian calendar through a day number (days since 1970-01-01), so it needs no Foundation.
public struct CivilDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// The last day the calendar holds: the end of an interval that has none.
    public static let distantFuture = CivilDate(year: 9999, month: 12, day: 31)!

    /// Builds a date, or nil when the day does not exist (2021-02-29, month 13).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              day >= 1, day <= CivilDate.daysIn(month: month, year: year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD` strictly; `field` names the input in the error.
    public static func parse(_ text: String, field: String) throws(DomainError) -> CivilDate {
        guard let (year, month, day) = numbers(ofDate: text) else {
            throw .invalid(field, "'\(text)' is not a date in the form YYYY-MM-DD")
        }
        guard let date = CivilDate(year: year, month: month, day: day) else {
            throw .invalid(field, "'\(text)' is not a day of the calendar")
        }
        return date
    }

    /// The years of the days and months parkd records (an application, a lease, a report, a
    /// status change): from 1900, as statistics and policies count, so that a year typed with a
    /// digit missing (`0021`) is refused instead of being recorded and counted from. Days that
    /// only name or find something (a filter, a stored report) are read with `parse`.
    public static let recordedYears = 1900...9999

    /// Parses a day that parkd is to record: `parse`, then a year of `recordedYears`.
    public static func parseRecorded(_ text: String, field: String) throws(DomainError) -> CivilDate {
        let date = try parse(text, field: field)
        try checkRecorded(year: date.year, text: text, field: field)
        return date
    }

    static func checkRecorded(year: Int, text: String, field: String) throws(DomainError) {
        guard recordedYears.contains(year) else {
            throw .invalid(field, "'\(text)' is before 1900, and parkd records no earlier day (is a digit of the year missing?)")
        }
    }

    /// The three numbers of `YYYY-MM-DD` (ASCII digits only), read byte by byte: dates are
    /// parsed for every row read, so this avoids splitting the text into strings.
    private static func numbers(ofDate text: String) -> (year: Int, month: Int, day: Int)? {
        var year = 0, month = 0, day = 0
        var position = 0
        for byte in text.utf8 {
            if position == 4 || position == 7 {
                guard byte == UInt8(ascii: "-") else { return nil }
            } else {
                guard position < 10, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                let digit = Int(byte - UInt8(ascii: "0"))
                switch position {
                case ..<4: year = year * 10 + digit
                case ..<7: month = month * 10 + digit
                default: day = day * 10 + digit
                }
            }
            position += 1
        }
        return position == 10 ? (year, month, day) : nil
    }

    /// Parses a calendar month, `YYYY-MM`.
    public static func parseMonth(_ text: String, field: String) throws(DomainError) -> (year: Int, month: Int) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2,
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let year = Int(parts[0]), let month = Int(parts[1]), (1...12).contains(month), year >= 1 else {
            throw .invalid(field, "'\(text)' is not a month in the form YYYY-MM")
        }
        return (year, month)
    }

    public static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 (negative before), after Howard Hinnant's `days_from_civil`.
    public var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let shiftedMonth = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date of a day number (inverse of `dayNumber`).
    public init(dayNumber: Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let d = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let m = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        self.year = yearOfEra + era * 400 + (m <= 2 ? 1 : 0)
        self.month = m
        self.day = d
    }

    public func adding(days: Int) -> CivilDate { CivilDate(dayNumber: dayNumber + days) }

    public static func < (lhs: CivilDate, rhs: CivilDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    public var description: String {
        Self.text(year: year, month: month, day: day)
    }

    /// `YYYY-MM-DD`, or `YYYY-MM` without a day, for a year of 0...9999 and a month and day of
    /// two digits at most: written digit by digit into the string's own storage (explanations
    /// and replies write dates by the hundred thousand; a string this short needs no allocation).
    static func text(year: Int, month: Int, day: Int?) -> String {
        String(unsafeUninitializedCapacity: day == nil ? 7 : 10) { text in
            func digits(_ value: Int, _ count: Int, at start: Int) {
                var value = value
                for position in (start..<(start + count)).reversed() {
                    text[position] = UInt8(ascii: "0") + UInt8(value % 10)
                    value /= 10
                }
            }
            digits(year, 4, at: 0)
            text[4] = UInt8(ascii: "-")
            digits(month, 2, at: 5)
            guard let day else { return 7 }
            text[7] = UInt8(ascii: "-")
            digits(day, 2, at: 8)
            return 10
        }
    }
}

/// RFC 3339 instants in UTC with milliseconds (`2026-11-29T01:44:10.123Z`): fixed width, so
/// they sort as text.
public enum Instant {
    /// `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)` naming a real day and time.
    public static func isRFC3339(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count >= 20, bytes.count <= 40 else { return false }
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[range] {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), bytes[4] == UInt8(ascii: "-"), let month = number(5..<7), bytes[7] == UInt8(ascii: "-"),
            let day = number(8..<10), bytes[10] == UInt8(ascii: "T"), let hour = number(11..<13), bytes[13] == UInt8(ascii: ":"),
            let minute = number(14..<16), bytes[16] == UInt8(ascii: ":"), let second = number(17..<19),
            CivilDate(year: year, month: month, day: day) != nil, hour < 24, minute < 60, second < 61
        else { return false }
        var index = 19
        if bytes[index] == UInt8(ascii: ".") {
            index += 1
            let start = index
            while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
            guard index > start else { return false }
        }
        guard index < bytes.count else { return false }
        if bytes[index] == UInt8(ascii: "Z") { return index + 1 == bytes.count }
        guard bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-"), bytes.count == index + 6,
            let offsetHours = number(index + 1..<index + 3), bytes[index + 3] == UInt8(ascii: ":"), let offsetMinutes = number(index + 4..<index + 6)
        else { return false }
        return offsetHours < 24 && offsetMinutes < 60
    }

    /// Milliseconds since the epoch of an instant as `rfc3339(millisecondsSinceEpoch:)` writes it
    /// (`2026-11-29T01:44:10.123Z`; the fraction may be absent); nil for any other text.
    public static func millisecondsSinceEpoch(_ text: String) -> Int64? {
        let bytes = Array(text.utf8)
        guard bytes.count == 20 || bytes.count == 24, bytes.last == UInt8(ascii: "Z"), isRFC3339(text),
              let date = try? CivilDate.parse(String(text.prefix(10)), field: "instant") else { return nil }
        func number(_ range: Range<Int>) -> Int64 {
            bytes[range].reduce(0) { $0 * 10 + Int64($1 - UInt8(ascii: "0")) }
        }
        let millis = bytes.count == 24 && bytes[19] == UInt8(ascii: ".") ? number(20..<23) : 0
        return Int64(date.dayNumber) * 86_400_000 + (number(11..<13) * 3_600 + number(14..<16) * 60 + number(17..<19)) * 1_000 + millis
    }

    public static func rfc3339(millisecondsSinceEpoch ms: Int64) -> String {
        let msPerDay: Int64 = 86_400_000
        let days = ms >= 0 ? ms / msPerDay : (ms - msPerDay + 1) / msPerDay
        let inDay = ms - days * msPerDay
        let date = CivilDate(dayNumber: Int(days))
        let hours = inDay / 3_600_000, minutes = inDay / 60_000 % 60, seconds = inDay / 1000 % 60, millis = inDay % 1000
        func pad(_ value: Int64, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(date)T\(pad(hours, 2)):\(pad(minutes, 2)):\(pad(seconds, 2)).\(pad(millis, 3))Z"
    }
}
