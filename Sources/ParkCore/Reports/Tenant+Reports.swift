extension Tenant {
    /// The days the tenant was in the park: from becoming active to the day before it was
    /// exited (nil when it never became active; open-ended up to `CivilDate.distantFuture`).
    public var daysInPark: ClosedRange<CivilDate>? {
        guard let movedIn = history.first(where: { $0.to == .active })?.on else { return nil }
        let exitedOn = history.first(where: { $0.to == .exited })?.on
        let lastDay = exitedOn?.adding(days: -1) ?? .distantFuture
        return lastDay >= movedIn ? movedIn...lastDay : nil
    }

    /// Why the tenant may not report `month` as of `today`, or nil when it may.
    public func reportRefusal(for month: Month, today: CivilDate) -> ReportRefusal? {
        if month >= Month(year: today.year, month: today.month) { return .notEnded }
        return wasInPark(during: month) ? nil : .notInPark(daysInPark)
    }

    /// True when the tenant was in the park on at least one day of the month.
    public func wasInPark(during month: Month) -> Bool {
        guard let days = daysInPark else { return false }
        return days.lowerBound <= month.lastDay && month.firstDay <= days.upperBound
    }
}

extension Tenant {
    /// The first day in the park: when it first became active.
    public var movedIn: CivilDate? { history.first { $0.to == .active }?.on }

    /// The day its time in the park is counted to on `today`: its last day in the park (the day
    /// before its exit) once it has exited, else today. A firm that moved in and exited on the
    /// same day counts to the day before its move-in: no time at all.
    public func timeInParkCounted(on today: CivilDate) -> CivilDate {
        guard status == .exited, let exitedOn = history.first(where: { $0.to == .exited })?.on else { return today }
        return min(exitedOn.adding(days: -1), today)
    }

    /// Whole months in the park on `today`: since moving in, or, once it has exited, through its
    /// last day (in from 1 October to 30 June is nine months).
    public func monthsInPark(on today: CivilDate) -> Int? {
        let counted = timeInParkCounted(on: today)
        return monthsSinceMoveIn(on: counted < today ? counted.adding(days: 1) : counted)
    }

    /// Whole months since moving in, on `day` (nil before moving in).
    public func monthsSinceMoveIn(on day: CivilDate) -> Int? {
        guard let movedIn, movedIn <= day else { return nil }
        return movedIn.wholeMonths(until: day)
    }

    /// Lease year k of `day`: day ∈ [move-in + (k−1) years, move-in + k years) (nil before moving in).
    public func leaseYear(on day: CivilDate) -> Int? {
        movedIn?.leaseYear(on: day)
    }
}
