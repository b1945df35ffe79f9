/// Reads the text of a calendar expression into a `CalendarSpec`, accepting exactly what
/// systemd 252 accepts; a refusal names the part at fault.
struct CalendarSpecParser {
    private let text: [UInt8]
    private var position = 0
    private var spec = CalendarSpec()

    /// More items than this in one component are refused, as systemd refuses them.
    static let maximumItems = 241

    private init(_ text: [UInt8]) { self.text = text }

    /// `expression` without its time zone, which the caller has taken off.
    static func parse(_ expression: [UInt8], into spec: CalendarSpec) throws(DomainError) -> CalendarSpec {
        var parser = CalendarSpecParser(expression)
        parser.spec = spec
        try parser.parseExpression()
        return parser.spec
    }

    private static let shorthands: [(names: [String], month: [Int]?, day: Int?, hour: Bool, minute: Bool, weekly: Bool)] = [
        (["minutely"], nil, nil, false, false, false),
        (["hourly"], nil, nil, false, true, false),
        (["daily"], nil, nil, true, true, false),
        (["monthly"], nil, 1, true, true, false),
        (["annually", "yearly", "anually"], [1], 1, true, true, false),
        (["weekly"], nil, nil, true, true, true),
        (["quarterly"], [1, 4, 7, 10], 1, true, true, false),
        (["biannually", "bi-annually", "semiannually", "semi-annually"], [1, 7], 1, true, true, false),
    ]

    private mutating func parseExpression() throws(DomainError) {
        guard !text.isEmpty else { throw Self.refusal("the expression is empty") }
        let lowered = String(decoding: text.map(Self.lowercased), as: UTF8.self)
        if let shorthand = Self.shorthands.first(where: { $0.names.contains(lowered) }) {
            spec.second = [CalendarComponent(start: 0)]
            if shorthand.minute { spec.minute = [CalendarComponent(start: 0)] }
            if shorthand.hour { spec.hour = [CalendarComponent(start: 0)] }
            if let day = shorthand.day { spec.day = [CalendarComponent(start: day)] }
            if let months = shorthand.month { spec.month = months.map { CalendarComponent(start: $0) } }
            if shorthand.weekly { spec.weekdays = 1 }
            return
        }
        try parseWeekdays()
        if try !parseDate() { try parseTime() }
        if position < text.count { throw Self.refusal("unexpected '\(rest)' at the end") }
    }

    // MARK: weekdays

    private static let weekdayNames: [(String, Int)] = [
        ("monday", 0), ("mon", 0), ("tuesday", 1), ("tue", 1), ("wednesday", 2), ("wed", 2), ("thursday", 3), ("thu", 3),
        ("friday", 4), ("fri", 4), ("saturday", 5), ("sat", 5), ("sunday", 6), ("sun", 6),
    ]

