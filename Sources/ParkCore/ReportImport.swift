/// One thing wrong with one cell (or row) of an imported file. `line` counts from 1, the header
/// being line 1.
public struct ImportProblem: Equatable, Sendable, CustomStringConvertible {
    public var line: Int
    public var column: String
    public var reason: String

    public init(line: Int, column: String, reason: String) {
        self.line = line
        self.column = column
        self.reason = reason
    }

    /// `error` on `line`, in the column it names.
    public init(line: Int, _ error: DomainError) {
        self.init(line: line, column: error.field, reason: error.reason)
    }

    public var description: String { "line \(line), \(column): \(reason)" }
}

/// An import refused as a whole, with every problem found.
public struct ImportRefused: Error, Equatable, Sendable, CustomStringConvertible {
    public var problems: [ImportProblem]

    public init(problems: [ImportProblem]) {
        self.problems = problems
    }

    public var description: String { problems.map(\.description).joined(separator: "; ") }
}

/// A report row of an import file whose every cell reads and is believable on its own. The
/// store decides it over the version in force, as `report add` is decided
/// (`SubmittedFigures.decide(over:)`): a first report or a correction.
public struct ImportedReport: Equatable, Sendable {
    public var line: Int
    public var tenant: TenantReference
    public var month: Month
    /// The figures the row gives: a figure column left out of the header, or a cell left
    /// empty, gives none.
    public var figures: SubmittedFigures
}

/// Reads the operating-report CSV: a header row naming columns in any order, then one report
/// per row. Every problem in the file is collected before anything is refused.
public enum ReportImport {
    /// The columns a file may have, in any order.
    public static let columns = [
        "tenant", "month", "revenue", "tax", "employersServed", "workersDispatched", "workersOutsourced",
        "jobSeekersServed", "placements", "trainingSessions", "trainingAttendees", "phdHires", "headcount",
    ]
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
        for (index, name) in header.cells.enumerated() {
            let name = name.trimmingWhitespace()
            if !columns.contains(name) {
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
        for row in table.dropFirst() {
            guard row.cells.count == header.cells.count else {
                problems.append(ImportProblem(line: row.line, column: "-", reason: "\(row.cells.count) cells; the header has \(header.cells.count)"))
                continue
            }
            func cell(_ name: String) -> String { position[name].map { row.cells[$0].trimmingWhitespace() } ?? "" }
            var rowProblems: [ImportProblem] = []
            func note(_ error: DomainError) { rowProblems.append(ImportProblem(line: row.line, error)) }
            let tenantText = cell("tenant")
            if tenantText.isEmpty { note(.invalid("tenant", "must not be empty")) }
            var month: Month?
            do { month = try Month.parse(cell("month"), field: "month") } catch { note(error) }
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
            for (name, _) in OperatingFigures.countLimits {
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

/// RFC 4180 comma-separated values: quoted fields may hold commas, quotes ("") and line breaks.
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
                    if scalar == "\n" { line += 1 }
                    field.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case ",":
                cells.append(field)
                field = ""
                afterQuote = false
            case "\r":
                continue
            case "\n":
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

extension ImportProblem: Error {}
