/// A calendar expression of systemd.time(7) ("Calendar Events"), parsed and normalized the way
/// systemd 252 does: `Mon..Fri *-*-* 09:00`, `*-*~07/1`, `quarterly`, `daily Asia/Shanghai`.
///
/// Parse it with `CalendarSpec.parse(_:isTimeZone:)`; `normalized` is the text
/// `systemd-analyze calendar` prints as "Normalized form", `next(after:in:)` its next elapse.
public struct CalendarSpec: Sendable {
    /// Days of the week, bit 0 Monday to bit 6 Sunday; 0 for every day.
    public internal(set) var weekdays: Int = 0
    /// Each component's items; nil for `*` (every value).
    public internal(set) var year: [CalendarComponent]?
    public internal(set) var month: [CalendarComponent]?
    public internal(set) var day: [CalendarComponent]?
    public internal(set) var hour: [CalendarComponent]?
    public internal(set) var minute: [CalendarComponent]?
    /// The seconds, in microseconds.
    public internal(set) var second: [CalendarComponent]?
    /// The days count back from the month's end (`~`): `~01` is the last day.
    public internal(set) var fromMonthEnd = false
    public internal(set) var isUTC = false
    /// The time zone the expression names (an IANA name), nil for UTC or the default zone.
    public internal(set) var timeZone: String?

    static let weekdayNames = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    static let everyWeekday = 0b111_1111

    /// The expression as systemd writes it back.
    public var normalized: String {
        var text = weekdays == 0 ? "" : weekdayText + " "
        text += Self.text(year, width: 4) + "-" + Self.text(month, width: 2) + (fromMonthEnd ? "~" : "-") + Self.text(day, width: 2)
        text += " " + Self.text(hour, width: 2) + ":" + Self.text(minute, width: 2) + ":" + secondText
        if isUTC {
            text += " UTC"
        } else if let timeZone {
            text += " " + timeZone
        }
        return text
    }

    /// Runs of three or more days as `Mon..Wed`, pairs as `Mon,Tue`.
    private var weekdayText: String {
        var parts: [String] = []
        var day = 0
        while day < 7 {
            guard weekdays & (1 << day) != 0 else {
                day += 1
                continue
            }
            var last = day
            while last + 1 < 7 && weekdays & (1 << (last + 1)) != 0 { last += 1 }
            switch last - day {
            case 0: parts.append(Self.weekdayNames[day])
            case 1: parts.append(Self.weekdayNames[day] + "," + Self.weekdayNames[last])
            default: parts.append(Self.weekdayNames[day] + ".." + Self.weekdayNames[last])
            }
            day = last + 1
        }
        return parts.joined(separator: ",")
    }

    private var secondText: String {
        guard let second else { return "*" }
        if second.count == 1 && second[0].start == 0 && second[0].stop == nil && second[0].step == 1_000_000 { return "*" }
        return second.map { $0.text(width: 2, microseconds: true) }.joined(separator: ",")
    }

    private static func text(_ items: [CalendarComponent]?, width: Int) -> String {
        guard let items else { return "*" }
        return items.map { $0.text(width: width, microseconds: false) }.joined(separator: ",")
    }

    /// systemd's normalization: two-digit years in 1970–2069, every component sorted with
    /// duplicates dropped, `~` only with a day, all seven weekdays as none.
    mutating func normalize() {
        if timeZone == "UTC" {
            isUTC = true
            timeZone = nil
        }
        if weekdays == Self.everyWeekday { weekdays = 0 }
        if fromMonthEnd && day == nil { fromMonthEnd = false }
        year = year.map { items in
            items.map { item in
                CalendarComponent(start: Self.fullYear(item.start), stop: item.stop.map(Self.fullYear), step: item.step)
            }
        }
        year = year.map(Self.normalized)
        month = month.map(Self.normalized)
        day = day.map(Self.normalized)
        hour = hour.map(Self.normalized)
        minute = minute.map(Self.normalized)
        second = second.map(Self.normalized)
    }

    private static func fullYear(_ year: Int) -> Int {
        switch year {
        case 0..<70: year + 2000
        case 70..<100: year + 1900
        default: year
        }
    }

    private static func normalized(_ items: [CalendarComponent]) -> [CalendarComponent] {
        var result: [CalendarComponent] = []
        for item in items.map(\.normalized).sorted() where result.last != item {
            result.append(item)
        }
        return result
    }

    /// The first component whose items do not fit its range, named, with why; nil when all fit.
    func problem() -> String? {
        let checks: [(String, [CalendarComponent]?, ClosedRange<Int>, Bool)] = [
            ("year", year, 1970...2199, false), ("month", month, 1...12, false), ("day", day, 1...31, fromMonthEnd),
            ("hour", hour, 0...23, false), ("minute", minute, 0...59, false), ("second", second, 0...59_999_999, false),
        ]
        for (name, items, bounds, fromEnd) in checks {
            for (index, item) in (items ?? []).enumerated() {
                // systemd 252 lowers the highest day counted from the month's end by 3 for each
                // further item (`*-*~19,22,28` is refused): parkd refuses what systemd refuses.
                let highest = fromEnd ? bounds.upperBound - 3 * index : bounds.upperBound
                guard highest >= bounds.lowerBound else {
                    return "the day '~\(item.text(width: 2, microseconds: false))' is one item too many counted from the month's end"
                }
                if let problem = item.problem(in: bounds.lowerBound...highest, fromMonthEnd: fromEnd, microseconds: name == "second") {
                    let width = name == "year" ? 4 : 2
                    return "the \(name) '\(item.text(width: width, microseconds: name == "second"))' \(problem)"
                }
            }
        }
        return nil
    }
}
