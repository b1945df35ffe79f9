import JSONString

/// A JSON value as parsed from exact bytes, ParkCore having no Foundation. Numbers keep their
/// text (money is never a binary floating-point number); objects keep their members in order.
public enum StrictJSON: Sendable, Equatable {
    case null
    case bool(Bool)
    /// The number's text as written (`26`, `-1.5e3`).
    case number(String)
    case string(String)
    case array([StrictJSON])
    /// Members in the order written; a name given twice is refused by the parser.
    case object([(name: String, value: StrictJSON)])

    public static func == (lhs: StrictJSON, rhs: StrictJSON) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case (.bool(let a), .bool(let b)): a == b
        case (.number(let a), .number(let b)): a == b
        case (.string(let a), .string(let b)): a == b
        case (.array(let a), .array(let b)): a == b
        case (.object(let a), .object(let b)): a.map(\.name) == b.map(\.name) && a.map(\.value) == b.map(\.value)
        default: false
        }
    }

    /// The member `name` of an object; nil when absent or not an object.
    public subscript(name: String) -> StrictJSON? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.name == name }?.value
    }

    /// What the value is, in an error message ("a string", "an object").
    public var kindName: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }

    /// Compact JSON text: no spaces, members in order, strings escaped as RFC 8259 requires
    /// (and nothing else escaped, so non-ASCII text stays readable).
    public var encoded: String {
        var out = ""
        append(to: &out)
        return out
    }

    private func append(to out: inout String) {
        switch self {
        case .null: out += "null"
        case .bool(let value): out += value ? "true" : "false"
        case .number(let text): out += text
        case .string(let text): JSONString.append(text, to: &out)
        case .array(let values):
            out += "["
            for (index, value) in values.enumerated() {
                if index > 0 { out += "," }
                value.append(to: &out)
            }
            out += "]"
        case .object(let members):
            out += "{"
            for (index, member) in members.enumerated() {
                if index > 0 { out += "," }
                JSONString.append(member.name, to: &out)
                out += ":"
                member.value.append(to: &out)
            }
            out += "}"
        }
    }
}
