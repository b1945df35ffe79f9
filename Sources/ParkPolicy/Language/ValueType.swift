import MemberwiseInit
import ParkCore

/// The type of every value a formula handles. Arithmetic follows units: `money × rate` is money,
/// `price × area` is money, `money ÷ money` is a rate, and `money + count` is an error.
public indirect enum ValueType: Hashable, Sendable, CustomStringConvertible {
    /// Yuan, exact (amounts round to the fen only where a rule or formula says).
    case money
    /// A dimensionless ratio: `40%`, `0.3`.
    case rate
    /// A whole number of things or days (person-times, PhD hires, lease years).
    case count
    /// Square metres.
    case area
    /// Yuan per m² per month: a contracted rent.
    case price
    case date
    case bool
    /// A span of months relative to the period computed (`this_year`, `last_months(12)`).
    case window
    /// A table of brackets from thresholds of one type to values of another.
    case brackets(key: ValueType, value: ValueType)
    /// A text literal, only as an argument that names something (`has_tag("headquarters")`).
    case text

    public var description: String {
        switch self {
        case .money: "money"
        case .rate: "rate"
        case .count: "count"
        case .area: "area"
        case .price: "price"
        case .date: "date"
        case .bool: "boolean"
        case .window: "window"
        case .brackets(let key, let value): "brackets \(key) -> \(value)"
        case .text: "text"
        }
    }

    /// Parses a declared type: `money`, `rate`, …, `brackets count -> rate`.
    static func parse(_ text: String) -> ValueType? {
        let words = text.split(separator: " ").map(String.init)
        if words.count == 4, words[0] == "brackets", words[2] == "->",
           let key = parse(words[1]), key.isNumeric, let value = parse(words[3]), value.isNumeric {
            return .brackets(key: key, value: value)
        }
        guard words.count == 1 else { return nil }
        switch words[0] {
        case "money": return .money
        case "rate": return .rate
        case "count": return .count
        case "area": return .area
        case "price": return .price
        case "date": return .date
        case "boolean", "bool": return .bool
        default: return nil
        }
    }

    var isNumeric: Bool { dimensions != nil }

    /// Exponents of yuan and of m² (rate and count have none).
    var dimensions: (money: Int, area: Int)? {
        switch self {
        case .money: (1, 0)
        case .area: (0, 1)
        case .price: (1, -1)
        case .rate, .count: (0, 0)
        default: nil
        }
    }

    /// The product's type, or nil when it means nothing.
    static func product(_ lhs: ValueType, _ rhs: ValueType) -> ValueType? {
        if lhs == .count, rhs == .count { return .count }
        guard let a = lhs.dimensions, let b = rhs.dimensions else { return nil }
        return fromDimensions(money: a.money + b.money, area: a.area + b.area)
    }

    /// The quotient's type, or nil when it means nothing.
    static func quotient(_ lhs: ValueType, _ rhs: ValueType) -> ValueType? {
        guard let a = lhs.dimensions, let b = rhs.dimensions else { return nil }
        return fromDimensions(money: a.money - b.money, area: a.area - b.area)
    }

    private static func fromDimensions(money: Int, area: Int) -> ValueType? {
        switch (money, area) {
        case (0, 0): .rate
        case (1, 0): .money
        case (0, 1): .area
        case (1, -1): .price
        default: nil
        }
    }
}

/// A value while a formula runs.
public enum Value: Sendable, Equatable, CustomStringConvertible {
    case number(Exact)
    case flag(Bool)
    case day(CivilDate)
    case window(Window)
    case table(BracketTable)
    case text(String)

    var number: Exact {
        if case .number(let value) = self { return value }
        return .zero
    }

    var flag: Bool {
        if case .flag(let value) = self { return value }
        return false
    }

    var date: CivilDate {
        if case .day(let value) = self { return value }
        return CivilDate.distantFuture
    }

