import ParkCore
import Testing

@Suite("Exact money and areas")
struct MoneyTests {
    @Test("decimal strings parse to fen and print with two places", arguments: [
        ("1234.5", Int64(123_450), "1234.50"), ("35", 3_500, "35.00"), ("0.05", 5, "0.05"), ("0", 0, "0.00"),
        ("9999999999999.99", 999_999_999_999_999, "9999999999999.99"),
    ])
    func parses(_ text: String, _ fen: Int64, _ printed: String) throws {
        let money = try Money.parse(text, field: "rent")
        #expect(money.fen == fen)
        #expect(money.description == printed)
    }

    @Test("malformed amounts are refused with the field", arguments: ["1.234", "1,5", "", ".5", "5.", "¥5", "1e3", "１２"])
    func refuses(_ text: String) {
        #expect(throws: DomainError.invalid("rent", "'\(text)' is not an amount in yuan with at most two decimals, e.g. 1234.50")) {
            try Money.parse(text, field: "rent")
        }
    }

    @Test("negative amounts only where allowed")
    func negatives() throws {
        #expect(throws: DomainError.invalid("deposit", "'-1' must not be negative")) { try Money.parse("-1", field: "deposit") }
        #expect(try Money.parse("-12.30", field: "amount", allowNegative: true).description == "-12.30")
    }

    @Test("areas are positive and exact to 0.01 m²")
    func areas() throws {
        #expect(try Area.parse("120.25", field: "area").centiSquareMetres == 12_025)
        #expect(throws: DomainError.self) { try Area.parse("0", field: "area") }
        #expect(throws: DomainError.self) { try Area.parse("12.345", field: "area") }
    }
}
