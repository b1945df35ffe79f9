/// A deterministic corpus of calendar expressions over every part of systemd.time(7)'s syntax,
/// valid and invalid: weekdays, dates with `~`, lists, ranges, repetitions, fractional seconds,
/// shorthands, `@` timestamps, time zones, and junk.
struct CalendarExpressionCorpus {
    /// SplitMix64: the same corpus on every machine.
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    static func expressions(count: Int, seed: UInt64) -> [String] {
        var corpus = CalendarExpressionCorpus(seed: seed)
        return (0..<count).map { _ in corpus.expression() }
    }

    private mutating func random() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    private mutating func below(_ bound: Int) -> Int { Int(random() % UInt64(bound)) }
    private mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
    private mutating func pick<T>(_ values: [T]) -> T { values[below(values.count)] }

    mutating func expression() -> String {
        switch below(100) {
        case 0..<6: return pick(Self.shorthands) + zone()
        case 6..<9: return junk()
        case 9..<11: return "@" + pick(["0", "1700000000", "1774746000", "-1", "7258118399", "7258118400", " 86400", "+5", "99999999999999999999", "12x"]) + zone()
        default: break
        }
        var parts: [String] = []
        if chance(30) { parts.append(weekdays()) }
        switch below(10) {
        case 0..<4: parts.append(date(yearToo: true))
        case 4..<7: parts.append(date(yearToo: false))
        default: break
        }
        if chance(80) || parts.isEmpty { parts.append(time()) }
        return parts.joined(separator: pick([" ", " ", " ", "  "])) + zone()
    }

    static let shorthands = [
        "minutely", "hourly", "daily", "weekly", "monthly", "yearly", "annually", "anually", "quarterly", "semiannually",
        "semi-annually", "biannually", "bi-annually", "Daily", "QUARTERLY", "fortnightly",
    ]

    private static let weekdayNames = [
        "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
        "mon", "FRI", "sUn",
    ]

    private mutating func weekdays() -> String {
        if chance(3) { return pick(["Mo", "Mond", "Funday", "Mon...Fri", "Mon..", "Mon-", "Mon,,Tue", "Mon.Fri"]) }
        var items: [String] = []
        for _ in 0..<(1 + below(3)) {
            let first = pick(Self.weekdayNames)
            items.append(chance(35) ? first + pick(["..", "..", "-"]) + pick(Self.weekdayNames) : first)
        }
        return items.joined(separator: ",") + (chance(5) ? "," : "")
    }

    private mutating func date(yearToo: Bool) -> String {
        var text = ""
        if yearToo { text += component(pick([(1970, 2199), (2020, 2035), (0, 99), (2024, 2030)]), width: 4) + "-" }
        text += component((1, 12), width: 2)
        text += chance(15) ? "~" : "-"
        text += component(chance(20) ? (1, 7) : (1, 31), width: 2)
        return text
    }

    private mutating func time() -> String {
        let hour = component((0, 23), width: 2)
        let minute = component((0, 59), width: 2)
        guard chance(60) else { return hour + ":" + minute }
        return hour + ":" + minute + ":" + seconds()
    }

    /// One component: `*`, or a list of values, ranges and repetitions, now and then out of range.
    private mutating func component(_ range: (Int, Int), width: Int) -> String {
        if chance(30) { return "*" }
        var items: [String] = []
        for _ in 0..<(chance(75) ? 1 : 2 + below(3)) {
            let start = value(range, width: width)
            switch below(10) {
            case 0..<5: items.append(start)
            case 5..<7: items.append(start + ".." + value(range, width: width))
            case 7..<9: items.append(start + "/" + String(below(chance(10) ? 40 : 12)))
            default: items.append(start + ".." + value(range, width: width) + "/" + String(1 + below(10)))
            }
        }
        return items.joined(separator: ",")
    }

    private mutating func value(_ range: (Int, Int), width: Int) -> String {
        let number = chance(4) ? range.1 + 1 + below(5) : range.0 + below(range.1 - range.0 + 1)
        return chance(50) ? String(number) : Self.pad(number, width)
    }

    private mutating func seconds() -> String {
        if chance(25) { return "*" }
        var items: [String] = []
        for _ in 0..<(chance(80) ? 1 : 2) {
            var start = String(below(chance(3) ? 70 : 60)) + fraction()
            switch below(10) {
            case 0..<5: break
            case 5..<7: start += ".." + String(below(60)) + fraction()
            case 7..<9: start += "/" + String(below(30)) + fraction()
            default: start += ".." + String(below(60)) + "/" + String(1 + below(20)) + fraction()
            }
            items.append(start)
        }
        return items.joined(separator: ",")
    }

    private mutating func fraction() -> String {
        guard chance(20) else { return "" }
        return "." + String((0..<(chance(5) ? 0 : 1 + below(8))).map { _ in Character(String(below(10))) })
    }

    private mutating func zone() -> String {
        switch below(100) {
        case 0..<4: " UTC"
        case 4..<5: " utc"
        case 5..<6: " Asia/Shanghai"
        case 6..<7: " Europe/Berlin"
        case 7..<8: " America/New_York"
        case 8..<9: pick([" Nowhere/Zone", " Etc/UTC", " Australia/Lord_Howe", " asia/shanghai", " Europe/../UTC"])
        default: ""
        }
    }

    private mutating func junk() -> String {
        let alphabet = Array("0123456789*-~:.,/@ abcMonFriUTC")
        return String((0..<below(16)).map { _ in pick(alphabet) })
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
