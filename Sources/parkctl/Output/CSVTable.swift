/// Rows as CSV (RFC 4180), for postings and bank files: the header line, then a line a row,
/// separated by CRLF (the caller ends the last line).
enum CSVTable {
    static func text(header: String, rows: [[String]]) -> String {
        ([header] + rows.map { $0.map(field).joined(separator: ",") }).joined(separator: "\r\n")
    }

    /// A CSV field: quoted, its quotes doubled, when it holds a comma, a quote or a line break.
    /// Text a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, a tab or a
    /// carriage return: a firm named `=HYPERLINK(…)`) gets a leading `'`, as OWASP advises for
    /// files people open in spreadsheets; a number (`-12.50`) is left as it is.
    static func field(_ text: String) -> String {
        let text = startsFormula(text) ? "'" + text : text
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    private static func startsFormula(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return false }
        return text.wholeMatch(of: /[-+]?[0-9]+(\.[0-9]+)?/) == nil
    }
}
