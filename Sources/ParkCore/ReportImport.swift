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

/// A report row of an import file, checked for shape (the store checks it against the park).
public struct ImportedReport: Equatable, Sendable {
    public var line: Int
    public var tenant: TenantReference
    public var month: Month
    public var figures: OperatingFigures
}

/// Reads the operating-report CSV: a header row naming these columns in any order, then one
/// report per row. Every problem in the file is collected before anything is refused.
public enum ReportImport {
    public static let columns = [
        "tenant", "month", "revenue", "tax", "employersServed", "workersDispatched", "workersOutsourced",
        "jobSeekersServed", "placements", "trainingSessions", "trainingAttendees", "phdHires", "headcount",
    ]

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
        for name in columns where position[name] == nil {
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
            func cell(_ name: String) -> String { row.cells[position[name]!].trimmingWhitespace() }
            var rowProblems: [ImportProblem] = []
            func note(_ error: DomainError) {
                rowProblems.append(ImportProblem(line: row.line, column: error.field, reason: error.reason))
            }
            let tenantText = cell("tenant")
            if tenantText.isEmpty { note(.invalid("tenant", "must not be empty")) }
            var month: Month?
            do { month = try Month.parse(cell("month"), field: "month") } catch { note(error) }
            var money: [String: Money] = [:]
            for name in ["revenue", "tax"] {
                do { money[name] = try Money.parse(cell(name), field: name, allowNegative: true, atMost: OperatingFigures.amountLimit) } catch { note(error) }
            }
            var counts: [String: Int] = [:]
            for name in columns.dropFirst(4) {
                if let value = Int(cell(name)) {
                    counts[name] = value
                } else {
                    note(.invalid(name, "'\(cell(name))' is not a whole number"))
                }
            }
            // Range checks run on whatever did parse, so one row's every bad cell is named.
            let figures = OperatingFigures(
                revenue: money["revenue"] ?? .zero, tax: money["tax"] ?? .zero,
                employersServed: counts["employersServed"] ?? 0, workersDispatched: counts["workersDispatched"] ?? 0,
                workersOutsourced: counts["workersOutsourced"] ?? 0, jobSeekersServed: counts["jobSeekersServed"] ?? 0,
                placements: counts["placements"] ?? 0, trainingSessions: counts["trainingSessions"] ?? 0,
                trainingAttendees: counts["trainingAttendees"] ?? 0, phdHires: counts["phdHires"] ?? 0,
                headcount: counts["headcount"] ?? 0)
            var alreadyNamed = Set(rowProblems.map(\.column))
            // Tax is judged against revenue: without a revenue there is nothing to judge it by.
            if money["revenue"] == nil { alreadyNamed.insert("tax") }
            figures.problems.filter { !alreadyNamed.contains($0.field) }.forEach(note)
            if rowProblems.isEmpty, let month {
                reports.append(ImportedReport(line: row.line, tenant: TenantReference(tenantText), month: month, figures: figures))
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
