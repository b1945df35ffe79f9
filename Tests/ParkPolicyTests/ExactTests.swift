import ParkCore
import Testing

@testable import ParkPolicy

/// The exact numbers every formula computes with: what a finance officer checks by hand.
@Suite struct ExactTests {
    static func number(_ text: String) -> Exact {
        Exact.parse(text) ?? Exact(numerator: 999_999_999_999, denominator: 7)
    }

    // MARK: Reading numbers

    @Test(arguments: [
        ("12", Exact(12)),
        ("-0.125", Exact(numerator: -1, denominator: 8)),
        ("1_000_000", Exact(1_000_000)),
        ("30%", Exact(numerator: 3, denominator: 10)),
        ("12.5%", Exact(numerator: 1, denominator: 8)),
        ("-5%", Exact(numerator: -1, denominator: 20)),
        ("0.01", Exact(fen: 1)),
        ("20,000,000", Exact(20_000_000)),
        ("0", Exact.zero),
        ("99999999999999999999", Exact(numerator: 99_999_999_999_999_999_999, denominator: 1)),
    ])
    func parsesPlainDecimals(text: String, value: Exact) {
        #expect(Exact.parse(text) == value)
    }

    @Test(arguments: ["", "-", "%", "1.", ".5", "abc", "1e5", "12.3.4", "--1", "1.5.%", "0.1234567890123", "123456789012345678901", "１２"])
    func refusesWhatIsNotADecimal(text: String) {
        #expect(Exact.parse(text) == nil)
    }

    @Test func equalValuesAreEqualWhateverTheirFractionAndHashAlike() throws {
        let half = Exact(numerator: 1, denominator: 2), alsoHalf = Exact(numerator: 50, denominator: 100)
        #expect(half == alsoHalf)
        #expect(Set([half, alsoHalf, Self.number("0.5"), Self.number("50%")]).count == 1)
        #expect(Exact(numerator: -1, denominator: 3) < .zero)
        #expect(Exact(numerator: 1, denominator: 3) < Exact(numerator: 34, denominator: 100))
        // Cross products beyond 128 bits still compare correctly.
        #expect(Exact(numerator: .max, denominator: 7) < Exact(numerator: .max, denominator: 5))
        #expect(Exact(numerator: .min + 1, denominator: 5) < Exact(numerator: .min + 1, denominator: 7))
    }

    // MARK: Arithmetic

    @Test func arithmeticIsExact() throws {
        let third = try Exact.one / Exact(3)
        #expect(try third * Exact(3) == .one)
        #expect(try third + third + third == .one)
        #expect(try Self.number("0.1") + Self.number("0.2") == Self.number("0.3"))
        #expect(try Self.number("1") - Self.number("0.99") == Exact(fen: 1))
        #expect(try Self.number("-0.125") * Exact(8) == Exact(-1))
        #expect(try Exact(7) / Exact(-2) == Self.number("-3.5"))
        let quotient = try Exact(-7) / Exact(-2)
        #expect(quotient.denominator > 0 && quotient == Self.number("3.5"))
        #expect(try Self.number("40%") * Self.number("30%") == Self.number("0.12"))
        // 1/7 of a yuan, seven times over a year of months, is still exactly a yuan.
        var total = Exact.zero
        for _ in 0..<7 { total = try total + (try Exact.one / Exact(7)) }
        #expect(total == .one)
        #expect(total.exactFen == 100)
    }

    @Test func divisionByZeroIsAnErrorNotACrash() {
        #expect(throws: ArithmeticError.divisionByZero) { try Exact.one / Exact.zero }
        #expect(throws: ArithmeticError.divisionByZero) { try Exact.zero / Exact(numerator: 0, denominator: 5) }
        #expect(ArithmeticError.divisionByZero.description == "division by zero")
    }

