/// Rows as CSV (RFC 4180), for postings and bank files: the header line, then a line a row,
/// separated by CRLF (the caller ends the last line).
enum CSVTable {
    /// Who reads the file: people, in spreadsheets (postings, exports), or a bank's system,
    /// which matches each payee's name to the letter.
    enum Reader {
        case spreadsheet, bank
    }

    /// With `byteOrderMark` (`--bom`, for a spreadsheet only) the text starts with U+FEFF: Excel
    /// on Chinese Windows reads a CSV without it as GBK, and every Chinese name as mojibake.
    static func text(header: String, rows: [[String]], for reader: Reader = .spreadsheet, byteOrderMark: Bool = false) -> String {
        start(byteOrderMark: reader == .spreadsheet && byteOrderMark)
            + ([header] + rows.map { $0.map { field($0, for: reader) }.joined(separator: ",") }).joined(separator: "\r\n")
    }

    /// What a CSV for spreadsheets starts with: U+FEFF with `--bom`, else nothing.
    static func start(byteOrderMark: Bool) -> String {
        byteOrderMark ? "\u{FEFF}" : ""
    }

    /// A CSV field: quoted, its quotes doubled, when it holds a comma, a quote or a line break.
    /// For a spreadsheet, text it would run as a formula (starting with `=`, `+`, `-`, `@`, a tab
    /// or a carriage return: a firm named `=HYPERLINK(…)`) gets a leading `'`, as OWASP advises;
    /// a number (`-12.50`) is left as it is. For a bank, every value is written as recorded.
    static func field(_ text: String, for reader: Reader = .spreadsheet) -> String {
        let text = reader == .spreadsheet && startsFormula(text) ? "'" + text : text
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    private static func startsFormula(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return false }
        return text.wholeMatch(of: /[-+]?[0-9]+(\.[0-9]+)?/) == nil
    }
}
