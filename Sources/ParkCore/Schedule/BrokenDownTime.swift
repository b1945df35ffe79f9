/// A local date and time field by field, like C's `struct tm`: fields may be out of range
/// (day 32, month 12) until `LocalTimeResolver` normalizes them, which is how the calendar
/// search steps from one candidate to the next.
struct BrokenDownTime: Equatable, Sendable {
    var year: Int
    /// 0 (January) to 11 while normalized.
    var month: Int
    var day: Int
    var hour: Int
    var minute: Int
    var second: Int
    /// true or false when known, nil to let the resolver decide (C's `tm_isdst = -1`).
    var isDaylightSaving: Bool?

    /// The fields of the wall-clock time `local` (seconds since the epoch, read as local time).
    init(localSeconds local: Int64, isDaylightSaving: Bool?) {
        let days = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        let inDay = Int(local - days * 86_400)
        let date = CivilDate(dayNumber: Int(days))
        year = date.year
        month = date.month - 1
        day = date.day
        hour = inDay / 3600
        minute = inDay / 60 % 60
        second = inDay % 60
        self.isDaylightSaving = isDaylightSaving
    }

    /// The fields read as a wall-clock time in seconds since the epoch, out-of-range fields
    /// carried into the next larger ones (month 12 is January of the next year, day 0 the last
    /// day of the month before).
    var localSeconds: Int64 {
        let years = month >= 0 ? month / 12 : (month - 11) / 12
        let days = Self.dayNumber(year: Int64(year + years), month: Int64(month - years * 12 + 1)) + Int64(day) - 1
        return days * 86_400 + Int64(hour) * 3600 + Int64(minute) * 60 + Int64(second)
    }

    /// Days from 1970-01-01 to the first of `month` (1–12) of `year`, for any year (Howard
    /// Hinnant's `days_from_civil`; `CivilDate` keeps to years 1–9999).
    private static func dayNumber(year: Int64, month: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5
        return era * 146_097 + yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear - 719_468
    }

    /// Days since Monday (0) to Sunday (6).
    var weekdayIndex: Int {
        let local = localSeconds
        let days = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        return Int(((days + 3) % 7 + 7) % 7)
    }
}
