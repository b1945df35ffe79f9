import ParkCore
import Testing

@testable import ParkPolicy

/// An explanation's parts are kept typed and formatted when shown: each must show exactly what
/// the value's own description shows, as the explanation did when it was written out at once.
@Suite("Explanation text kept as typed parts")
struct StepTextTests {
    @Test func everyPartShowsWhatItsValueDescribes() {
        var random = SeededGenerator(seed: 11)
        func integer128() -> Int128 {
            let magnitude = Int128(truncatingIfNeeded: random.next()) >> Int(random.next() % 64)
            return random.next() % 7 == 0 ? Int128(truncatingIfNeeded: random.next()) << 60 | magnitude : magnitude
        }
        for _ in 0..<5_000 {
            let denominator = [1, 2, 3, 7, 100, 10_000, 1_000_000_000_007][Int(random.next() % 7)] as Int128
            let value = Exact(numerator: integer128(), denominator: denominator)
            #expect(shown("\(value)") == value.description)
            for type in [ValueType.money, .rate, .area, .price, .count] {
                #expect(shown("\(Value.number(value), as: type)") == Value.number(value).described(as: type))
            }
            let fen = Int64(truncatingIfNeeded: random.next()) >> Int(random.next() % 64)
            #expect(shown("\(Money(fen: fen))") == Money(fen: fen).description)
            #expect(shown("\(fen)") == String(fen))
            let day = CivilDate(dayNumber: Int(random.next() % 200_000) - 100_000)
            #expect(shown("\(day)") == day.description)
        }
        for fen in [Int64.max, Int64.min + 1, 0, -1] { #expect(shown("\(Money(fen: fen))") == Money(fen: fen).description) }
        for value in [Exact(numerator: .max, denominator: 1), Exact(numerator: .min + 1, denominator: 3)] {
            #expect(shown("\(Value.number(value), as: .money)") == Value.number(value).described(as: .money))
        }
        let month = Month(year: 2021, month: 6)
        #expect(shown("report \(month), version \(2)") == "report 2021-06, version 2")
        #expect(shown("\(RewardPeriod.month(month)) and \(RewardPeriod.year(2021))") == "2021-06 and 2021")
        // What is not a number, a day or a month is written out at once, as described.
        let table = BracketTable(rows: [(Exact(0), Exact(fen: 100)), (Exact(10), Exact(fen: 250))])
        #expect(shown("\(Value.table(table), as: .brackets(key: .count, value: .money))")
            == Value.table(table).described(as: .brackets(key: .count, value: .money)))
        #expect(shown("\(Value.flag(true), as: .bool) in \(Window.lastMonths(12))") == "true in last_months(12)")
        #expect(shown("a" + "\(3) b") == "a3 b")
    }

    /// The text shown for parts made by the interpolation.
    private func shown(_ text: StepText) -> String { text.text }

    @Test func longTextsLeaveTheInlineBytesAndStayTheSame() {
        // A text's bytes are held inline while they are few, in an array beyond: the same either way.
        for length in [0, 1, 40, 43, 44, 45, 46, 47, 100, 1_000] {
            let words = String(repeating: "中a", count: length / 2) + (length % 2 == 1 ? "b" : "")
            #expect(shown("\(words)") == words)
            #expect(shown("lease \(Int64(length)) (\(words)), \(Money(fen: -12_345))") == "lease \(length) (\(words)), -123.45")
            let joined: StepText = "\(words)" + " then \(Month(year: 2021, month: 6))"
            #expect(joined.text == words + " then 2021-06")
            let again: StepText = "\(words)" + " then \(Month(year: 2021, month: 6))"
            #expect(joined == again && joined.hashValue == again.hashValue)
            #expect(StepText(encoded: joined.bytes.array) == joined)
        }
    }

    @Test func textsMadeTheSameWayAreEqualAndOthersAreNot() {
        let first: StepText = "office lease \(Int64(7))"
        #expect(first == "office lease \(Int64(7))")
        #expect(first != "office lease \(Int64(8))")
        #expect(StepText("status") == "status")
    }
}
