import ParkCore

/// An exact rational number: every value the formula language computes (money, rates, counts,
/// areas, prices). Never a floating-point number; division is exact and rounding happens only
/// where a formula or a rule asks for it.
///
/// The denominator is always positive. Values are reduced lazily (only when the denominator
/// grows large) so the common cases — fen, percentages, whole counts — stay cheap.
public struct Exact: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let numerator: Int128
    public let denominator: Int128

    /// Denominators above this are reduced by their greatest common divisor.
    private static let reductionThreshold: Int128 = 1_000_000_000_000_000

    init(numerator: Int128, denominator: Int128) {
        self.numerator = numerator
        self.denominator = denominator
    }

    public init(_ integer: Int) {
        self.init(numerator: Int128(integer), denominator: 1)
    }

    public static let zero = Exact(0)
    public static let one = Exact(1)

    /// An amount of money held in fen.
    public init(fen: Int64) {
        self.init(numerator: Int128(fen), denominator: 100)
    }


    /// Parses a plain decimal: `12`, `-0.125`, `1_000_000`, `30%` (a percentage is divided by 100).
    public static func parse(_ text: String) -> Exact? {
        var digits = Substring(text.filter { $0 != "_" && $0 != "," })
        var scale: Int128 = 1
        if digits.hasSuffix("%") {
            digits = digits.dropLast()
            scale = 100
        }
        var negative = false
        if digits.first == "-" {
            negative = true
            digits = digits.dropFirst()
        }
        let parts = digits.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, !whole.isEmpty, whole.count <= 20, whole.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            return nil
        }
        let fraction = parts.count == 2 ? parts[1] : ""
        guard fraction.count <= 12, fraction.allSatisfy({ $0.isASCII && $0.isNumber }), parts.count == 1 || !fraction.isEmpty,
              let wholeValue = Int128(whole) else { return nil }
        var numerator = wholeValue
        for character in fraction {
            numerator = numerator * 10 + Int128(character.wholeNumberValue!)
            scale *= 10
        }
        return Exact(numerator: negative ? -numerator : numerator, denominator: scale).reduced()
    }

    public var isZero: Bool { numerator == 0 }
    public var isNegative: Bool { numerator < 0 }

    // MARK: Arithmetic (overflow is an error, never a wrong number)

    public static func + (lhs: Exact, rhs: Exact) throws(ArithmeticError) -> Exact {
        if lhs.denominator == rhs.denominator {
            return Exact(numerator: try add(lhs.numerator, rhs.numerator), denominator: lhs.denominator)
        }
        let numerator = try add(try multiply(lhs.numerator, rhs.denominator), try multiply(rhs.numerator, lhs.denominator))
        return Exact(numerator: numerator, denominator: try multiply(lhs.denominator, rhs.denominator)).tidied()
    }

    public static func - (lhs: Exact, rhs: Exact) throws(ArithmeticError) -> Exact {
        try lhs + rhs.negated()
    }

    public static func * (lhs: Exact, rhs: Exact) throws(ArithmeticError) -> Exact {
        if lhs.denominator == 1, rhs.denominator == 1 {
            return Exact(numerator: try multiply(lhs.numerator, rhs.numerator), denominator: 1)
        }
        return Exact(
            numerator: try multiply(lhs.numerator, rhs.numerator), denominator: try multiply(lhs.denominator, rhs.denominator)
        ).tidied()
    }

    public static func / (lhs: Exact, rhs: Exact) throws(ArithmeticError) -> Exact {
        guard rhs.numerator != 0 else { throw .divisionByZero }
        let sign: Int128 = rhs.numerator < 0 ? -1 : 1
        return Exact(
            numerator: try multiply(lhs.numerator, rhs.denominator * sign),
            denominator: try multiply(lhs.denominator, rhs.numerator * sign)
        ).tidied()
    }

    public func negated() -> Exact { Exact(numerator: -numerator, denominator: denominator) }

    public static func < (lhs: Exact, rhs: Exact) -> Bool {
        if lhs.denominator == rhs.denominator { return lhs.numerator < rhs.numerator }
        // Cross products of everyday values fit in 128 bits; the full width is for the rest.
        if let left = try? multiply(lhs.numerator, rhs.denominator), let right = try? multiply(rhs.numerator, lhs.denominator) {
            return left < right
        }
        let left = lhs.numerator.multipliedFullWidth(by: rhs.denominator)
        let right = rhs.numerator.multipliedFullWidth(by: lhs.denominator)
        return (left.high, left.low) < (right.high, right.low)
    }

    public static func == (lhs: Exact, rhs: Exact) -> Bool {
        if lhs.denominator == rhs.denominator { return lhs.numerator == rhs.numerator }
        return !(lhs < rhs) && !(rhs < lhs)
    }

    public func hash(into hasher: inout Hasher) {
        let reduced = self.reduced()
        hasher.combine(reduced.numerator)
        hasher.combine(reduced.denominator)
    }

    // MARK: Rounding

    /// Rounds to a whole multiple of `1 / scale` (scale 100: to the fen) the way `mode` says.
    public func rounded(_ mode: RoundingMode, scale: Int128 = 100) throws(ArithmeticError) -> Exact {
        Exact(numerator: try multiples(of: scale, rounded: mode), denominator: scale).reduced()
    }

    /// The value in fen, rounded as `mode` says; an amount beyond `Money.largest` either way
    /// is refused, as no amount parkd holds is larger.
    public func fen(_ mode: RoundingMode) throws(ArithmeticError) -> Int64 {
        guard let value = Int64(exactly: try multiples(of: 100, rounded: mode)), value.magnitude <= Money.largest.fen.magnitude else {
            throw .amountTooLarge
        }
        return value
    }

    /// The value counted in `1 / scale` (in fen for 100), rounded the way `mode` says; not reduced,
    /// as amounts in fen need no greatest common divisor.
    private func multiples(of scale: Int128, rounded mode: RoundingMode) throws(ArithmeticError) -> Int128 {
        let scaled = try Self.multiply(numerator, scale)
        // Whole values and values already counted in 1/scale (amounts in fen) need no division.
        if denominator == 1 { return scaled }
        if denominator == scale { return numerator }
        var quotient = scaled / denominator
        let remainder = scaled % denominator
        if remainder != 0 {
            let positive = numerator > 0
            let twiceRemainder = remainder.magnitude * 2
            let awayFromZero: Bool
            switch mode {
            case .halfUp: awayFromZero = twiceRemainder >= denominator.magnitude
            case .halfEven:
                awayFromZero = twiceRemainder > denominator.magnitude
                    || (twiceRemainder == denominator.magnitude && quotient % 2 != 0)
            case .down: awayFromZero = false
            case .up: awayFromZero = true
            case .floor: awayFromZero = !positive
            case .ceiling: awayFromZero = positive
            }
            if awayFromZero { quotient += positive ? 1 : -1 }
        }
        return quotient
    }

    /// The value when it is an exact amount of fen.
    public var exactFen: Int64? {
        let scaled = numerator.multipliedReportingOverflow(by: 100)
        guard !scaled.overflow, scaled.partialValue % denominator == 0 else { return nil }
        return Int64(exactly: scaled.partialValue / denominator)
    }

    // MARK: Text

    /// Decimal text when the value has a finite decimal expansion (at most 12 places), otherwise
    /// a fraction with a rounded decimal: `1/3 (≈0.333333)`.
    public var description: String {
        let value = reduced()
        var power: Int128 = 1
        for places in 0...12 {
            if power % value.denominator == 0 {
                // Near the top of the range the decimal digits may not fit: then show the fraction.
                let scaled = value.numerator.multipliedReportingOverflow(by: power / value.denominator)
                if scaled.overflow { break }
                return Self.decimal(scaled.partialValue, places: places)
            }
            power *= 10
        }
        let approximation = (try? value.rounded(.halfUp, scale: 1_000_000)).map { " (≈\($0))" } ?? ""
        return "\(value.numerator)/\(value.denominator)\(approximation)"
    }

    /// `scaled` ÷ 10^`places` as decimal text, written byte by byte into the string (explanations
    /// write values by the hundred thousand); everyday magnitudes are turned into digits in 64 bits.
    static func decimal(_ scaled: Int128, places: Int) -> String {
        let magnitude = scaled.magnitude
        let digits = magnitude <= UInt128(UInt64.max) ? String(UInt64(magnitude)) : String(magnitude)
        let negative = scaled < 0
        let count = digits.utf8.count
        // Digits before the point ("0" when there are none), then the point and `places` digits.
        let whole = max(1, count - places)
        let zeros = whole + places - count
        let length = (negative ? 1 : 0) + whole + (places > 0 ? 1 + places : 0)
        return String(unsafeUninitializedCapacity: length) { text in
            var position = 0
            if negative {
                text[0] = UInt8(ascii: "-")
                position = 1
            }
            var source = digits.utf8.makeIterator()
            for index in 0..<(whole + places) {
                if index == whole {
                    text[position] = UInt8(ascii: ".")
                    position += 1
                }
                text[position] = index < zeros ? UInt8(ascii: "0") : source.next()!
                position += 1
            }
            return length
        }
    }

    // MARK: Internals

    func reduced() -> Exact {
        guard denominator != 1, numerator != 0 else { return numerator == 0 ? Exact(numerator: 0, denominator: 1) : self }
        let divisor: Int128
        if numerator.magnitude <= UInt128(UInt64.max), denominator.magnitude <= UInt128(UInt64.max) {
            // Everyday values: Euclid's steps in 64 bits.
            var a = UInt64(numerator.magnitude), b = UInt64(denominator.magnitude)
            while b != 0 { (a, b) = (b, a % b) }
            divisor = Int128(a)
        } else {
            var a = numerator.magnitude, b = denominator.magnitude
            while b != 0 { (a, b) = (b, a % b) }
            divisor = Int128(a)
        }
        return divisor == 1 ? self : Exact(numerator: numerator / divisor, denominator: denominator / divisor)
    }

    private func tidied() -> Exact {
        denominator > Self.reductionThreshold ? reduced() : self
    }

    // No numerator or denominator is ever Int128.min, whose negation (and magnitude) Int128
    // cannot hold: a sum or product that would be is an overflow too, so that `negated()`,
    // `abs` and a division by a negative value never trap.

    private static func add(_ a: Int128, _ b: Int128) throws(ArithmeticError) -> Int128 {
        let (value, overflow) = a.addingReportingOverflow(b)
        if overflow || value == .min { throw .overflow }
        return value
    }

    private static func multiply(_ a: Int128, _ b: Int128) throws(ArithmeticError) -> Int128 {
        if fitsIn64Bits(a), fitsIn64Bits(b) { return a &* b }
        let (value, overflow) = a.multipliedReportingOverflow(by: b)
        if overflow || value == .min { throw .overflow }
        return value
    }

    /// Everyday values fit in 64 bits, and the product of two such values in 128 bits (its
    /// magnitude is at most 2^126), so it needs no overflow check.
    private static func fitsIn64Bits(_ value: Int128) -> Bool {
        value == Int128(Int64(truncatingIfNeeded: value))
    }
}

/// How a value is rounded to the fen (or to a whole unit).
public enum RoundingMode: String, CaseIterable, Sendable, Codable {
    /// Half away from zero: 0.005 → 0.01, -0.005 → -0.01 (四舍五入; the park's default).
    case halfUp = "half-up"
    /// Half to the even neighbour (banker's rounding).
    case halfEven = "half-even"
    /// Toward zero (truncation).
    case down
    /// Away from zero.
    case up
    /// Toward minus infinity.
    case floor
    /// Toward plus infinity.
    case ceiling
}

/// Arithmetic that has no exact answer.
public enum ArithmeticError: Error, Sendable, Equatable, CustomStringConvertible {
    case divisionByZero
    case overflow
    /// An amount in fen beyond `Money.largest`.
    case amountTooLarge

    public var description: String {
        switch self {
        case .divisionByZero: "division by zero"
        case .overflow: "a value grew beyond 10^38 (arithmetic overflow)"
        case .amountTooLarge: "an amount beyond \(Money.largest) yuan, the largest parkd holds"
        }
    }
}
