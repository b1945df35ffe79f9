/// A page to print and post: plain HTML and CSS, no script, readable on paper (A4, black on
/// white, the table's header repeated on every printed page).
enum PrintablePage {
    static func escaped(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    /// A whole page: `title`, paragraphs of text before the table (already escaped HTML),
    /// the table (right-aligned columns by index) and paragraphs after it.
    static func render(
        title: String, before: [String], columns: [String], rightAligned: Set<Int>, rows: [[String]], footer: [String], after: [String]
    ) -> String {
        var html = """
            <!DOCTYPE html>
            <html lang="zh-CN">
            <head>
            <meta charset="utf-8">
            <title>\(escaped(title))</title>
            <style>
            @page { size: A4; margin: 18mm 15mm; }
            body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif; color: #000; background: #fff; margin: 2em auto; max-width: 60em; line-height: 1.5; }
            h1 { font-size: 1.6em; text-align: center; margin-bottom: 0.2em; }
            p { margin: 0.4em 0; }
            strong { white-space: nowrap; }
            table { width: 100%; border-collapse: collapse; margin: 1em 0; font-size: 0.95em; }
            thead { display: table-header-group; }
            th, td { border: 1px solid #000; padding: 0.25em 0.5em; text-align: left; vertical-align: top; }
            th { background: #eee; }
            td.amount, th.amount { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
            tfoot td { font-weight: bold; }
            tr { page-break-inside: avoid; }
            @media print { body { margin: 0; max-width: none; } th { background: none; } }
            </style>
            </head>
            <body>
            <h1>\(escaped(title))</h1>

            """
        for paragraph in before { html += "<p>\(paragraph)</p>\n" }
        html += "<table>\n<thead><tr>"
        for (index, column) in columns.enumerated() {
            html += rightAligned.contains(index) ? "<th class=\"amount\">\(escaped(column))</th>" : "<th>\(escaped(column))</th>"
        }
        html += "</tr></thead>\n<tbody>\n"
        for row in rows {
            html += "<tr>"
            for (index, cell) in row.enumerated() {
                html += rightAligned.contains(index) ? "<td class=\"amount\">\(escaped(cell))</td>" : "<td>\(escaped(cell))</td>"
            }
            html += "</tr>\n"
        }
        html += "</tbody>\n"
        if !footer.isEmpty {
            html += "<tfoot><tr>"
            for (index, cell) in footer.enumerated() {
                html += rightAligned.contains(index) ? "<td class=\"amount\">\(escaped(cell))</td>" : "<td>\(escaped(cell))</td>"
            }
            html += "</tr></tfoot>\n"
        }
        html += "</table>\n"
        for paragraph in after { html += "<p>\(paragraph)</p>\n" }
        html += "</body>\n</html>"
        return html
    }
}
