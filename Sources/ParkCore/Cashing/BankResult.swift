import MemberwiseInit

/// The bank's answer to an exported batch, one row per line: paid, or failed with the bank's
/// reason. Read as CSV with the header `batch,line,amount,result,reason` (the export's `batch`,
/// `line` and `amount` columns, and the bank's result); other columns are ignored.
public struct BankResult: Equatable, Sendable {
    public enum Outcome: String, Sendable {
        case paid, failed
    }

    public struct Row: Equatable, Sendable {
        /// The file's line the row is on (the header is line 1).
        public var row: Int
        public var batch: Int64
        public var line: Int64
        public var amount: Money
        public var outcome: Outcome
        public var reason: String?
    }

    /// A batch item as recorded, for checking a result against it.
    @MemberwiseInit
    public struct Recorded: Equatable, Sendable {
        public var line: Int64
        public var amount: Money
        /// nil while the bank's result is not in.
        public var outcome: Outcome?
        /// The bank's reason for a failed payment, as recorded.
        public var reason: String? = nil
    }

    public var batch: Int64
    public var rows: [Row]

    /// Reads a result file; a malformed file is refused whole at its first bad row.
    public static func parse(_ text: String) throws(CashingRefusal) -> BankResult {
        let table: [(line: Int, cells: [String])]
        do { table = try CSV.rows(text) } catch { throw .resultRefused(row: error.line, reason: error.reason) }
        guard let header = table.first else { throw .resultRefused(row: 1, reason: "the file is empty; it starts with the header batch,line,amount,result,reason") }
        let names = header.cells.map { $0.trimmingWhitespace().lowercased() }
        var position: [String: Int] = [:]
        for (index, name) in names.enumerated() where position[name] == nil { position[name] = index }
        let missing = ["batch", "line", "amount", "result"].filter { position[$0] == nil }
        guard missing.isEmpty else {
            throw .resultRefused(row: header.line, reason: "the header lacks \(missing.joined(separator: ", ")); it is batch,line,amount,result,reason")
        }
        var rows: [Row] = []
        var batch: Int64?
        var seen: [Int64: Int] = [:]
        for entry in table.dropFirst() {
            func cell(_ name: String) -> String {
                guard let index = position[name], index < entry.cells.count else { return "" }
                return entry.cells[index].trimmingWhitespace()
            }
            guard let rowBatch = Int64(cell("batch")), rowBatch > 0 else {
                throw .resultRefused(row: entry.line, reason: "batch '\(cell("batch"))' is not a batch id")
            }
            if let batch, batch != rowBatch {
                throw .resultRefused(row: entry.line, reason: "batch \(rowBatch), where the rows before are of batch \(batch); a file holds one batch")
            }
            batch = rowBatch
            guard let line = Int64(cell("line")), line > 0 else { throw .resultRefused(row: entry.line, reason: "line '\(cell("line"))' is not a line id") }
            if let earlier = seen[line] { throw .resultRefused(row: entry.line, reason: "line \(line) is given twice (rows \(earlier) and \(entry.line))") }
            seen[line] = entry.line
            let amount: Money
            do { amount = try Money.parse(cell("amount"), field: "amount") } catch {
                throw .resultRefused(row: entry.line, reason: error.reason)
            }
            guard let outcome = Outcome(rawValue: cell("result").lowercased()) else {
                throw .resultRefused(row: entry.line, reason: "result '\(cell("result"))' is neither paid nor failed")
            }
            let reason = cell("reason")
            if outcome == .failed, reason.isEmpty {
                throw .resultRefused(row: entry.line, reason: "line \(line) failed without the bank's reason")
            }
            rows.append(Row(row: entry.line, batch: rowBatch, line: line, amount: amount, outcome: outcome, reason: reason.isEmpty ? nil : reason))
        }
        guard let batch else { throw .resultRefused(row: header.line + 1, reason: "the file holds no result") }
        return BankResult(batch: batch, rows: rows)
    }

    /// The results to record, checked whole against the batch's items (`recorded`) and every
    /// line the park knows (`knownLines`): a row for an unknown line, for a line not in the
    /// batch, with another amount, or changing a result already recorded (a failure's reason
    /// included) refuses the file at that row. A row that repeats a recorded result changes
    /// nothing, so importing the same file twice records it once.
    public func changes(recorded: [Recorded], knownLines: Set<Int64>) throws(CashingRefusal) -> [Row] {
        let items = Dictionary(uniqueKeysWithValues: recorded.map { ($0.line, $0) })
        var changes: [Row] = []
        for row in rows {
            guard knownLines.contains(row.line) else { throw .resultRefused(row: row.row, reason: "line \(row.line) is not a line of any reward run") }
            guard let item = items[row.line] else { throw .resultRefused(row: row.row, reason: "line \(row.line) is not in batch \(batch)") }
            guard item.amount == row.amount else {
                throw .resultRefused(row: row.row, reason: "line \(row.line) is \(row.amount) in the file and \(item.amount) in batch \(batch)")
            }
            if let outcome = item.outcome {
                guard outcome == row.outcome else {
                    throw .resultRefused(row: row.row, reason: "line \(row.line) was recorded as \(outcome.rawValue); a bank result is recorded once")
                }
                guard row.reason == item.reason else {
                    throw .resultRefused(
                        row: row.row,
                        reason: "line \(row.line) was recorded as failed (\(item.reason ?? "")); a bank result is recorded once, its reason with it")
                }
                continue
            }
            changes.append(row)
        }
        return changes
    }
}
