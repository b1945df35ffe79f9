/// Aligned columns for people, measured in terminal columns so Chinese names line up.
struct Table {
    enum Alignment { case left, right }

    struct Column {
        let title: String
        var alignment: Alignment = .left
    }

    let columns: [Column]
    private(set) var rows: [[String]] = []

    init(_ titles: String...) {
        columns = titles.map { Column(title: $0) }
    }

    init(columns: [Column]) {
        self.columns = columns
    }

    /// A text of several lines stays on its row, its line breaks shown as `↵`.
    mutating func add(_ cells: [String]) {
        rows.append(cells.map { $0.replacingControlCharacters(lineBreaksAs: "↵") })
    }

    /// The table, or `message` when it has no rows: a list with nothing in it says so rather
    /// than printing a header alone.
    func render(orIfEmpty message: String) -> String {
        rows.isEmpty ? message : render()
    }

    func render() -> String {
        let lines = [columns.map(\.title)] + rows
        // Each cell measured once: a list of reports has tens of thousands of rows.
        let measured = lines.map { $0.map(DisplayWidth.of) }
        let widths = columns.indices.map { index in measured.map { $0[index] }.max() ?? 0 }
        return zip(lines, measured).map { cells, cellWidths in
            cells.indices.map { index -> String in
                let padding = String(repeating: " ", count: widths[index] - cellWidths[index])
                let isLast = index == cells.count - 1
                switch columns[index].alignment {
                case .left: return isLast ? cells[index] : cells[index] + padding
                case .right: return padding + cells[index]
                }
            }.joined(separator: "  ").trailingSpacesRemoved()
        }.joined(separator: "\n")
    }
}

/// `label: value` lines with the values aligned; a value of several lines (an event's
/// description) goes on over the next lines, under its first.
struct Fields {
    private(set) var pairs: [(String, String)] = []

    mutating func add(_ label: String, _ value: String?) {
        pairs.append((label, (value ?? "-").replacingControlCharacters(keepingLineBreaks: true)))
    }

    func render() -> String {
        let width = pairs.map { DisplayWidth.of($0.0) }.max() ?? 0
        return pairs.map { label, value in
            label + ":" + String(repeating: " ", count: width - DisplayWidth.of(label) + 1)
                + value.continuationLinesIndented(by: width + 2)
        }.joined(separator: "\n")
    }
}

extension String {
    /// A row whose last cells are empty ends with its last value, not with padding.
    fileprivate func trailingSpacesRemoved() -> String {
        String(self[..<(lastIndex { $0 != " " }.map(index(after:)) ?? startIndex)])
    }

    /// Values come from the daemon and may hold anything; never let them move the cursor or
    /// send the terminal an escape sequence. With `keepingLineBreaks`, a "\n" stays one;
    /// with `lineBreaksAs`, it becomes that character.
    func replacingControlCharacters(keepingLineBreaks: Bool = false, lineBreaksAs shown: Unicode.Scalar = "\u{FFFD}") -> String {
        String(String.UnicodeScalarView(unicodeScalars.map { scalar in
            guard scalar.properties.generalCategory == .control, !(keepingLineBreaks && scalar == "\n") else { return scalar }
            return scalar == "\n" ? shown : "\u{FFFD}"
        }))
    }

    /// The lines after the first start `columns` spaces in, under a value that follows a label.
    func continuationLinesIndented(by columns: Int) -> String {
        guard contains("\n") else { return self }
        return split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\n" + String(repeating: " ", count: columns))
    }
}
