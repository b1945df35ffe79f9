/// How parkd writes a JSON string, the one rule for the wire contract's values (ParkControl's
/// `JSONValue`) and the domain's (ParkCore's `StrictJSON`): quoted, with `"` and `\` escaped,
/// line feed, carriage return and tab as `\n`, `\r`, `\t`, every other control character as
/// `\u00xx` (lowercase hex), and everything else as it is (no `\/`, no escaped non-ASCII).
public enum JSONString {
    /// Appends `text`, quoted and escaped, to `out`.
    public static func append(_ text: String, to out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}
