/// Checks and normalisation for the tenant's editable fields, shared by creation and updates.
public enum TenantField {
    public static func name(_ text: String) throws(DomainError) -> String {
        try self.text(text, field: "name", maxLength: 100)
    }

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

    /// Digits with optional `+`, spaces, hyphens and parentheses; 5 to 20 digits.
    public static func phone(_ raw: String?) throws(DomainError) -> String? {
        guard let phone = try optionalText(raw, field: "contactPhone", maxLength: 30) else { return nil }
        let allowed = Set("0123456789+-() ")
        guard phone.allSatisfy(allowed.contains) else {
            throw .invalid("contactPhone", "'\(phone)' may hold only digits, spaces, +, - and parentheses")
        }
        let digits = phone.filter(\.isNumber).count
        guard (5...20).contains(digits) else {
            throw .invalid("contactPhone", "'\(phone)' has \(digits) digits; a phone number has 5 to 20")
        }
        return phone
    }

    /// The most brand tags a firm holds: a tag marks a firm out, and every read of it carries them.
    public static let maximumTags = 50

    /// Lower-case words with digits and hyphens (`headquarters`, `china-top-500`), de-duplicated,
    /// sorted, at most `maximumTags`. `field` names the request's field in errors (`tags`, or
    /// `addTags` in an update).
    public static func tags(_ raw: [String], field: String = "tags") throws(DomainError) -> [String] {
        var tags = Set<String>()
        for tag in raw {
            let ok = (1...40).contains(tag.count)
                && tag.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
                && tag.first != "-"
            guard ok else {
                throw .invalid(field, "'\(tag)' is not a tag: use 1 to 40 lower-case letters, digits and hyphens, not starting with a hyphen")
            }
            tags.insert(tag)
            try checkTagCount(tags.count, field: field)
        }
        return tags.sorted()
    }

    /// Refuses more than `maximumTags` tags for one firm, naming `field`.
    static func checkTagCount(_ count: Int, field: String) throws(DomainError) {
        guard count <= maximumTags else { throw .invalid(field, "a firm holds at most \(maximumTags) tags; this would give it \(count)") }
    }

    /// Known lines, de-duplicated, in the industry chain's order.
    public static func businessLines(_ raw: [String]) throws(DomainError) -> [BusinessLine] {
        var lines = Set<BusinessLine>()
        for text in raw { lines.insert(try BusinessLine.parse(text)) }
        return BusinessLine.allCases.filter(lines.contains)
    }
}

extension String {
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[first...last])
    }
}
