/// The changes a database's audit trail records after a given entry: what restoring a copy
/// whose trail ends at that entry would leave out.
public struct LaterChanges: Sendable {
    /// The first and last entries after the copy's newest, and when they were made.
    public var firstEntry: Int64
    public var lastEntry: Int64
    public var firstAt: String
    public var lastAt: String
    /// The changes made (entries whose outcome is `ok`, or a submission's `rejected`), by method,
    /// most first.
    public var byMethod: [(method: String, count: Int)]

    public var count: Int { byMethod.reduce(0) { $0 + $1.count } }

    /// Those that move money to or from the bank (`io.parkd.Payment.*`): paid again, or paid
    /// twice, if they are lost.
    public var payments: Int { byMethod.filter { $0.method.hasPrefix("io.parkd.Payment.") }.reduce(0) { $0 + $1.count } }

    /// `6 changes (audit entries 16 to 21, 2026-12-06T03:20:01.000Z to …): io.parkd.Payment.CreateBatch 1, …`
    public var summary: String {
        "\(count) change\(count == 1 ? "" : "s") (audit entries \(firstEntry) to \(lastEntry), \(firstAt) to \(lastAt)): "
            + byMethod.map { "\($0.method) \($0.count)" }.joined(separator: ", ")
    }
}
