import ParkCore

/// When a rule pays, and which run computes it.
public enum RulePeriod: String, Sendable, CaseIterable, Codable {
    /// Every month, in the month's run; the policy in force on the month's last day applies.
    case month
    /// Every calendar year, in the year's run; the policy in force on 31 December applies.
    case year
    /// Once per tenant, in the annual run of the year of its first move-in.
    case onceAtMoveIn = "once-at-move-in"
    /// Once per tenant, in the monthly run of the month it becomes exited.
    case onceAtExit = "once-at-exit"

    /// The kind of run that computes the rule.
    public var runKind: RunKind { self == .month || self == .onceAtExit ? .month : .year }
}

/// A run computes either one month or one calendar year.
public enum RunKind: String, Sendable, Codable {
    case month, year
}

/// A period a run computes: one month, or one calendar year.
public struct RewardPeriod: Hashable, Sendable, CustomStringConvertible, Codable {
    public let kind: RunKind
    /// Month index (year × 12 + month − 1) of the period's first and last month.
    let firstMonth: Int
    let lastMonth: Int

    public static func month(_ month: Month) -> RewardPeriod {
        RewardPeriod(kind: .month, firstMonth: month.index, lastMonth: month.index)
    }

    public static func year(_ year: Int) -> RewardPeriod {
        RewardPeriod(kind: .year, firstMonth: year * 12, lastMonth: year * 12 + 11)
    }

    /// Parses `2021-06` (a month) or `2021` (a year).
    public static func parse(_ text: String, field: String = "period") throws(DomainError) -> RewardPeriod {
        if text.count == 4, let year = Int(text), CivilDate.recordedYears.contains(year) { return .year(year) }
        guard let month = try? Month.parse(text, field: field), CivilDate.recordedYears.contains(month.year) else {
            throw .invalid(field, "'\(text)' is neither a month (2021-06) nor a year (2021)")
        }
        return .month(month)
    }

    /// Parses a period that is over by `today`: a month or a year is computed once it has
    /// ended, never while its reports can still come in.
    public static func parseEnded(_ text: String, today: CivilDate, field: String = "period") throws(DomainError) -> RewardPeriod {
        let period = try parse(text, field: field)
        guard period.end < today else {
            throw .invalid(field, "\(period) has not ended (today is \(today)); a period is computed once it is over")
        }
        return period
    }

    /// Parses a period a simulation may compute: one that ends by next year's end. A draft is
    /// tried on the data the park holds; a period far ahead holds none, and computing its
    /// years of caps would take minutes to say nothing.
    public static func parseSimulated(_ text: String, today: CivilDate, field: String = "period") throws(DomainError) -> RewardPeriod {
        let period = try parse(text, field: field)
        guard period.year <= today.year + 1 else {
            throw .invalid(field, "\(period) is after \(today.year + 1); a simulation computes the park's data, for a period up to the end of next year")
        }
        return period
    }

    public var start: CivilDate { Month(index: firstMonth).firstDay }
    public var end: CivilDate { Month(index: lastMonth).lastDay }
    public var year: Int { lastMonth / 12 }

    /// The period before this one, of the same kind.
    var previous: RewardPeriod {
        RewardPeriod(kind: kind, firstMonth: firstMonth - (kind == .month ? 1 : 12), lastMonth: lastMonth - (kind == .month ? 1 : 12))
    }

    public var description: String {
        kind == .month ? Month(index: firstMonth).description : String(year)
    }
}

/// A named value of a policy that changes on dates.
struct PolicyParameter: Sendable {
    let name: String
    let type: ValueType
    /// Values, ascending by the day each takes effect.
    let values: [(from: CivilDate, value: Value)]
    let position: SourcePosition

    /// The value in force on `day` and the day it took effect (the first value before any).
    func value(on day: CivilDate) -> (value: Value, from: CivilDate) {
        let entry = values[entry(on: day)]
        return (entry.value, entry.from)
    }

    /// The position in `values` of the value in force on `day` (the first before any).
    func entry(on day: CivilDate) -> Int {
        values.lastIndex { $0.from <= day } ?? 0
    }
}

