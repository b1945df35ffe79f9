import ParkCore
import Testing

@Suite("What a refusal says")
struct DomainErrorTests {
    @Test("a long value is named, not sent back whole: cut to its first 40 and last 10 characters, with its length")
    func longValuesAreCut() {
        let month = String(repeating: "2", count: 100_000)
        #expect(throws: DomainError.invalid("month", "'\(String(repeating: "2", count: 40))…\(String(repeating: "2", count: 10)) (100000 characters)' is not a month in the form YYYY-MM")) {
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
        #expect(two.reason == "'\(String(repeating: "a", count: 40))…\(String(repeating: "a", count: 10)) (100 characters)' or '\(String(repeating: "b", count: 40))…\(String(repeating: "b", count: 10)) (200 characters)' in ..........")
    }

    @Test("a page is 1 to its maximum entries (the standard when none is asked); a cursor is one a previous page returned")
    func pages() throws {
        #expect(try DomainError.pageSize(nil, standard: 50, maximum: 10_000) == 50)
        #expect(try DomainError.pageSize(10_000, standard: 50, maximum: 10_000) == 10_000)
        #expect(throws: DomainError.invalid("limit", "10001 is out of range; give 1 to 10000")) {
            try DomainError.pageSize(10_001, standard: 50, maximum: 10_000)
        }
        #expect(throws: DomainError.invalid("limit", "0 is out of range; give 1 to 1000")) { try DomainError.pageSize(0, standard: 100) }
        #expect(try DomainError.cursor(nil) == nil)
        #expect(try DomainError.cursor("0") == 0)
        #expect(try DomainError.cursor("120") == 120)
        for text in ["-1", "x", "1.5", "", "99999999999999999999"] {
            #expect(throws: DomainError.invalid("after", "'\(text)' is not a cursor returned by a previous page")) { try DomainError.cursor(text) }
        }
        try DomainError.checkCursor(nil, field: "before")
        try DomainError.checkCursor(1, field: "before")
        #expect(throws: DomainError.invalid("before", "0 is not a cursor returned by a previous page")) {
            try DomainError.checkCursor(0, field: "before")
        }
    }
    @Test("a value cut already is not cut again when the sentence naming it is")
    func cutOnce() {
        let cut = String(repeating: "x", count: 40) + "…" + String(repeating: "x", count: 10) + " (10000 characters)"
        let reason = "no tenant has id or credit code '\(cut)'" + String(repeating: " and more", count: 30)
        #expect(DomainError.shorteningValues(reason) == reason)
    }
}
