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

    @Test("an amount above its field's bound is refused as too large, naming the bound, however many digits it has", arguments: [
        ("99999999999999999999", OperatingFigures.amountLimit, "99999999999999999999 is too large: at most 100000000000.00 yuan a month"),
        ("100000000000.01", OperatingFigures.amountLimit, "100000000000.01 is too large: at most 100000000000.00 yuan a month"),
        ("100000.01", Lease.rentLimit, "100000.01 is too large: at most 100000.00 yuan per m² per month"),
        ("99999999999999999999.5", Lease.rentLimit, "99999999999999999999.5 is too large: at most 100000.00 yuan per m² per month"),
        ("10000000000000", AmountLimit.anyAmount, "10000000000000 is too large: at most 9999999999999.99 yuan"),
    ])
    func tooLarge(_ text: String, _ limit: AmountLimit, _ reason: String) {
        #expect(throws: DomainError.invalid("revenue", reason)) { try Money.parse(text, field: "revenue", atMost: limit) }
    }

    @Test("the bound itself, and leading zeros, are amounts")
    func atTheBound() throws {
        #expect(try Money.parse("100000000000", field: "revenue", atMost: OperatingFigures.amountLimit).fen == 10_000_000_000_000)
        #expect(try Money.parse("000000000000000012.50", field: "revenue").fen == 1250)
    }

    @Test("a negative amount too long to hold is refused as negative, or as too large where negatives are read")
    func longNegatives() {
        #expect(throws: DomainError.invalid("tax", "'-99999999999999999999' must not be negative")) {
            try Money.parse("-99999999999999999999", field: "tax")
        }
        #expect(throws: DomainError.invalid("tax", "-99999999999999999999 is too large a negative amount: at least -9999999999999.99 yuan")) {
            try Money.parse("-99999999999999999999", field: "tax", allowNegative: true)
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
        #expect(throws: DomainError.invalid("area", "'99999999999999999999' m² is more than any unit holds")) {
            try Area.parse("99999999999999999999", field: "area")
        }
    }
}
