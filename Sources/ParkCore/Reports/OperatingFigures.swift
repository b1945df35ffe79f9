import MemberwiseInit

/// What a tenant reports for one month: money exact to the fen, the rest counts (person-times
/// where the park counts services, not people).
@MemberwiseInit
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

    /// Nothing reported: every amount and count 0.
    public static let zero = OperatingFigures(
        revenue: .zero, tax: .zero, employersServed: 0, workersDispatched: 0, workersOutsourced: 0, jobSeekersServed: 0, placements: 0,
        trainingSessions: 0, trainingAttendees: 0, phdHires: 0, headcount: 0)

    /// The counts by their wire names, in order. They are also the columns of `operatingReport`.
    public static let countFields = counts.map(\.field)

    /// The counts that add up over months, by their wire names: every count but the headcount,
    /// which is the firm's staff on the day it reported, not something done during the month.
    public static let flowCountFields = flows.map(\.field)

    private static let flows = counts.filter { $0.field != "headcount" }

    /// Adds another report's revenue, tax and flows (not its headcount).
    public mutating func addFlows(of other: OperatingFigures) {
        revenue = revenue + other.revenue
        tax = tax + other.tax
        for flow in Self.flows { self[keyPath: flow.value] += other[keyPath: flow.value] }
    }

    /// Each count by its wire name, with the largest believable monthly value for one HR firm.
    private static let counts: [(field: String, value: any WritableKeyPath<OperatingFigures, Int> & Sendable, limit: Int)] = [
        ("employersServed", \.employersServed, 100_000), ("workersDispatched", \.workersDispatched, 1_000_000),
        ("workersOutsourced", \.workersOutsourced, 1_000_000), ("jobSeekersServed", \.jobSeekersServed, 1_000_000),
        ("placements", \.placements, 1_000_000), ("trainingSessions", \.trainingSessions, 10_000),
        ("trainingAttendees", \.trainingAttendees, 1_000_000), ("phdHires", \.phdHires, 1_000), ("headcount", \.headcount, 100_000),
    ]

    /// A count by its wire name; an unknown name reads 0 and writes nothing.
    public subscript(count field: String) -> Int {
        get { Self.counts.first { $0.field == field }.map { self[keyPath: $0.value] } ?? 0 }
        set {
            guard let count = Self.counts.first(where: { $0.field == field }) else { return }
            self[keyPath: count.value] = newValue
        }
    }

    /// A month's revenue above this is refused as absurd (100 billion yuan); so is a tax, which
    /// is at most the revenue.
    public static let amountLimit = AmountLimit(most: Money(fen: 10_000_000_000_000), unit: "yuan a month")

    /// Every problem with the figures, field by field (empty when they are acceptable).
    public var problems: [DomainError] { problems(revenueChangedAlone: false) }

    /// As `problems`; a tax above the revenue is named by the revenue when the revenue alone
    /// changed (a correction lowering it under the tax in force), else by the tax.
    public func problems(revenueChangedAlone: Bool) -> [DomainError] {
        var problems = [Self.problem("revenue", amount: revenue), Self.problem("tax", amount: tax)].compactMap { $0 }
        if tax > revenue, revenue >= .zero {
            problems.append(revenueChangedAlone
                ? .invalid("revenue", "\(revenue) is less than the tax in force, \(tax)")
                : .invalid("tax", "\(tax) is more than the revenue, \(revenue)"))
        }
        for count in Self.counts {
            if let problem = Self.problem(count.field, count: self[keyPath: count.value]) { problems.append(problem) }
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
    /// believable monthly value), or nil.
    public static func problem(_ field: String, count: Int) -> DomainError? {
        if count < 0 { return .invalid(field, "\(count) must not be negative") }
        if let limit = counts.first(where: { $0.field == field })?.limit, count > limit {
            return .invalid(field, "\(count) is more than \(limit), not believable for one month")
        }
        return nil
    }
}