    private mutating func parseWeekdays() throws(DomainError) {
        var rangeStart: Int?
        var first = true
        let start = position
        while true {
            guard let (name, number) = Self.weekdayNames.first(where: { hasPrefix($0.0) }) else {
                if first { return }
                throw Self.refusal("the weekdays '\(text(from: start))' do not end in a day of the week")
            }
            let after = byte(at: position + name.utf8.count)
            guard [0, UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: " ")].contains(after) else {
                throw Self.refusal("'\(word(at: position))' is not a day of the week")
            }
            spec.weekdays |= 1 << number
            if let rangeStart {
                guard rangeStart <= number else {
                    throw Self.refusal("the weekday range '\(text(from: start))' runs backwards (Monday to Sunday)")
                }
                for between in rangeStart..<number { spec.weekdays |= 1 << between }
            }
            position += name.utf8.count
            switch byte(at: position) {
            case 0: return
            case UInt8(ascii: " "):
                skipSpaces()
                return
            case UInt8(ascii: "."):
                guard rangeStart == nil, byte(at: position + 1) == UInt8(ascii: ".") else {
                    throw Self.refusal("the weekdays '\(text(from: start))' hold a bad range")
                }
                rangeStart = number
                position += 2
            case UInt8(ascii: "-"):
                guard rangeStart == nil else { throw Self.refusal("the weekdays '\(text(from: start))' hold a bad range") }
                rangeStart = number
                position += 1
            default:
                rangeStart = nil
                position += 1
            }
            if [0, UInt8(ascii: " ")].contains(byte(at: position)) {
                skipSpaces()
                guard rangeStart == nil else { throw Self.refusal("the weekday range '\(text(from: start))' is open") }
                return
            }
            first = false
        }
    }

    // MARK: date

    /// Reads the date part, if any; true when the expression was a timestamp (`@1700000000`),
    /// which has no time part.
    private mutating func parseDate() throws(DomainError) -> Bool {
        guard position < text.count else { return false }
        if byte(at: position) == UInt8(ascii: "@") {
            try parseTimestamp()
            return true
        }
        let start = position
        let first = try parseChain(microseconds: false, part: "date")
        if [0, UInt8(ascii: ":")].contains(byte(at: position)) {
            position = start
            return false
        }
        try dateSeparator(start: start)
        let second = try parseChain(microseconds: false, part: "date")
        if [0, UInt8(ascii: " ")].contains(byte(at: position)) {
            skipSpaces()
            spec.month = first
            spec.day = second
            return false
        }
        if spec.fromMonthEnd { throw Self.refusal("the date '\(text(from: start))' has '~' before the day's place") }
        try dateSeparator(start: start)
        let third = try parseChain(microseconds: false, part: "date")
        guard [0, UInt8(ascii: " ")].contains(byte(at: position)) else {
            throw Self.refusal("the date '\(text(from: start))' is followed by '\(rest)'")
        }
        skipSpaces()
        spec.year = first
        spec.month = second
        spec.day = third
        return false
    }

    private mutating func dateSeparator(start: Int) throws(DomainError) {
        switch byte(at: position) {
        case UInt8(ascii: "~"): spec.fromMonthEnd = true
        case UInt8(ascii: "-"): break
        default: throw Self.refusal("the date '\(text(from: start))' has '\(rest)' where '-' or '~' belongs")
        }
        position += 1
    }

    /// `@SECONDS`: one instant, in UTC.
    private mutating func parseTimestamp() throws(DomainError) {
        let start = position
        position += 1
        while [0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D].contains(byte(at: position)) { position += 1 }
        var negative = false
        if byte(at: position) == UInt8(ascii: "+") || byte(at: position) == UInt8(ascii: "-") {
            negative = byte(at: position) == UInt8(ascii: "-")
            position += 1
        }
        let digits = position
        var value: UInt64 = 0
        var overflow = false
        while Self.isDigit(byte(at: position)) {
            let (times, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times.addingReportingOverflow(UInt64(byte(at: position) - UInt8(ascii: "0")))
            overflow = overflow || o1 || o2
            value = sum
            position += 1
        }
        guard position > digits else { throw Self.refusal("the timestamp '\(text(from: start))' has no number of seconds") }
        let seconds = Int64(bitPattern: negative ? 0 &- value : value)
        // Years 1970 to 2199 only, as for every year.
        guard !overflow, seconds >= 0, seconds < 7_258_118_400 else {
            throw Self.refusal("the timestamp '\(text(from: start))' is not within the years 1970–2199")
        }
        let time = BrokenDownTime(localSeconds: seconds, isDaylightSaving: false)
        spec.isUTC = true
        spec.year = [CalendarComponent(start: time.year)]
        spec.month = [CalendarComponent(start: time.month + 1)]
        spec.day = [CalendarComponent(start: time.day)]
        spec.hour = [CalendarComponent(start: time.hour)]
        spec.minute = [CalendarComponent(start: time.minute)]
        spec.second = [CalendarComponent(start: time.second * 1_000_000)]
    }

    // MARK: time

    /// A word after the time (`10:00 CST`) is where a time zone goes: one the zone database does
    /// not name (an abbreviation, a typing error) is refused as that, not as a missing ':'.
    private func refuseWordAfterTime(from start: Int) throws(DomainError) {
        guard byte(at: position) == UInt8(ascii: " ") else { return }
        let word = rest.split(separator: " ").joined(separator: " ")
        guard !word.isEmpty else { throw Self.refusal("the time '\(text(from: start))' is followed by blanks") }
        // `00:00 Asia/Shanghai ` names a zone, but ends with blanks, as systemd refuses too.
        guard rest.last != " " else { throw Self.refusal("'\(word)' after the time '\(text(from: start))' is followed by blanks") }
        throw Self.refusal(
            "'\(word)' after the time '\(text(from: start))' is not a time zone's name (such as Asia/Shanghai or UTC); abbreviations such as CST are not read")
    }

    private mutating func parseTime() throws(DomainError) {
        guard position < text.count else {
            spec.hour = [CalendarComponent(start: 0)]
            spec.minute = [CalendarComponent(start: 0)]
            spec.second = [CalendarComponent(start: 0)]
            return
        }
        let start = position
        let hour = try parseChain(microseconds: false, part: "hour")
        guard byte(at: position) == UInt8(ascii: ":") else {
            try refuseWordAfterTime(from: start)
            throw Self.refusal("the time '\(text(from: start))' has '\(rest)' where ':' belongs after the hour")
        }
        position += 1
        let minute = try parseChain(microseconds: false, part: "minute")
        var second = [CalendarComponent(start: 0)] as [CalendarComponent]?
        if position < text.count {
            guard byte(at: position) == UInt8(ascii: ":") else {
                try refuseWordAfterTime(from: start)
                throw Self.refusal("the time '\(text(from: start))' has '\(rest)' where ':' belongs after the minute")
            }
            position += 1
            second = try parseChain(microseconds: true, part: "second")
            guard position == text.count else { throw Self.refusal("the time '\(text(from: start))' is followed by '\(rest)'") }
        }
        spec.hour = hour
        spec.minute = minute
        spec.second = second
    }

    // MARK: components

    /// One component: `*`, or items separated by commas. `*` in the seconds is every whole second.
    private mutating func parseChain(microseconds: Bool, part: String) throws(DomainError) -> [CalendarComponent]? {
        if byte(at: position) == UInt8(ascii: "*") {
            position += 1
            return microseconds ? [CalendarComponent(start: 0, step: 1_000_000)] : nil
        }
        var items: [CalendarComponent] = []
        let start = position
        while true {
            guard items.count < Self.maximumItems else {
                throw Self.refusal("the \(part) '\(text(from: start))' has more than \(Self.maximumItems) items")
            }
            items.append(try parseItem(microseconds: microseconds, part: part))
            guard byte(at: position) == UInt8(ascii: ",") else { return items }
            position += 1
        }
    }

    private mutating func parseItem(microseconds: Bool, part: String) throws(DomainError) -> CalendarComponent {
        let start = position
        let unit = microseconds ? 1_000_000 : 1
        var item = CalendarComponent(start: try parseNumber(microseconds: microseconds, part: part, itemStart: start))
        if byte(at: position) == UInt8(ascii: "."), byte(at: position + 1) == UInt8(ascii: ".") {
            position += 2
            item.stop = try parseNumber(microseconds: microseconds, part: part, itemStart: start)
            item.step = unit
        }
        if byte(at: position) == UInt8(ascii: "/") {
            position += 1
            item.step = try parseNumber(microseconds: microseconds, part: part, itemStart: start)
            guard item.step > 0 else { throw Self.refusal("the \(part) '\(text(from: start))' repeats every 0") }
        } else {
            guard item.start <= Int(Int32.max) - item.step else { throw Self.refusal("the \(part) '\(text(from: start))' is too large") }
            if microseconds, let stop = item.stop, item.start + item.step > stop {
                throw Self.refusal("the \(part) '\(text(from: start))' is a range shorter than its step of one second")
            }
        }
        let separators: [UInt8] = [0, UInt8(ascii: " "), UInt8(ascii: ","), UInt8(ascii: "-"), UInt8(ascii: "~"), UInt8(ascii: ":")]
        guard separators.contains(byte(at: position)) else {
            throw Self.refusal("the \(part) '\(text(from: start))' is followed by '\(rest)'")
        }
        return item
    }

    /// A decimal number; in the seconds, with up to six decimals (a seventh rounds), in microseconds.
    private mutating func parseNumber(microseconds: Bool, part: String, itemStart: Int) throws(DomainError) -> Int {
        guard Self.isDigit(byte(at: position)) else {
            throw Self.refusal("the \(part) '\(text(from: itemStart))' has '\(rest)' where a number belongs")
        }
        var value = 0
        var tooLarge = false
        while Self.isDigit(byte(at: position)) {
            value = value * 10 + Int(byte(at: position) - UInt8(ascii: "0"))
            if value > Int(Int32.max) { tooLarge = true; value = Int(Int32.max) + 1 }
            position += 1
        }
        if microseconds {
            value *= 1_000_000
            if byte(at: position) == UInt8(ascii: "."), byte(at: position + 1) != UInt8(ascii: ".") {
                position += 1
                guard Self.isDigit(byte(at: position)) else {
                    throw Self.refusal("the \(part) '\(text(from: itemStart))' has no digits after its decimal point")
                }
                var fraction = 0
                for _ in 0..<6 {
                    fraction *= 10
                    if Self.isDigit(byte(at: position)) {
                        fraction += Int(byte(at: position) - UInt8(ascii: "0"))
                        position += 1
                    }
                }
                if (UInt8(ascii: "5")...UInt8(ascii: "9")).contains(byte(at: position)) { fraction += 1 }
                while Self.isDigit(byte(at: position)) { position += 1 }
                value += fraction
            }
        }
        guard !tooLarge, value <= Int(Int32.max) else { throw Self.refusal("the \(part) '\(text(from: itemStart))' is too large") }
        return value
    }

    // MARK: reading

    private func byte(at index: Int) -> UInt8 { index < text.count ? text[index] : 0 }

    private func hasPrefix(_ lowercaseName: String) -> Bool {
        let name = Array(lowercaseName.utf8)
        guard position + name.count <= text.count else { return false }
        return (0..<name.count).allSatisfy { Self.lowercased(text[position + $0]) == name[$0] }
    }

    private mutating func skipSpaces() {
        while byte(at: position) == UInt8(ascii: " ") { position += 1 }
    }

    private func text(from start: Int) -> String {
        let end = text[start...].firstIndex(of: UInt8(ascii: " ")).map { max($0, position) } ?? text.count
        return String(decoding: text[start..<min(end, text.count)], as: UTF8.self)
    }

    private func word(at start: Int) -> String {
        let end = text[start...].firstIndex { [UInt8(ascii: " "), UInt8(ascii: ","), UInt8(ascii: "-"), UInt8(ascii: ".")].contains($0) } ?? text.count
        return String(decoding: text[start..<end], as: UTF8.self)
    }

    private var rest: String { position < text.count ? String(decoding: text[position...], as: UTF8.self) : "" }

    private static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }

    static func lowercased(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 : byte
    }

    static func refusal(_ reason: String) -> DomainError { DomainError.invalid("expression", reason) }
}
