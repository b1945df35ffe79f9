/// The search for a calendar expression's next elapse, component by component from the year
/// down to the microsecond, as systemd 252's calendar search walks it: a component that cannot
/// match carries into the next larger one, and every step is normalized through the zone's
/// local time (`LocalTimeResolver`), so dates such as 31 February roll over and a daylight-saving
/// gap or fold lands where systemd lands.
struct CalendarSearch<Rules: TimeZoneRules> {
    let spec: CalendarSpec
    var resolver: LocalTimeResolver<Rules>

    /// systemd gives up after this many steps and reports no elapse, which it prints as "never".
    static var maximumSteps: Int { 1000 }
    static var lastYear: Int { 2199 }

    private enum Match { case none, unchanged, changed }
    private enum Bounds { case outside, normalized, within }

    enum Outcome {
        case found(BrokenDownTime, microsecond: Int)
        case never
        case gaveUp
    }

    /// The first time matching the expression at or after `start` (with `microsecond` into its
    /// second).
    mutating func first(from start: BrokenDownTime, microsecond: Int) -> Outcome {
        var time = start
        var microsecond = microsecond
        for _ in 0..<Self.maximumSteps {
            _ = resolver.resolve(&time)
            time.isDaylightSaving = nil

            switch match(spec.year, &time, \.year, offset: 0) {
            case .none: return .never
            case .changed:
                time.month = 0
                time.day = 1
                (time.hour, time.minute, time.second, microsecond) = (0, 0, 0, 0)
            case .unchanged: break
            }
            guard bounds(&time) == .within else { return .never }

            switch match(spec.month, &time, \.month, offset: 1) {
            case .none:
                time.year += 1
                (time.month, time.day) = (0, 1)
                (time.hour, time.minute, time.second, microsecond) = (0, 0, 0, 0)
                continue
            case .changed:
                time.day = 1
                (time.hour, time.minute, time.second, microsecond) = (0, 0, 0, 0)
            case .unchanged: break
            }
            switch bounds(&time) {
            case .outside:
                time.year += 1
                (time.month, time.day) = (0, 1)
                (time.hour, time.minute, time.second, microsecond) = (0, 0, 0, 0)
                continue
            case .normalized: continue
            case .within: break
            }

            let dayMatch = match(spec.day, &time, \.day, offset: 0, fromMonthEnd: spec.fromMonthEnd)
            if dayMatch == .changed { (time.hour, time.minute, time.second, microsecond) = (0, 0, 0, 0) }
            if dayMatch == .none {
                time.month += 1
                time.day = 1
                (time.hour, time.minute, time.second, microsecond) = (0, 0, 0, 0)
                continue
            }
            switch bounds(&time) {
            case .outside:
                time.month += 1
                time.day = 1
                (time.hour, time.minute, time.second, microsecond) = (0, 0, 0, 0)
                continue
            case .normalized: continue
            case .within: break
            }

            if !matchesWeekday(time) {
                time.day += 1
                (time.hour, time.minute, time.second, microsecond) = (0, 0, 0, 0)
                continue
            }

            let hourMatch = match(spec.hour, &time, \.hour, offset: 0)
            if hourMatch == .changed { (time.minute, time.second, microsecond) = (0, 0, 0) }
            let hourBounds = hourMatch == .none ? .outside : bounds(&time)
            if hourBounds == .outside {
                time.day += 1
                (time.hour, time.minute, time.second, microsecond) = (0, 0, 0, 0)
                continue
            }
            // The hour set may not exist on a day the clocks change: start again from the
            // normalized time.
            if hourBounds == .normalized { continue }

            let minuteMatch = match(spec.minute, &time, \.minute, offset: 0)
            if minuteMatch == .changed { (time.second, microsecond) = (0, 0) }
            let minuteBounds = minuteMatch == .none ? .outside : bounds(&time)
            if minuteBounds == .outside {
                time.hour += 1
                (time.minute, time.second, microsecond) = (0, 0, 0)
                continue
            }
            if minuteBounds == .normalized { continue }

            var value = time.second * 1_000_000 + microsecond
            let secondMatch = matchValue(spec.second, time, &value, fromMonthEnd: false)
            microsecond = value % 1_000_000
            time.second = value / 1_000_000
            let secondBounds = secondMatch == .none ? .outside : bounds(&time)
            if secondBounds == .outside {
                time.minute += 1
                (time.second, microsecond) = (0, 0)
                continue
            }
            if secondBounds == .normalized { continue }

            return .found(time, microsecond: microsecond)
        }
        return .gaveUp
    }