/// A rule, checked and compiled (a class: runs pass it around a lot, and never change it).
final class PolicyRule: Sendable {
    let id: String
    let title: String
    let clause: String
    let period: RulePeriod
    /// Summed day by day: the amount formula gives a day's share, with the policy in force that day.
    let perDay: Bool
    let rounding: RoundingMode
    let eligible: Formula
    let amount: Formula
    let capPerPeriod: Formula?
    let capPerYear: Formula?
    let capLifetime: Formula?
    let position: SourcePosition

    init(
        id: String, title: String, clause: String, period: RulePeriod, perDay: Bool, rounding: RoundingMode, eligible: Formula,
        amount: Formula, capPerPeriod: Formula?, capPerYear: Formula?, capLifetime: Formula?, position: SourcePosition
    ) {
        self.id = id
        self.title = title
        self.clause = clause
        self.period = period
        self.perDay = perDay
        self.rounding = rounding
        self.eligible = eligible
        self.amount = amount
        self.capPerPeriod = capPerPeriod
        self.capPerYear = capPerYear
        self.capLifetime = capLifetime
        self.position = position
    }
}

/// A park-wide budget a year for some annual rules: over it, amounts are scaled pro rata.
struct PolicyBudget: Sendable {
    enum Amount: Sendable {
        case literal(Exact)
        case parameter(index: Int)
    }

    let id: String
    let rules: [String]
    let perYear: Amount
    let position: SourcePosition

    /// The budget for the year ending on `day`.
    func amount(in policy: Policy, on day: CivilDate) -> Exact {
        switch perYear {
        case .literal(let value): value
        case .parameter(let index): policy.parameters[index].value(on: policy.parameterDay(day)).value.number
        }
    }
}

/// A policy, checked and compiled once: what runs evaluate.
public final class Policy: Sendable {
    public let id: String
    public let title: String
    public let issuer: String
    public let document: String
    /// Title and document, as an explanation names the policy: `Opinions on … (P2021)`.
    let citation: String
    public let inForce: ClosedRange<CivilDate>
    public let replaces: String?
    /// SHA-256 of the file's text: the version a run records.
    public let hash: String
    public let fileName: String
    public let source: String
    let parameters: [PolicyParameter]
    let rules: [PolicyRule]
    let budgets: [PolicyBudget]
    /// Every day a parameter takes a new value, ascending.
    let parameterDates: [CivilDate]

    init(
        id: String, title: String, issuer: String, document: String, inForce: ClosedRange<CivilDate>, replaces: String?,
        hash: String, fileName: String, source: String, parameters: [PolicyParameter], rules: [PolicyRule], budgets: [PolicyBudget]
    ) {
        self.id = id
        self.title = title
        self.issuer = issuer
        self.document = document
        citation = "\(title) (\(document))"
        self.inForce = inForce
        self.replaces = replaces
        self.hash = hash
        self.fileName = fileName
        self.source = source
        self.parameters = parameters
        self.rules = rules
        self.budgets = budgets
        parameterDates = Array(Set(parameters.flatMap { $0.values.map(\.from) })).sorted()
    }

    public var ruleIDs: [String] { rules.map(\.id) }

    func rule(_ id: String) -> PolicyRule? { rules.first { $0.id == id } }

    /// A summary of each rule: id, title, clause, period.
    public var ruleSummaries: [(id: String, title: String, clause: String, period: RulePeriod, perDay: Bool)] {
        rules.map { ($0.id, $0.title, $0.clause, $0.period, $0.perDay) }
    }

    /// Each parameter with its dated values, as text.
    public var parameterSummaries: [(name: String, type: String, values: [(from: CivilDate, value: String)])] {
        parameters.map { parameter in
            (parameter.name, parameter.type.description, parameter.values.map { ($0.from, $0.value.described(as: parameter.type)) })
        }
    }

    /// The parameter values on `day`, clamped into the policy's days in force.
    func parameterDay(_ day: CivilDate) -> CivilDate {
        min(max(day, inForce.lowerBound), inForce.upperBound)
    }
}
