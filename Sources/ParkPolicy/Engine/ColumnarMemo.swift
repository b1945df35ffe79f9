import Foundation

/// Rule columns computed for the prepared inputs, kept for the runs after the one that computed
/// them: a month's run computes the months before it again for the annual caps, and those are
/// the same columns whichever run asks. A column is kept only when every lane of it is the exact
/// engine's amount: from a run in which no tenant was left to the exact engine, or computed by
/// the exact engine itself for every tenant (which reads it back for earlier periods); it is
/// found again only for the same policies (held here, so none is freed and its address reused).
final class ColumnarMemo: @unchecked Sendable {
    private struct Key: Hashable {
        let rule: String
        let period: RewardPeriod
    }

    /// Guards the fields below: prepared inputs may be shared by runs on several threads.
    private let lock = NSLock()
    private var books: [(policies: [Policy], columns: [Key: [Int64]])] = []

    /// The column of `rule` for `period` computed with exactly these policies, if kept.
    func column(_ rule: String, _ period: RewardPeriod, policies: [Policy]) -> [Int64]? {
        lock.lock()
        defer { lock.unlock() }
        return books.first { Self.same($0.policies, policies) }?.columns[Key(rule: rule, period: period)]
    }

    func keep(_ column: [Int64], _ rule: String, _ period: RewardPeriod, policies: [Policy]) {
        lock.lock()
        defer { lock.unlock() }
        if let index = books.firstIndex(where: { Self.same($0.policies, policies) }) {
            books[index].columns[Key(rule: rule, period: period)] = column
        } else {
            books.append((policies, [Key(rule: rule, period: period): column]))
        }
    }

    private static func same(_ a: [Policy], _ b: [Policy]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { $0 === $1 }
    }
}
