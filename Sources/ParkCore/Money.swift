/// An exact amount of yuan, held in fen (1 yuan = 100 fen). Never a floating-point number.
///
/// Written on the wire and in the CLI as a decimal string with two places: `"1234.50"`.
public struct Money: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let fen: Int64

    public init(fen: Int64) {
        self.fen = fen
    }

    public static let zero = Money(fen: 0)

    /// The largest amount parkd reads: thirteen digits of yuan.
    public static let largest = Money(fen: 999_999_999_999_999)

    /// Parses `1234`, `1234.5` or `1234.50` (at most two decimal places; a leading `-` only
    /// when `allowNegative`). An amount above `limit`, however many digits it has, is refused
    /// as too large, naming the limit. `field` names the input in errors.
    public static func parse(
        _ text: String, field: String, allowNegative: Bool = false, atMost limit: AmountLimit = .anyAmount
    ) throws(DomainError) -> Money {
        let fen: Int64
        switch DecimalText.read(text, places: 2) {
        case .malformed:
            throw .invalid(field, "'\(text)' is not an amount in yuan with at most two decimals, e.g. 1234.50")
        case .tooLong(negative: false):
            throw limit.refusal(text, field: field)
        case .tooLong(negative: true):
            guard allowNegative else { throw .invalid(field, "'\(text)' must not be negative") }
            throw .invalid(field, "\(text) is too large a negative amount: at least -\(largest) yuan")
        case .value(let value):
            fen = value
        }
        guard allowNegative || fen >= 0 else { throw .invalid(field, "'\(text)' must not be negative") }
        guard fen <= limit.most.fen else { throw limit.refusal(text, field: field) }
        return Money(fen: fen)
    }

    public static func < (lhs: Money, rhs: Money) -> Bool { lhs.fen < rhs.fen }
    public static func + (lhs: Money, rhs: Money) -> Money { Money(fen: lhs.fen + rhs.fen) }
    public static func - (lhs: Money, rhs: Money) -> Money { Money(fen: lhs.fen - rhs.fen) }

    /// `1234.50`, `-0.05`.
    public var description: String { DecimalText.format(fen, places: 2) }
}

/// The most an amount field may hold, and the unit the refusal names it in.
public struct AmountLimit: Sendable {
    public let most: Money
    /// What the bound is counted in: "yuan", "yuan per m² per month".
    public let unit: String

    public init(most: Money, unit: String) {
        self.most = most
        self.unit = unit
    }

    /// Any amount parkd can hold.
    public static let anyAmount = AmountLimit(most: .largest, unit: "yuan")

    /// The refusal of `shown` (the amount as given, or as held), naming the bound.
    public func refusal(_ shown: String, field: String) -> DomainError {
        .invalid(field, "\(shown) is too large: at most \(most) \(unit)")
    }
}

/// A floor area in square metres, exact to 0.01 m².
public struct Area: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Hundredths of a square metre.
    public let centiSquareMetres: Int64

    public init(centiSquareMetres: Int64) {
        self.centiSquareMetres = centiSquareMetres
    }

    public static let zero = Area(centiSquareMetres: 0)

    /// Parses `120`, `120.5` or `120.25`; must be positive.
    public static func parse(_ text: String, field: String) throws(DomainError) -> Area {
        let value: Int64
        switch DecimalText.read(text, places: 2) {
        case .malformed: throw .invalid(field, "'\(text)' is not an area in m² with at most two decimals, e.g. 120.25")
        case .tooLong(negative: true): throw .invalid(field, "'\(text)' must be more than 0 m²")
        case .tooLong(negative: false): throw .invalid(field, "'\(text)' m² is more than any unit holds")
        case .value(let read): value = read
        }
        guard value > 0 else { throw .invalid(field, "'\(text)' must be more than 0 m²") }
        guard value <= 100_000_000 else { throw .invalid(field, "'\(text)' m² is more than any unit holds") }
        return Area(centiSquareMetres: value)
    }

    public static func < (lhs: Area, rhs: Area) -> Bool { lhs.centiSquareMetres < rhs.centiSquareMetres }
    public static func + (lhs: Area, rhs: Area) -> Area { Area(centiSquareMetres: lhs.centiSquareMetres + rhs.centiSquareMetres) }

    public var description: String { DecimalText.format(centiSquareMetres, places: 2) }
}

/// Fixed-point decimal text, shared by money and areas.
enum DecimalText {
    /// What a decimal text holds.
    enum Reading: Equatable {
        case value(Int64)
        /// Not digits, one point, at most the places allowed and an optional leading minus.
        case malformed
        /// Well-formed, but with more than thirteen whole digits: beyond any amount or area.
        case tooLong(negative: Bool)
    }

    /// `"-12.3"` with 2 places → -1230.
    static func read(_ text: String, places: Int) -> Reading {
        var digits = Substring(text)
        var negative = false
        if digits.first == "-" {
            negative = true
            digits = digits.dropFirst()
        }
        let parts = digits.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, !whole.isEmpty, whole.allSatisfy({ $0.isASCII && $0.isNumber }) else { return .malformed }
        var fraction = parts.count == 2 ? parts[1] : ""
        guard fraction.count <= places, fraction.allSatisfy({ $0.isASCII && $0.isNumber }),
              parts.count == 1 || !fraction.isEmpty else { return .malformed }
        guard whole.drop(while: { $0 == "0" }).count <= 13 else { return .tooLong(negative: negative) }
        fraction += String(repeating: "0", count: places - fraction.count)
        guard let units = Int64(whole), let cents = Int64(fraction.isEmpty ? "0" : fraction) else { return .malformed }
        var scale: Int64 = 1
        for _ in 0..<places { scale *= 10 }
        let value = units * scale + cents
        return .value(negative ? -value : value)
    }

    static func format(_ value: Int64, places: Int) -> String {
        var scale: Int64 = 1
        for _ in 0..<places { scale *= 10 }
        let magnitude = value.magnitude
        let whole = magnitude / UInt64(scale), fraction = String(magnitude % UInt64(scale))
        let padded = String(repeating: "0", count: places - fraction.count) + fraction
        return (value < 0 ? "-" : "") + "\(whole).\(padded)"
    }
}

extension FixedWidthInteger where Self: SignedInteger {
    /// `self / divisor`, rounded half away from zero (the park's "half-up" for amounts).
    func dividedRoundingHalfUp(by divisor: Self) -> Self {
        let quotient = self / divisor, remainder = self % divisor
        guard remainder.magnitude * 2 >= divisor.magnitude else { return quotient }
        return (self < 0) != (divisor < 0) ? quotient - 1 : quotient + 1
    }
}