    public var description: String {
        switch self {
        case .number(let value): value.description
        case .flag(let value): value ? "true" : "false"
        case .day(let value): value.description
        case .window(let value): value.description
        case .table(let value): value.description
        case .text(let value): "\"\(value)\""
        }
    }

    /// The value as an explanation shows it, with its unit.
    func described(as type: ValueType) -> String {
        switch (self, type) {
        case (.number(let value), .money): (value.exactFen.map { Exact.decimal(Int128($0), places: 2) } ?? value.description) + " yuan"
        case (.number(let value), .rate):
            ((try? value * Exact(100)).map { $0.description } ?? value.description) + "%"
        case (.number(let value), .area): "\(value) m²"
        case (.number(let value), .price): "\(value) yuan/m²·month"
        case (.table(let table), .brackets(let key, let value)):
            table.rows.map { "from \(Value.number($0.threshold).described(as: key)): \(Value.number($0.value).described(as: value))" }
                .joined(separator: ", ")
        default: description
        }
    }
}

/// A span of calendar months relative to the period being computed.
public enum Window: Sendable, Equatable, CustomStringConvertible {
    /// The period's own month (or the last month of a year).
    case thisMonth
    /// January to December of the period's year.
    case thisYear
    /// January of the period's year to the period's last month.
    case yearToDate
    /// January to December of the year before.
    case previousYear
    /// Every month before the period's year.
    case earlierYears
    /// The period's last month and the n − 1 months before it.
    case lastMonths(Int)

    /// The first and last month of the window, as month indexes (year × 12 + month − 1).
    func months(endingIn periodEnd: Int) -> ClosedRange<Int>? {
        let year = periodEnd / 12
        switch self {
        case .thisMonth: return periodEnd...periodEnd
        case .thisYear: return (year * 12)...(year * 12 + 11)
        case .yearToDate: return (year * 12)...periodEnd
        case .previousYear: return ((year - 1) * 12)...((year - 1) * 12 + 11)
        case .earlierYears: return 0...(year * 12 - 1)
        case .lastMonths(let count): return count > 0 ? (periodEnd - count + 1)...periodEnd : nil
        }
    }

    /// True when the window holds the period's own last month (a same-period dependency).
    var includesPeriod: Bool {
        switch self {
        case .thisMonth, .thisYear, .yearToDate, .lastMonths: true
        case .previousYear, .earlierYears: false
        }
    }

    public var description: String {
        switch self {
        case .thisMonth: "this_month"
        case .thisYear: "this_year"
        case .yearToDate: "year_to_date"
        case .previousYear: "previous_year"
        case .earlierYears: "earlier_years"
        case .lastMonths(let count): "last_months(\(count))"
        }
    }
}

/// Brackets: ascending thresholds, each with a value from that threshold up to the next.
@MemberwiseInit
public struct BracketTable: Sendable, Equatable, CustomStringConvertible {
    public let rows: [(threshold: Exact, value: Exact)]

    public static func == (lhs: BracketTable, rhs: BracketTable) -> Bool {
        lhs.rows.count == rhs.rows.count && zip(lhs.rows, rhs.rows).allSatisfy { $0.threshold == $1.threshold && $0.value == $1.value }
    }

    /// Flat tiers: the value of the highest threshold reached (zero below the first).
    func flat(_ input: Exact) -> Exact {
        rows.last { !(input < $0.threshold) }?.value ?? .zero
    }

    /// Marginal tiers: each bracket's rate applied to the part of the input inside it.
    func marginal(_ input: Exact) throws(ArithmeticError) -> Exact {
        var total = Exact.zero
        for (index, row) in rows.enumerated() where row.threshold < input {
            let upper = index + 1 < rows.count ? min(input, rows[index + 1].threshold) : input
            total = try total + (try upper - row.threshold) * row.value
        }
        return total
    }

    public var description: String {
        rows.map { "\($0.threshold): \($0.value)" }.joined(separator: ", ")
    }
}
