/// A span of time written as systemd.time(7) writes one: `1min`, `30s`, `1h 30min`, `500ms`.
public enum TimeSpan {
    private static let units: [(names: [String], microseconds: Int64)] = [
        (["us", "usec", "µs"], 1),
        (["ms", "msec"], 1_000),
        (["s", "sec", "second", "seconds"], 1_000_000),
        (["m", "min", "minute", "minutes"], 60_000_000),
        (["h", "hr", "hour", "hours"], 3_600_000_000),
        (["d", "day", "days"], 86_400_000_000),
        (["w", "week", "weeks"], 604_800_000_000),
    ]

    /// The span in microseconds; a bare number is seconds, as systemd reads it. Nil when the
    /// text is no span.
    public static func parse(_ text: String) -> Int64? {
        var total: Int64 = 0
        var rest = Substring(text).drop { $0 == " " }
        while let last = rest.last, last == " " { rest = rest.dropLast() }
        guard !rest.isEmpty else { return nil }
        while !rest.isEmpty {
            rest = rest.drop { $0 == " " }
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            guard !digits.isEmpty, digits.count <= 9, let number = Int64(digits) else { return nil }
            rest = rest.dropFirst(digits.count).drop { $0 == " " }
            let word = rest.prefix { $0.isLetter || $0 == "µ" }
            rest = rest.dropFirst(word.count)
            if word.isEmpty {
                total += number * 1_000_000
            } else {
                guard let unit = units.first(where: { $0.names.contains(String(word)) }) else { return nil }
                total += number * unit.microseconds
            }
        }
        return total
    }

    /// The span as systemd prints it: `1min`, `1h 30min`, `0`.
    public static func describe(_ microseconds: Int64) -> String {
        guard microseconds > 0 else { return "0" }
        var rest = microseconds
        var parts: [String] = []
        for (names, size) in [(["w"], Int64(604_800_000_000)), (["d"], 86_400_000_000), (["h"], 3_600_000_000), (["min"], 60_000_000),
                              (["s"], 1_000_000), (["ms"], 1_000), (["us"], 1)] where rest >= size {
            parts.append("\(rest / size)\(names[0])")
            rest %= size
        }
        return parts.joined(separator: " ")
    }
}
