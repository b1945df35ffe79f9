import ParkCore
import Testing

@Suite("Unified social credit codes (GB 32100-2015)")
struct CreditCodeTests {
    // Check characters confirmed with python-stdnum's cn.uscc.
    @Test("real-format codes with a correct check character are accepted", arguments: [
        "91110000600037341L",  // the standard's worked example family (python-stdnum's sample)
        "91370200163562681G",
        "91370200718022626N",
        "91370212MA3C1RP315",
        "12370200004186730K",  // a public institution (authority 1)
        "52370200MJD621458Y",  // a social organisation (authority 5)
        "91370203MA3P2X1K42",
    ])
    func acceptsValid(_ code: String) throws {
        #expect(try CreditCode(code).value == code)
    }

    @Test("spaces, hyphens and lower case are normalised")
    func normalises() throws {
        #expect(try CreditCode("9 1110000-600037341l").value == "91110000600037341L")
    }

    @Test("a wrong check character names the expected one")
    func wrongCheckCharacter() {
        #expect(throws: DomainError.invalid("creditCode", "check character is 'X' but the first 17 characters require 'L'")) {
            try CreditCode("91110000600037341X")
        }
    }

    @Test("wrong length says how long the input was")
    func wrongLength() {
        #expect(throws: DomainError.invalid("creditCode", "a credit code has 18 characters, '9111000060003734' has 16")) {
            try CreditCode("9111000060003734")
        }
    }

    @Test("letters never used in credit codes are refused with the reason", arguments: ["I", "O", "S", "V", "Z"])
    func forbiddenLetters(_ letter: String) {
        let code = "9111000060003734" + letter + "L"
        #expect(throws: DomainError.invalid("creditCode", "character 17 '\(letter)' is not allowed in a credit code (I, O, S, V and Z are never used)")) {
            try CreditCode(code)
        }
    }

    @Test("characters outside ASCII are named and counted as characters", arguments: [
        ("９1110000600037341L", "character 1 '９' is not allowed in a credit code"),
        ("91110000600037341Ｌ", "character 18 'Ｌ' is not allowed in a credit code"),
        ("统一社会信用代码", "a credit code has 18 characters, '统一社会信用代码' has 8"),
    ])
    func nonASCII(_ text: String, _ reason: String) {
        #expect(throws: DomainError.invalid("creditCode", reason)) { try CreditCode(text) }
    }

    @Test("the administrative division code must be digits")
    func divisionDigits() throws {
        let code = try #require(CreditCode.completing("91A10000600037341"))
        #expect(throws: DomainError.invalid("creditCode", "characters 3–8 are the administrative division code and must be digits; character 3 is 'A'")) {
            try CreditCode(code)
        }
    }

    @Test("completing a body yields a code that validates")
    func completing() throws {
        for serial in 0..<500 {
            let digits = String(serial)
            let body = "9137020" + String(repeating: "0", count: 10 - digits.count) + digits
            let code = try #require(CreditCode.completing(body))
            #expect(try CreditCode(code).value == code)
        }
        #expect(CreditCode.completing("too short") == nil)
    }
}
