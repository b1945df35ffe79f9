import ParkCore
import Testing

@Suite("What a refusal says")
struct DomainErrorTests {
    @Test("a long value is named, not sent back whole: cut to its first 40 and last 10 characters, with its length")
    func longValuesAreCut() {
        let month = String(repeating: "2", count: 100_000)
        #expect(throws: DomainError.invalid("month", "'\(String(repeating: "2", count: 40))…\(String(repeating: "2", count: 10))' (100000 characters) is not a month in the form YYYY-MM")) {
            try Month.parse(month, field: "month")
        }
        // Short values, several of them, and an unmatched quote are kept as they are.
        let short = "'\(String(repeating: "x", count: 60))' and 'y' are not '\(String(repeating: "z", count: 99)) \(String(repeating: "w", count: 100))"
        #expect(DomainError.invalid("f", short).reason == short)
        let two = DomainError.invalid("f", "'\(String(repeating: "a", count: 100))' or '\(String(repeating: "b", count: 200))' in \(String(repeating: ".", count: 10))")
        // A value given unquoted, as an amount too large is, is cut too.
        let digits = String(repeating: "9", count: 5_000)
        #expect(throws: DomainError.invalid("revenue", "\(String(repeating: "9", count: 40))…\(String(repeating: "9", count: 10)) (5000 characters) is too large: at most 100000000000.00 yuan a month")) {
            try Money.parse(digits, field: "revenue", atMost: OperatingFigures.amountLimit)
        }
        #expect(two.reason == "'\(String(repeating: "a", count: 40))…\(String(repeating: "a", count: 10))' (100 characters) or '\(String(repeating: "b", count: 40))…\(String(repeating: "b", count: 10))' (200 characters) in ..........")
    }
}
