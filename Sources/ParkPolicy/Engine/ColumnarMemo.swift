import Foundation

/// Rule columns computed for the prepared inputs, kept for the runs after the one that computed
/// them: a month's run computes the months before it again for the annual caps, and those are
/// the same columns whichever run asks. A column is kept only when every lane of it is the exact
/// engine's amount: from a run in which no tenant was left to the exact engine, or computed by
/// the exact engine itself for every tenant (which reads it back for earlier periods); it is
/// found again only for the same policies (held here, so none is freed and its address reused).
/// Running totals of a rule's columns (what annual caps read) are kept the same way: the run of
/// a month adds one column to the total the month before's run left.
final class ColumnarMemo: @unchecked Sendable {
    private struct Key: Hashable {
        let rule: String
        let period: RewardPeriod
    }

    /// A rule's amounts summed from a window's first month on.
    private struct TotalKey: Hashable {
        let rule: String
        let firstMonth: Int
    }

    private struct Book {
        let policies: [Policy]
        var columns: [Key: [Int64]] = [:]
        var totals: [TotalKey: RunningTotal] = [:]
    }

    /// Guards the fields below: prepared inputs may be shared by runs on several threads.
    private let lock = NSLock()
    private var books: [Book] = []

    /// The column of `rule` for `period` computed with exactly these policies, if kept.
    func column(_ rule: String, _ period: RewardPeriod, policies: [Policy]) -> [Int64]? {
        lock.lock()
        defer { lock.unlock() }
        return books.first { Self.same($0.policies, policies) }?.columns[Key(rule: rule, period: period)]
    }

    func keep(_ column: [Int64], _ rule: String, _ period: RewardPeriod, policies: [Policy]) {
        lock.lock()
        defer { lock.unlock() }
        books[book(policies)].columns[Key(rule: rule, period: period)] = column
    }

    /// The running total of `rule` from month index `firstMonth` on, if kept.
    func total(_ rule: String, from firstMonth: Int, policies: [Policy]) -> RunningTotal? {
        lock.lock()
        defer { lock.unlock() }
        return books.first { Self.same($0.policies, policies) }?.totals[TotalKey(rule: rule, firstMonth: firstMonth)]
    }

    /// Keeps `total` in place of any earlier one of the same rule and first month.
    func keep(_ total: RunningTotal, _ rule: String, from firstMonth: Int, policies: [Policy]) {
        lock.lock()
        defer { lock.unlock() }
        books[book(policies)].totals[TotalKey(rule: rule, firstMonth: firstMonth)] = total
    }

    /// The position of the book of these policies, added when new (the lock held).
    private func book(_ policies: [Policy]) -> Int {
        if let index = books.firstIndex(where: { Self.same($0.policies, policies) }) { return index }
        books.append(Book(policies: policies))
        return books.count - 1
    }

    private static func same(_ a: [Policy], _ b: [Policy]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { $0 === $1 }
    }
}

/// Σ per lane of a rule's amounts for its periods from a window's first month through period
/// `through` (a month index, or a year for an annual rule).
struct RunningTotal: Sendable {
    let through: Int
    let sums: [Int64]
}
