/// The text rules of iCalendar (RFC 5545): escaped TEXT values, and content lines ended by CRLF
/// and folded at 75 octets, never inside a UTF-8 character.
public enum ICalendarText {
    /// A TEXT value: backslash, semicolon and comma escaped, line breaks as `\n`.
    public static func escaped(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n": out += "\\n"
            case "\r": break
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// One content line, folded: at most 75 octets a line, each continuation starting with a
    /// space, every line ended by CRLF. A line is cut between Unicode scalars, never inside one's
    /// UTF-8 bytes (a letter with many combining marks may be cut between them: RFC 5545 counts
    /// octets, and a reader joins the lines again before reading the text).
    public static func folded(_ line: String) -> String {
        var lines: [String] = []
        var current = ""
        var octets = 0
        for scalar in line.unicodeScalars {
            let size = String(scalar).utf8.count
            let limit = lines.isEmpty ? 75 : 74
            if octets + size > limit {
                lines.append(current)
                current = ""
                octets = 0
            }
            current.unicodeScalars.append(scalar)
            octets += size
        }
        lines.append(current)
        return lines.enumerated().map { $0.offset == 0 ? $0.element : " " + $0.element }.joined(separator: "\r\n") + "\r\n"
    }
}