    @Test func overflowIsAnErrorNotAWrongNumber() throws {
        let huge = Exact(numerator: Int128.max / 2, denominator: 1)
        #expect(throws: ArithmeticError.overflow) { try huge + huge + huge }
        #expect(throws: ArithmeticError.overflow) { try huge.negated() - huge - huge }
        #expect(throws: ArithmeticError.overflow) { try huge * Exact(3) }
        #expect(throws: ArithmeticError.overflow) { try Self.number("99999999999999999999") * Self.number("99999999999999999999") }
        #expect(throws: ArithmeticError.overflow) { try huge / Self.number("0.001") }
        #expect(throws: ArithmeticError.overflow) { try huge.rounded(.halfUp) }
        // -2^63 × 2^64 is -2^127, which Int128 holds but cannot negate: an overflow, so that
        // negation, abs and a division by it never trap.
        #expect(throws: ArithmeticError.overflow) { try Self.number("-9223372036854775808") * Self.number("18446744073709551616") }
        #expect(throws: ArithmeticError.overflow) {
            try Exact(numerator: -(Int128.max / 2) - 1, denominator: 1) + Exact(numerator: -(Int128.max / 2) - 1, denominator: 1)
        }
        // 10^20 yuan is a valid number but no amount of fen a line can hold; nor, in parkd, is 10^13.
        #expect(throws: ArithmeticError.amountTooLarge) { try Self.number("99999999999999999999").fen(.halfUp) }
        #expect(throws: ArithmeticError.amountTooLarge) { try Self.number("-10000000000000").fen(.halfUp) }
        #expect(try Self.number("9999999999999.99").fen(.halfUp) == Money.largest.fen)
        #expect(ArithmeticError.overflow.description.contains("overflow"))
    }

    @Test func largeSumsKeepTheLastFen() throws {
        let trillion = Self.number("1_000_000_000_000")
        let sum = try trillion + Self.number("0.01")
        #expect(try sum.fen(.halfUp) == 100_000_000_000_001)
        #expect(sum.exactFen == 100_000_000_000_001)
        #expect(sum.description == "1000000000000.01")
        #expect(try sum - trillion == Exact(fen: 1))
        // A twelfth of it twelve times over.
        let twelfth = try sum / Exact(12)
        var again = Exact.zero
        for _ in 0..<12 { again = try again + twelfth }
        #expect(again == sum)
    }

    // MARK: Rounding to the fen

    static let roundingCases: [(String, RoundingMode, Int64)] = [
        ("0.005", .halfUp, 1), ("0.005", .halfEven, 0), ("0.005", .down, 0), ("0.005", .up, 1), ("0.005", .floor, 0), ("0.005", .ceiling, 1),
        ("-0.005", .halfUp, -1), ("-0.005", .halfEven, 0), ("-0.005", .down, 0), ("-0.005", .up, -1), ("-0.005", .floor, -1), ("-0.005", .ceiling, 0),
        ("0.0049999", .halfUp, 0), ("0.0049999", .halfEven, 0), ("0.0049999", .down, 0), ("0.0049999", .up, 1),
        ("0.0049999", .floor, 0), ("0.0049999", .ceiling, 1),
        ("-0.0049999", .halfUp, 0), ("-0.0049999", .halfEven, 0), ("-0.0049999", .down, 0), ("-0.0049999", .up, -1),
        ("-0.0049999", .floor, -1), ("-0.0049999", .ceiling, 0),
        ("0.015", .halfEven, 2), ("0.025", .halfEven, 2), ("-0.015", .halfEven, -2), ("0.025", .halfUp, 3),
        ("1.005", .halfUp, 101), ("1.005", .halfEven, 100), ("0.0051", .halfEven, 1),
        ("12.34", .halfUp, 1234), ("12.34", .up, 1234), ("12.34", .floor, 1234), ("-12.34", .ceiling, -1234),
    ]

    @Test(arguments: roundingCases)
    func roundsToTheFen(text: String, mode: RoundingMode, fen: Int64) throws {
        let value = Self.number(text)
        #expect(try value.fen(mode) == fen)
        #expect(try value.rounded(mode) == Exact(fen: fen))
    }

    @Test func roundsAThirdOfAYuanEveryWay() throws {
        let third = try Exact.one / Exact(3)
        let expected: [RoundingMode: Int64] = [.halfUp: 33, .halfEven: 33, .down: 33, .up: 34, .floor: 33, .ceiling: 34]
        for mode in RoundingMode.allCases { #expect(try third.fen(mode) == expected[mode], "\(mode)") }
        let negative = third.negated()
        let expectedNegative: [RoundingMode: Int64] = [.halfUp: -33, .halfEven: -33, .down: -33, .up: -34, .floor: -34, .ceiling: -33]
        for mode in RoundingMode.allCases { #expect(try negative.fen(mode) == expectedNegative[mode], "\(mode)") }
    }

    @Test func roundsToWholeUnits() throws {
        #expect(try Self.number("2.5").rounded(.halfUp, scale: 1) == Exact(3))
        #expect(try Self.number("2.5").rounded(.halfEven, scale: 1) == Exact(2))
        #expect(try Self.number("-2.5").rounded(.floor, scale: 1) == Exact(-3))
    }

    @Test func roundingModesAreNamedAsPolicyFilesWriteThem() {
        #expect(RoundingMode.allCases.map(\.rawValue) == ["half-up", "half-even", "down", "up", "floor", "ceiling"])
    }

    // MARK: Text

    @Test(arguments: [
        (Exact(12), "12"),
        (Exact(numerator: -1, denominator: 8), "-0.125"),
        (Exact(fen: 5), "0.05"),
        (Exact(fen: -5), "-0.05"),
        (Exact(numerator: 3, denominator: 10), "0.3"),
        (Exact(numerator: 1_000_000, denominator: 1), "1000000"),
        (Exact(numerator: 1, denominator: 3), "1/3 (≈0.333333)"),
        (Exact(numerator: -2, denominator: 3), "-2/3 (≈-0.666667)"),
        (Exact(numerator: 1, denominator: 1_000_000_000_000), "0.000000000001"),
        (Exact(numerator: 1, denominator: 1 << 40), "1/1099511627776 (≈0)"),
    ])
    func describesFiniteAndNonFiniteDecimals(value: Exact, text: String) {
        #expect(value.description == text)
    }

    @Test func describesHugeValuesWithoutCrashing() {
        // A numerator near the top of the range over a power of two: its decimal digits do not
        // fit, so it is shown as a fraction.
        let value = Exact(numerator: 100_000_000_000_000_000_000_000_000_000_000_000_001, denominator: 8)
        #expect(value.description.hasPrefix("100000000000000000000000000000000000001/8"))
        #expect(Exact(numerator: .max, denominator: 1).description == String(Int128.max))
    }

    @Test func writesDecimalsWithFixedPlaces() {
        #expect(Exact.decimal(5, places: 2) == "0.05")
        #expect(Exact.decimal(30_000_000, places: 2) == "300000.00")
        #expect(Exact.decimal(-101, places: 2) == "-1.01")
        #expect(Exact.decimal(7, places: 0) == "7")
    }

    @Test func writesEveryDigitOfSmallAndHugeValuesAtAnyPlaces() {
        // Against plain string operations, for magnitudes below and beyond 64 bits, both signs.
        func expected(_ scaled: Int128, _ places: Int) -> String {
            let digits = String(scaled.magnitude)
            let padded = String(repeating: "0", count: max(0, places + 1 - digits.count)) + digits
            let whole = padded.dropLast(places), fraction = padded.suffix(places)
            return (scaled < 0 ? "-" : "") + whole + (places > 0 ? "." + fraction : "")
        }
        var random = SeededGenerator(seed: 128)
        for places in 0...12 {
            for _ in 0..<200 {
                let magnitude = Int128(random.next() >> (random.next() % 64)) * (random.next() % 3 == 0 ? Int128(random.next() >> 20) : 1)
                for scaled in [magnitude, -magnitude] {
                    #expect(Exact.decimal(scaled, places: places) == expected(scaled, places))
                }
            }
        }
        // Reduced in 64 bits or in 128, the same fraction.
        #expect(Exact(numerator: 6 << 70, denominator: 4 << 70).reduced() == Exact(numerator: 3, denominator: 2))
        #expect(Exact(numerator: 6 << 70, denominator: 4 << 70).reduced().denominator == 2)
        #expect(Exact(numerator: -12, denominator: 18).reduced().numerator == -2)
    }

    @Test func knowsWhenAValueIsAWholeNumberOfFen() {
        #expect(Self.number("1.25").exactFen == 125)
        #expect(Self.number("0.125").exactFen == nil)
        #expect(Exact(numerator: 1, denominator: 3).exactFen == nil)
        #expect(Exact(fen: -42).exactFen == -42)
    }
}
