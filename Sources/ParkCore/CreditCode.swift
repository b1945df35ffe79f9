/// A unified social credit code (统一社会信用代码) checked against GB 32100-2015.
///
/// Layout: registration authority (1), organisation category (1), administrative division (6 digits),
/// organisation code (9), check character (1). Characters come from `0-9 A-H J-N P-R T-U W-Y`
/// (no I, O, S, V, Z); the check character is `31 − (Σ value·weight mod 31)` over the first 17.
public struct CreditCode: Hashable, Sendable, CustomStringConvertible {
    public let value: String

    static let alphabet: [Character] = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
    static let weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

    /// Validates `text` after removing spaces and hyphens and upper-casing it.
    public init(_ text: String, field: String = "creditCode") throws(DomainError) {
        let compact = String(text.filter { $0 != " " && $0 != "-" }.uppercased())
        let characters = Array(compact)
        guard characters.count == 18 else {
            throw .invalid(field, "a credit code has 18 characters, '\(text)' has \(characters.count)")
        }
        var values: [Int] = []
        for (index, character) in characters.enumerated() {
            guard let value = CreditCode.alphabet.firstIndex(of: character) else {
                let hint = "IOSVZ".contains(character) ? " (I, O, S, V and Z are never used)" : ""
                throw .invalid(field, "character \(index + 1) '\(character)' is not allowed in a credit code\(hint)")
            }
            values.append(value)
        }
        if let bad = (2..<8).first(where: { values[$0] > 9 }) {
            throw .invalid(field, "characters 3–8 are the administrative division code and must be digits; character \(bad + 1) is '\(characters[bad])'")
        }
        let expected = CreditCode.checkCharacter(for: values.prefix(17))
        guard characters[17] == expected else {
            throw .invalid(field, "check character is '\(characters[17])' but the first 17 characters require '\(expected)'")
        }
        value = compact
    }

    /// The check character for the first 17 character values.
    static func checkCharacter(for values: ArraySlice<Int>) -> Character {
        let total = zip(values, weights).reduce(0) { $0 + $1.0 * $1.1 }
        return alphabet[(31 - total % 31) % 31]
    }

    /// Completes a 17-character body with its check character (for tests and demo data).
    public static func completing(_ body: String) -> String? {
        let values = body.compactMap { alphabet.firstIndex(of: $0) }
        guard body.count == 17, values.count == 17 else { return nil }
        return body + String(checkCharacter(for: values[...]))
    }

    public var description: String { value }
}
