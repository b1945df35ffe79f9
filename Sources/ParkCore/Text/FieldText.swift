/// The rules of a text field, whatever it holds (a name, a reason, an objection's grounds, an
/// event's description): trimmed, not empty, bounded, no control characters (line breaks only in
/// paragraphs), no bidirectional controls.
public enum FieldText {
    /// Trimmed, non-empty, at most `maxLength` characters, with no control characters.
    public static func text(_ raw: String, field: String, maxLength: Int) throws(DomainError) -> String {
        let text = raw.trimmingWhitespace()
        guard !text.isEmpty else { throw .invalid(field, "must not be empty") }
        guard text.count <= maxLength else {
            throw .invalid(field, "is \(text.count) characters long; at most \(maxLength) are allowed")
        }
        if let control = text.unicodeScalars.first(where: { $0.properties.generalCategory == .control }) {
            throw .invalid(field, "contains a control character, \(codePoint(control))")
        }
        try refuseBidirectionalControls(text, field: field)
        return text
    }

    /// Refuses the characters that embed, override or isolate a direction (U+202A to U+202E,
    /// U+2066 to U+2069): with them a name or a reason shows otherwise than it is stored, and no
    /// text of the park's needs them.
    static func refuseBidirectionalControls(_ text: String, field: String) throws(DomainError) {
        if let control = text.unicodeScalars.first(where: { (0x202A...0x202E).contains($0.value) || (0x2066...0x2069).contains($0.value) }) {
            throw .invalid(field, "contains a bidirectional control character, \(codePoint(control)), which would show the text otherwise than it is stored")
        }
    }

    /// `U+0007`: a character named by its code point, as Unicode writes it.
    static func codePoint(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// As `text`, but nil or blank means "not given".
    public static func optionalText(_ raw: String?, field: String, maxLength: Int) throws(DomainError) -> String? {
        guard let raw, !raw.trimmingWhitespace().isEmpty else { return nil }
        return try text(raw, field: field, maxLength: maxLength)
    }

    /// As `text`, for prose that may run over several lines (an objection's grounds and
    /// evidence, a decision's reason, an event's description): line breaks are kept, as `\n`
    /// whatever the sender wrote (`\r\n` from Windows, or `\r`); any other control character
    /// is refused.
    public static func paragraphs(_ raw: String, field: String, maxLength: Int) throws(DomainError) -> String {
        var scalars = String.UnicodeScalarView()
        var afterCarriageReturn = false
        for scalar in raw.unicodeScalars {
            defer { afterCarriageReturn = scalar == "\r" }
            switch scalar {
            case "\r": scalars.append("\n")
            case "\n" where afterCarriageReturn: continue
            default: scalars.append(scalar)
            }
        }
        let text = String(scalars).trimmingWhitespace()
        guard !text.isEmpty else { throw .invalid(field, "must not be empty") }
        guard text.count <= maxLength else {
            throw .invalid(field, "is \(text.count) characters long; at most \(maxLength) are allowed")
        }
        if let control = text.unicodeScalars.first(where: { $0.properties.generalCategory == .control && $0 != "\n" }) {
            throw .invalid(field, "contains a control character other than a line break, \(codePoint(control))")
        }
        try refuseBidirectionalControls(text, field: field)
        return text
    }

    /// As `paragraphs`, but nil or blank means "not given".
    public static func optionalParagraphs(_ raw: String?, field: String, maxLength: Int) throws(DomainError) -> String? {
        guard let raw, !raw.trimmingWhitespace().isEmpty else { return nil }
        return try paragraphs(raw, field: field, maxLength: maxLength)
    }
}
