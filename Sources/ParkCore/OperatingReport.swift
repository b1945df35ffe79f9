/// A calendar month, `YYYY-MM`.
public struct Month: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int

    public init(year: Int, month: Int) {
        self.year = year
        self.month = month
    }

    public static func parse(_ text: String, field: String) throws(DomainError) -> Month {
        let (year, month) = try CivilDate.parseMonth(text, field: field)
        return Month(year: year, month: month)
    }

    public var firstDay: CivilDate { CivilDate(year: year, month: month, day: 1)! }
    public var lastDay: CivilDate { CivilDate(year: year, month: month, day: CivilDate.daysIn(month: month, year: year))! }

    public static func < (lhs: Month, rhs: Month) -> Bool { (lhs.year, lhs.month) < (rhs.year, rhs.month) }

    public var description: String {
        (year < 1000 ? String(repeating: "0", count: 4 - String(year).count) : "") + "\(year)-" + (month < 10 ? "0\(month)" : "\(month)")
    }
}

/// What a tenant reports for one month: money exact to the fen, the rest counts (person-times
/// where the park counts services, not people).
public struct OperatingFigures: Equatable, Sendable {
    public var revenue: Money
    public var tax: Money
    public var employersServed: Int
    public var workersDispatched: Int
    public var workersOutsourced: Int
    public var jobSeekersServed: Int
    public var placements: Int
    public var trainingSessions: Int
    public var trainingAttendees: Int
    public var phdHires: Int
    public var headcount: Int

    public init(
        revenue: Money, tax: Money, employersServed: Int, workersDispatched: Int, workersOutsourced: Int,
        jobSeekersServed: Int, placements: Int, trainingSessions: Int, trainingAttendees: Int, phdHires: Int, headcount: Int
    ) {
        self.revenue = revenue
        self.tax = tax
        self.employersServed = employersServed
        self.workersDispatched = workersDispatched
        self.workersOutsourced = workersOutsourced
        self.jobSeekersServed = jobSeekersServed
        self.placements = placements
        self.trainingSessions = trainingSessions
        self.trainingAttendees = trainingAttendees
        self.phdHires = phdHires
        self.headcount = headcount
    }

    /// The largest believable monthly value of each count, for one HR firm.
    public static let countLimits: [(field: String, limit: Int)] = [
        ("employersServed", 100_000), ("workersDispatched", 1_000_000), ("workersOutsourced", 1_000_000),
        ("jobSeekersServed", 1_000_000), ("placements", 1_000_000), ("trainingSessions", 10_000),
        ("trainingAttendees", 1_000_000), ("phdHires", 1_000), ("headcount", 100_000),
    ]

    /// A month's revenue above this is refused as absurd (100 billion yuan); so is a tax, which
    /// is at most the revenue.
    public static let amountLimit = AmountLimit(most: Money(fen: 10_000_000_000_000), unit: "yuan a month")

    /// Every problem with the figures, field by field (empty when they are acceptable).
    public var problems: [DomainError] {
        var problems = [Self.problem("revenue", amount: revenue), Self.problem("tax", amount: tax)].compactMap { $0 }
        if tax > revenue, revenue >= .zero { problems.append(.invalid("tax", "\(tax) is more than the revenue, \(revenue)")) }
        for (field, _) in Self.countLimits {
            if let problem = Self.problem(field, count: self[count: field]) { problems.append(problem) }
        }
        if trainingSessions == 0, trainingAttendees > 0 {
            problems.append(.invalid("trainingAttendees", "\(trainingAttendees) attendees but no training session"))
        }
        return problems
    }

    /// What is wrong with an amount whatever the other figures are (negative, or beyond
    /// `amountLimit`), or nil; a CSV cell is judged by it before the row is decided.
    public static func problem(_ field: String, amount: Money) -> DomainError? {
        if amount < .zero { return .invalid(field, "must not be negative") }
        if amount > amountLimit.most { return amountLimit.refusal(amount.description, field: field) }
        return nil
    }

    /// What is wrong with a count whatever the other figures are (negative, or beyond its
    /// `countLimits`), or nil.
    public static func problem(_ field: String, count: Int) -> DomainError? {
        if count < 0 { return .invalid(field, "\(count) must not be negative") }
        if let limit = countLimits.first(where: { $0.field == field })?.limit, count > limit {
            return .invalid(field, "\(count) is more than \(limit), not believable for one month")
        }
        return nil
    }
}

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

extension Tenant {
    /// The first day in the park: when it first became active.
    public var movedIn: CivilDate? { history.first { $0.to == .active }?.on }

    /// The day its time in the park is counted to on `today`: its last day in the park once it
    /// has exited, else today.
    public func timeInParkCounted(on today: CivilDate) -> CivilDate {
        guard status == .exited, let lastDay = daysInPark?.upperBound, lastDay < today else { return today }
        return lastDay
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

/// Why a month cannot be reported.
public enum ReportRefusal: Equatable, Sendable {
    /// The month is today's or later: a month is reported once it is over.
    case notEnded
    /// The tenant was not in the park that month; its stay, if it had one.
    case notInPark(ClosedRange<CivilDate>?)
}
