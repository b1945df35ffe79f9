extension CalendarSpec {
    /// The first elapse after `instant` (microseconds since the epoch), or nil when the
    /// expression never elapses again (before 2200, or within systemd's 1,000 search steps).
    ///
    /// `zone` is the zone the expression is read in: the rules of `timeZone` when it names one,
    /// else the default zone (the park's). An expression in UTC ignores it.
    public func next(after instant: Int64, in zone: some TimeZoneRules) -> Int64? {
        guard case .at(let elapse) = elapse(after: instant, in: zone) else { return nil }
        return elapse
    }

    /// Like `next(after:in:)`, telling "never" from a search that gave up as systemd does.
    public func elapse(after instant: Int64, in zone: some TimeZoneRules) -> CalendarElapse {
        isUTC ? elapse(after: instant, rules: UTCRules()) : elapse(after: instant, rules: zone)
    }

    /// The first `count` elapses after `instant`, each counted from the one before, as
    /// `systemd-analyze calendar --iterations` counts them; the list ends early with `.never`
    /// or `.searchGaveUp` when the search stops.
    public func elapses(after instant: Int64, count: Int, in zone: some TimeZoneRules) -> [CalendarElapse] {
        var result: [CalendarElapse] = []
        var from = instant
        while result.count < count {
            let elapse = elapse(after: from, in: zone)
            result.append(elapse)
            guard case .at(let next) = elapse else { break }
            from = next
        }
        return result
    }

    private func elapse<Rules: TimeZoneRules>(after instant: Int64, rules: Rules) -> CalendarElapse {
        let (start, overflow) = instant.addingReportingOverflow(1)
        guard !overflow else { return .never }
        let second = start >= 0 ? start / 1_000_000 : (start - 999_999) / 1_000_000
        var search = CalendarSearch(spec: self, rules: rules)
        switch search.first(from: search.resolver.breakDown(second), microsecond: Int(start - second * 1_000_000)) {
        case .never: return .never
        case .gaveUp: return .searchGaveUp
        case .found(var time, let microsecond):
            guard let elapse = search.resolver.resolve(&time), elapse >= 0 else { return .searchGaveUp }
            return .at(elapse * 1_000_000 + Int64(microsecond))
        }
    }
}
