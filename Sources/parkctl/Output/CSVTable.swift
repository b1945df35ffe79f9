/// Rows as CSV (RFC 4180), for postings and bank files: the header line, then a line a row,
/// separated by CRLF (the caller ends the last line).
enum CSVTable {
    static func text(header: String, rows: [[String]]) -> String {
        ([header] + rows.map { $0.map(field).joined(separator: ",") }).joined(separator: "\r\n")
    }

    /// A CSV field: quoted, its quotes doubled, when it holds a comma, a quote or a line break.
    static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
