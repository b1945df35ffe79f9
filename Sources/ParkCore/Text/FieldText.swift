/// The rules of a text field, whatever it holds (a name, a reason, an objection's grounds, an
/// event's description): trimmed, not empty, bounded, no control characters (line breaks only in
/// paragraphs), no bidirectional controls.
public enum FieldText {
    /// Trimmed, non-empty, at most `maxLength` characters, on one line, with no control characters.
    public static func text(_ raw: String, field: String, maxLength: Int) throws(DomainError) -> String {
        let text = raw.trimmingWhitespace()
        guard !text.isEmpty else { throw .invalid(field, "must not be empty") }
        guard text.count <= maxLength else {
            throw .invalid(field, "is \(text.count) characters long; at most \(maxLength) are allowed")
        }
        if let control = text.unicodeScalars.first(where: { $0.properties.generalCategory == .control }) {
            throw .invalid(field, "contains a control character, \(codePoint(control))")
        }
        if let separator = text.unicodeScalars.first(where: { [.lineSeparator, .paragraphSeparator].contains($0.properties.generalCategory) }) {
            throw .invalid(field, "contains a line break, \(codePoint(separator)); the field is one line")
        }
        try refuseUnseen(text, field: field)
        return text
    }

    /// Refuses what would show a text otherwise than it is stored: the characters that set,
    /// embed, override or isolate a direction (U+200E, U+200F, U+061C, U+202A to U+202E, U+2066
    /// to U+2069), which no text of the park's needs; the noncharacters (U+FFFE, U+FFFF, …);
    /// U+FFFD, which a decoder puts where bytes were not UTF-8 (the text meant is lost);
    /// and a text whose every character shows nothing (a zero-width space, a soft hyphen, a
    /// lone combining mark, a blank such as U+2800), which a list shows as an empty cell.
    static func refuseUnseen(_ text: String, field: String) throws(DomainError) {
        if let control = text.unicodeScalars.first(where: isBidirectionalControl) {
            throw .invalid(field, "contains a bidirectional control character, \(codePoint(control)), which would show the text otherwise than it is stored")
        }
        if let noncharacter = text.unicodeScalars.first(where: { $0.properties.isNoncharacterCodePoint }) {
            throw .invalid(field, "contains \(codePoint(noncharacter)), which is no character")
        }
        if text.unicodeScalars.contains("\u{FFFD}") {
            throw .invalid(field, "contains U+FFFD, which stands in for bytes that were not UTF-8 text (a file or a terminal in another encoding, such as GBK?): the text as meant is lost")
        }
        if text.unicodeScalars.allSatisfy(showsNothing) {
            throw .invalid(field, "must not be empty: its characters show nothing (\(codePoint(text.unicodeScalars.first!)) first)")
        }
    }

    private static func isBidirectionalControl(_ scalar: Unicode.Scalar) -> Bool {
        [0x200E, 0x200F, 0x061C].contains(scalar.value) || (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
    }

    /// Whitespace, a format character, a combining mark, or one of the blanks that are letters
    /// or symbols by their category (U+115F, U+1160, U+2800, U+3164, U+FFA0).
    private static func showsNothing(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .spaceSeparator, .lineSeparator, .paragraphSeparator, .control, .format, .nonspacingMark, .enclosingMark: true
        default: scalar.properties.isWhitespace || [0x115F, 0x1160, 0x2800, 0x3164, 0xFFA0].contains(scalar.value)
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
    /// whatever the sender wrote (`\r\n` from Windows, `\r`, or Unicode's U+2028 and U+2029);
    /// any other control character is refused.
    public static func paragraphs(_ raw: String, field: String, maxLength: Int) throws(DomainError) -> String {
        var scalars = String.UnicodeScalarView()
        var afterCarriageReturn = false
        for scalar in raw.unicodeScalars {
            defer { afterCarriageReturn = scalar == "\r" }
            switch scalar {
            case "\r", "\u{2028}", "\u{2029}": scalars.append("\n")
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
        try refuseUnseen(text, field: field)
        return text
    }

    /// As `paragraphs`, but nil or blank means "not given".
    public static func optionalParagraphs(_ raw: String?, field: String, maxLength: Int) throws(DomainError) -> String? {
        guard let raw, !raw.trimmingWhitespace().isEmpty else { return nil }
        return try paragraphs(raw, field: field, maxLength: maxLength)
    }
}