    init(spec: CalendarSpec, rules: Rules) {
        self.spec = spec
        self.resolver = LocalTimeResolver(rules: rules)
    }

    private mutating func match(
        _ items: [CalendarComponent]?, _ time: inout BrokenDownTime, _ field: WritableKeyPath<BrokenDownTime, Int>, offset: Int,
        fromMonthEnd: Bool = false
    ) -> Match {
        var value = time[keyPath: field] + offset
        let result = matchValue(items, time, &value, fromMonthEnd: fromMonthEnd)
        time[keyPath: field] = value - offset
        return result
    }

    /// The earliest value of `items` at or after `value`, written to `value`.
    /// With `fromMonthEnd`, the items count days back from the end of `time`'s month.
    private mutating func matchValue(_ items: [CalendarComponent]?, _ time: BrokenDownTime, _ value: inout Int, fromMonthEnd: Bool) -> Match {
        guard let items else { return .unchanged }
        var best: Int?
        for item in items {
            var start = item.start
            var stop = item.stop ?? -1
            if fromMonthEnd {
                start = dayFromMonthEnd(time, item.start)
                stop = dayFromMonthEnd(time, item.stop ?? -1)
                if stop > 0 { swap(&start, &stop) }
            }
            if start >= value {
                if best.map({ start < $0 }) ?? true { best = start }
            } else if item.step > 0 {
                let candidate = start + item.step * ((value - start + item.step - 1) / item.step)
                if (best.map { candidate < $0 } ?? true) && (stop < 0 || candidate <= stop) { best = candidate }
            }
        }
        guard let best else { return .none }
        defer { value = best }
        return value == best ? .unchanged : .changed
    }

    /// The day of `time`'s month that is `fromEnd` days back from its end (1 is the last day),
    /// or -1 when there is none.
    private mutating func dayFromMonthEnd(_ time: BrokenDownTime, _ fromEnd: Int) -> Int {
        var probe = time
        probe.month += 1
        probe.day = 1 - fromEnd
        guard resolver.resolve(&probe) != nil, probe.month == time.month else { return -1 }
        return probe.day
    }

    private mutating func matchesWeekday(_ time: BrokenDownTime) -> Bool {
        guard spec.weekdays != 0 else { return true }
        var probe = time
        guard resolver.resolve(&probe) != nil else { return false }
        return spec.weekdays & (1 << probe.weekdayIndex) != 0
    }

    /// Whether `time` is a real local time: outside (past 2199, or normalizing it would go
    /// backwards), normalized forward (`time` now holds the normalized time, the field below the
    /// one that moved reset), or within.
    private mutating func bounds(_ time: inout BrokenDownTime) -> Bounds {
        guard time.year <= Self.lastYear else { return .outside }
        var normalized = time
        guard resolver.resolve(&normalized) != nil else { return .outside }
        let fields: [WritableKeyPath<BrokenDownTime, Int>] = [\.year, \.month, \.day, \.hour, \.minute, \.second]
        guard let moved = fields.firstIndex(where: { normalized[keyPath: $0] != time[keyPath: $0] }) else { return .within }
        if normalized[keyPath: fields[moved]] < time[keyPath: fields[moved]] { return .outside }
        // Only the field just below the one that moved restarts (the month at January, the day
        // at the 1st, the others at 0), as in systemd.
        if moved + 1 < fields.count { normalized[keyPath: fields[moved + 1]] = moved == 1 ? 1 : 0 }
        time = normalized
        return .normalized
    }
}
