import MemberwiseInit

/// An exact amount of yuan, held in fen (1 yuan = 100 fen). Never a floating-point number.
///
/// Written on the wire and in the CLI as a decimal string with two places: `"1234.50"`.
@MemberwiseInit
public struct Money: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let fen: Int64

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

    /// The amounts in fen added up; nil when the sum passes `largest` either way (each amount
    /// may be within it, a sum of many need not be).
    public static func total(_ fens: some Sequence<Int64>) -> Money? {
        var total: Int64 = 0
        for fen in fens {
            let (sum, overflow) = total.addingReportingOverflow(fen)
            guard !overflow else { return nil }
            total = sum
        }
        return total.magnitude <= largest.fen.magnitude ? Money(fen: total) : nil
    }
    public static func - (lhs: Money, rhs: Money) -> Money { Money(fen: lhs.fen - rhs.fen) }

    /// `1234.50`, `-0.05`.
    public var description: String { DecimalText.format(fen, places: 2) }
}
