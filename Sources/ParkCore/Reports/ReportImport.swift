/// Reads the operating-report CSV: a header row naming columns in any order, then one report
/// per row. Every problem in the file is collected before anything is refused.
public enum ReportImport {
    /// The columns a file may have, in any order.
    public static let columns = ["tenant", "month", "revenue", "tax"] + OperatingFigures.countFields
    /// The columns every file has: a row may leave out any figure, never whose report it is.
    public static let required = ["tenant", "month"]

    /// The well-formed rows, and a problem for each cell that is not (a bad header or CSV
    /// syntax refuses the file at once: nothing after it can be read).
    public static func parse(_ text: String) throws(ImportRefused) -> (rows: [ImportedReport], problems: [ImportProblem]) {
        let table: [(line: Int, cells: [String])]
        do {
            table = try CSV.rows(text)
        } catch {
            throw ImportRefused(problems: [error])
        }
        guard let header = table.first else {
            throw ImportRefused(problems: [ImportProblem(line: 1, column: "-", reason: "the file is empty")])
        }
        var problems: [ImportProblem] = []
        var position: [String: Int] = [:]
        for (index, given) in header.cells.enumerated() {
            // Named in any case (`Tenant`, as a spreadsheet's header may be typed).
            let name = columns.first { $0.lowercased() == given.trimmingWhitespace().lowercased() } ?? given.trimmingWhitespace()
            if name.isEmpty {
                // A spreadsheet saves the empty columns after the last one it used: left out,
                // unless a row holds something there.
                if let used = table.dropFirst().first(where: { index < $0.cells.count && !$0.cells[index].trimmingWhitespace().isEmpty }) {
                    problems.append(ImportProblem(
                        line: 1, column: "column \(index + 1)",
                        reason: "has no name, yet line \(used.line) holds '\(used.cells[index].trimmingWhitespace())' in it; name the column or leave it empty"))
                }
            } else if !columns.contains(name) {
                problems.append(ImportProblem(line: 1, column: name, reason: "unknown column; the columns are \(columns.joined(separator: ", "))"))
            } else if position[name] != nil {
                problems.append(ImportProblem(line: 1, column: name, reason: "column given twice"))
            } else {
                position[name] = index
            }
        }
        for name in required where position[name] == nil {
            problems.append(ImportProblem(line: 1, column: name, reason: "missing column"))
        }
        guard problems.isEmpty else { throw ImportRefused(problems: problems) }

        var reports: [ImportedReport] = []
        reports.reserveCapacity(table.count - 1)
        // Every named column's cell is there; a spreadsheet may leave out the empty unnamed ones after.
        let named = (position.values.max() ?? 0) + 1
        for row in table.dropFirst() {
            // A spreadsheet's empty row (`,,,,`) holds no report.
            if row.cells.allSatisfy({ $0.trimmingWhitespace().isEmpty }) { continue }
            guard row.cells.count == header.cells.count || (named...header.cells.count).contains(row.cells.count) else {
                problems.append(ImportProblem(line: row.line, column: "-", reason: "\(row.cells.count) cells; the header has \(header.cells.count)"))
                continue
            }
            func cell(_ name: String) -> String { position[name].map { row.cells[$0].trimmingWhitespace() } ?? "" }
            var rowProblems: [ImportProblem] = []
            func note(_ error: DomainError) { rowProblems.append(ImportProblem(line: row.line, error)) }
            let tenantText = cell("tenant")
            if tenantText.isEmpty { note(.invalid("tenant", "must not be empty")) }
            var month: Month?
            do { month = try Month.parseRecorded(cell("month"), field: "month") } catch { note(error) }
            // Each figure is judged on its own here; how the figures stand together, and whether
            // the row is a first report or a correction, is decided over the version in force.
            var money: [String: Money] = [:]
            for name in ["revenue", "tax"] {
                let text = cell(name)
                guard !text.isEmpty else { continue }
                do {
                    let amount = try Money.parse(text, field: name, allowNegative: true, atMost: OperatingFigures.amountLimit)
                    if let problem = OperatingFigures.problem(name, amount: amount) { note(problem) } else { money[name] = amount }
                } catch {
                    note(error)
                }
            }
            var counts: [String: Int] = [:]
            for name in OperatingFigures.countFields {
                let text = cell(name)
                guard !text.isEmpty else { continue }
                if let value = Int(text) {
                    if let problem = OperatingFigures.problem(name, count: value) { note(problem) } else { counts[name] = value }
                } else {
                    note(.invalid(name, "'\(text)' is not a whole number"))
                }
            }
            if rowProblems.isEmpty, let month {
                reports.append(ImportedReport(
                    line: row.line, tenant: TenantReference(tenantText), month: month,
                    figures: SubmittedFigures(revenue: money["revenue"], tax: money["tax"], counts: counts)))
            }
            problems += rowProblems
        }
        return (reports, problems)
    }
}
