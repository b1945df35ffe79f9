import ParkCore

/// A reward run as the audit trail records it when a call computes or approves it: its lines'
/// count and total, the hash of its inputs and a SHA-256 over every line (tenant, rule, period,
/// amount). A run's lines and inputs never change once computed, and triggers guard them; but
/// someone who can write the database file can drop the triggers and rewrite a run together
/// with its inputs and their hash, which its recomputation then agrees with. `reward verify`
/// compares the run with what the trail recorded, so that such a run is named.
public struct RecordedRun: Equatable, Sendable {
    public let run: Int64
    public let period: String
    /// `draft` or `approved`, as the call left it: for the reader only (a draft is superseded
    /// by a later run's call, which records that run).
    public let status: String
    public let lines: Int
    public let total: Money
    public let inputsHash: String
    /// SHA-256 over the lines in tenant, rule, period order (64 hex digits).
    public let digest: String

    public init(run: Int64, period: String, status: String, total: Money, inputsHash: String, lines: [RewardLine]) {
        self.run = run
        self.period = period
        self.status = status
        self.lines = lines.count
        self.total = total
        self.inputsHash = inputsHash
        let sorted = lines.sorted { ($0.tenantID, $0.rule, $0.period, $0.fen) < ($1.tenantID, $1.rule, $1.period, $1.fen) }
        digest = ContentHash.sha256(ContentHash.lengthPrefixed(sorted.flatMap { [String($0.tenantID), $0.rule, $0.period, String($0.fen)] }))
    }

    private static let prefix = "ok: run "

    /// The audit outcome: `ok: run 5 2021-06 approved: 176 lines, total 510695.15, inputs
    /// sha256 …, lines sha256 …`.
    public var outcome: String {
        "\(Self.prefix)\(run) \(period) \(status): \(lines) line\(lines == 1 ? "" : "s"), total \(total), inputs sha256 \(inputsHash), lines sha256 \(digest)"
    }

    /// What an audit outcome recorded; nil for one that records no run.
    public init?(outcome: String) {
        guard outcome.hasPrefix(Self.prefix) else { return nil }
        let words = outcome.dropFirst(Self.prefix.count).split(separator: " ")
        // 5 2021-06 approved: 176 lines, total 510695.15, inputs sha256 HEX, lines sha256 HEX
        guard words.count == 13, let run = Int64(words[0]), words[2].hasSuffix(":"), let lines = Int(words[3]),
              words[5] == "total", words[6].hasSuffix(","), let total = try? Money.parse(String(words[6].dropLast()), field: "total", allowNegative: true),
              words[7] == "inputs", words[8] == "sha256", words[9].count == 65, words[9].hasSuffix(","),
              words[10] == "lines", words[11] == "sha256", words[12].count == 64 else { return nil }
        self.run = run
        self.period = String(words[1])
        self.status = String(words[2].dropLast())
        self.lines = lines
        self.total = total
        self.inputsHash = String(words[9].dropLast())
        self.digest = String(words[12])
    }

    /// How the run as stored (`self`) differs from what the trail recorded of it, in words; nil
    /// when it is as recorded.
    public func difference(from recorded: RecordedRun) -> String? {
        let was = "the audit trail recorded \(recorded.lines) line\(recorded.lines == 1 ? "" : "s"), total \(recorded.total)"
        if total != recorded.total || lines != recorded.lines {
            return "\(was); the database holds \(lines) line\(lines == 1 ? "" : "s"), total \(total)"
        }
        if inputsHash != recorded.inputsHash { return "\(was) computed from inputs \(recorded.inputsHash.prefix(12))…; the database holds inputs \(inputsHash.prefix(12))…" }
        if digest != recorded.digest { return "\(was); the database holds the same count and total, but a line's tenant, rule or amount changed" }
        return nil
    }
}
