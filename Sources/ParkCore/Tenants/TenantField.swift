/// Checks and normalisation of a firm's own fields (its name, phone, tags), shared by creation
/// and updates, by an application's form and its tenant alike; text of any field is `FieldText`'s.
public enum TenantField {
    public static func name(_ text: String) throws(DomainError) -> String {
        try FieldText.text(text, field: "name", maxLength: 100)
    }

    /// Digits with optional `+`, spaces, hyphens and parentheses; 5 to 20 digits.
    public static func phone(_ raw: String?) throws(DomainError) -> String? {
        guard let phone = try FieldText.optionalText(raw, field: "contactPhone", maxLength: 30) else { return nil }
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
    /// sorted, at most `maximumTags` unless the count is the caller's to check (`counted`
    /// false: tags added to those a firm holds). `field` names the request's field in errors
    /// (`tags`, or `addTags` in an update).
    public static func tags(_ raw: [String], field: String = "tags", counted: Bool = true) throws(DomainError) -> [String] {
        var tags = Set<String>()
        for tag in raw {
            let ok = (1...40).contains(tag.count)
                && tag.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
                && tag.first != "-"
            guard ok else {
                throw .invalid(field, "'\(tag)' is not a tag: use 1 to 40 lower-case letters, digits and hyphens, not starting with a hyphen")
            }
            tags.insert(tag)
        }
        if counted { try checkTagCount(tags.count, field: field) }
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

    /// The same code points, one by one: what a bank compares. (`==` holds canonically
    /// equivalent texts equal: 劳 and its compatibility ideograph U+2F992, `é` and `e` with
    /// U+0301.)
    public func hasSameCodePoints(as other: String) -> Bool {
        unicodeScalars.elementsEqual(other.unicodeScalars)
    }
}
