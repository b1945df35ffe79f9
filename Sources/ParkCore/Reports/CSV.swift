/// RFC 4180 comma-separated values: quoted fields may hold commas, quotes ("") and line breaks;
/// rows end with CRLF, LF or CR.
enum CSV {
    /// Non-empty rows with the line each starts on.
    static func rows(_ text: String) throws(ImportProblem) -> [(line: Int, cells: [String])] {
        var rows: [(line: Int, cells: [String])] = []
        var cells: [String] = []
        var field = ""
        var quoted = false
        var afterQuote = false
        var line = 1
        var rowLine = 1
        var scalars = text.unicodeScalars[...]
        if scalars.first == "\u{FEFF}" { scalars = scalars.dropFirst() }
        func endRow() {
            cells.append(field)
            if !(cells.count == 1 && cells[0].isEmpty) { rows.append((rowLine, cells)) }
            cells = []
            field = ""
        }
        var iterator = scalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        while let scalar = pending ?? iterator.next() {
            pending = nil
            if quoted {
                if scalar == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" { field.unicodeScalars.append("\"") } else { quoted = false; afterQuote = true; pending = next }
                    } else {
                        quoted = false
                    }
                } else {
                    // A line break inside the field: CRLF, LF or a lone CR, each one line.
                    field.unicodeScalars.append(scalar)
                    if scalar == "\n" { line += 1 }
                    if scalar == "\r" {
                        line += 1
                        if let next = iterator.next() {
                            if next == "\n" { field.unicodeScalars.append(next) } else { pending = next }
                        }
                    }
                }
                continue
            }
            switch scalar {
            case ",":
                cells.append(field)
                field = ""
                afterQuote = false
            case "\r", "\n":
                // A line ends with CRLF, LF or a lone CR (as old Mac software writes).
                if scalar == "\r", let next = iterator.next(), next != "\n" { pending = next }
                endRow()
                afterQuote = false
                line += 1
                rowLine = line
            case "\"" where field.isEmpty && !afterQuote:
                quoted = true
            default:
                if afterQuote {
                    throw ImportProblem(line: line, column: "-", reason: "text after a closing quote")
                }
                field.unicodeScalars.append(scalar)
            }
        }
        if quoted { throw ImportProblem(line: rowLine, column: "-", reason: "a quoted field is never closed") }
        if !field.isEmpty || !cells.isEmpty { endRow() }
        return rows
    }
}
