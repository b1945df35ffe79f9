/// A value chosen from a closed set of words, an enum's raw values: read from the wire or a file
/// with an error that names the field, the word given and the words there are.
public protocol ClosedChoice: RawRepresentable<String>, CaseIterable, Sendable {
    /// What one of them is called in an error: "an event kind".
    static var choiceName: String { get }
    /// The field a word is read from unless the caller names another.
    static var choiceField: String { get }
}

extension ClosedChoice {
    /// The words, in the order declared, as an error lists them.
    public static var choices: String { allCases.map(\.rawValue).joined(separator: ", ") }

    public static func parse(_ text: String) throws(DomainError) -> Self {
        try parse(text, field: choiceField)
    }

    public static func parse(_ text: String, field: String) throws(DomainError) -> Self {
        guard let value = Self(rawValue: text) else { throw .invalid(field, "'\(text)' is not \(choiceName); use one of \(choices)") }
        return value
    }
}
