extension CivilDate {
    /// The same day `years` later; a 29 February lands on 28 February in common years. Nil
    /// outside the years 1–9999, which hold every day parkd knows: such a day comes after (or
    /// before) all of them.
    public func addingYears(_ years: Int) -> CivilDate? {
        let (target, overflow) = year.addingReportingOverflow(years)
        guard !overflow else { return nil }
        return CivilDate(year: target, month: month, day: day) ?? CivilDate(year: target, month: month, day: day - 1)
    }

    /// Lease year k of `day` for a move-in on this day: day ∈ [self + (k−1) years, self + k years)
    /// (nil before the move-in; a 29 February move-in has its anniversaries on 28 February).
    public func leaseYear(on day: CivilDate) -> Int? {
        guard self <= day else { return nil }
        var k = max(1, day.year - year)
        // An anniversary past 9999 comes after `day`.
        while let anniversary = addingYears(k), anniversary <= day { k += 1 }
        while k > 1, let anniversary = addingYears(k - 1), anniversary > day { k -= 1 }
        return k
    }

    /// Whole calendar months from this day to `later` (0 within the first month).
    public func wholeMonths(until later: CivilDate) -> Int {
        var months = (later.year - year) * 12 + (later.month - month)
        if later.day < day && later.day < CivilDate.daysIn(month: later.month, year: later.year) { months -= 1 }
        return max(0, months)
    }
}
