/// A unified social credit code (统一社会信用代码) checked against GB 32100-2015.
///
/// Layout: registration authority (1), organisation category (1), administrative division (6 digits),
/// organisation code (9), check character (1). Characters come from `0-9 A-H J-N P-R T-U W-Y`
/// (no I, O, S, V, Z); the check character is `31 − (Σ value·weight mod 31)` over the first 17.
public struct CreditCode: Hashable, Sendable, CustomStringConvertible {
    public let value: String

    static let alphabet: [Character] = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
    static let weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
    /// The value of each ASCII byte in `alphabet`, −1 for the rest.
    private static let valueOfByte: [Int] = (0..<128).map { byte in
        alphabet.firstIndex(of: Character(Unicode.Scalar(UInt8(byte)))) ?? -1
    }

    /// Validates `text` after removing spaces and hyphens and upper-casing it.
    ///
    /// Works on bytes: codes are checked for every tenant row read, and a valid code is ASCII.
    public init(_ text: String, field: String = "creditCode") throws(DomainError) {
        var compact: [UInt8] = []
        compact.reserveCapacity(18)
        for byte in text.utf8 where byte != UInt8(ascii: " ") && byte != UInt8(ascii: "-") {
            compact.append((UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) ? byte - 32 : byte)
        }
        guard compact.allSatisfy({ $0 < 128 }) else {
            throw CreditCode.nonASCIIProblem(text, field: field)
        }
        guard compact.count == 18 else {
            throw .invalid(field, "a credit code has 18 characters, '\(text)' has \(compact.count)")
        }
        let values = compact.map { CreditCode.valueOfByte[Int($0)] }
        if let index = values.firstIndex(of: -1) {
            throw CreditCode.disallowed(Character(Unicode.Scalar(compact[index])), at: index, field: field)
        }
        if let bad = (2..<8).first(where: { values[$0] > 9 }) {
            throw .invalid(field, "characters 3–8 are the administrative division code and must be digits; character \(bad + 1) is '\(Character(Unicode.Scalar(compact[bad])))'")
        }
        let expected = CreditCode.checkCharacter(for: values.prefix(17))
        let given = Character(Unicode.Scalar(compact[17]))
        guard given == expected else {
            throw .invalid(field, "check character is '\(given)' but the first 17 characters require '\(expected)'")
        }
        value = String(decoding: compact, as: UTF8.self)
    }

    /// What is wrong with a text holding a character outside ASCII (never valid), told in characters.
    private static func nonASCIIProblem(_ text: String, field: String) -> DomainError {
        let characters = Array(String(text.filter { $0 != " " && $0 != "-" }.uppercased()))
        guard characters.count == 18 else {
            return .invalid(field, "a credit code has 18 characters, '\(text)' has \(characters.count)")
        }
        let index = characters.firstIndex { !alphabet.contains($0) } ?? 0
        return disallowed(characters[index], at: index, field: field)
    }

    private static func disallowed(_ character: Character, at index: Int, field: String) -> DomainError {
        let hint = "IOSVZ".contains(character) ? " (I, O, S, V and Z are never used)" : ""
        return .invalid(field, "character \(index + 1) '\(character)' is not allowed in a credit code\(hint)")
    }

    /// The check character for the first 17 character values.
    static func checkCharacter(for values: ArraySlice<Int>) -> Character {
        let total = zip(values, weights).reduce(0) { $0 + $1.0 * $1.1 }
        return alphabet[(31 - total % 31) % 31]
    }

    /// Completes a 17-character body with its check character (for tests and benchmarks, which make parks of their own).
    public static func completing(_ body: String) -> String? {
        let values = body.compactMap { alphabet.firstIndex(of: $0) }
        guard body.count == 17, values.count == 17 else { return nil }
        return body + String(checkCharacter(for: values[...]))
    }

    public var description: String { value }
}
