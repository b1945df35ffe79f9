import MemberwiseInit

/// A payment batch as the audit trail records it each time a call makes, approves, cancels or
/// settles it: its status, items and total then, and a SHA-256 over its status and every item
/// (line, tenant, account, amounts, result). The batch tables are guarded by triggers, but
/// someone who can write the database file can drop them: `payment verify` compares each batch
/// with the state its latest call recorded, so that a batch deleted (its lines payable again,
/// to be paid twice) or an item edited (a transfer redirected) is named, which a batch's own
/// totals cannot show.
public struct RecordedBatch: Equatable, Sendable {
    /// One item as recorded.
    @MemberwiseInit
    public struct Item: Equatable, Sendable {
        public var line: Int64
        public var tenant: Int64
        public var accountName: String
        public var bank: String
        public var accountNumber: String
        public var gross: Money
        public var offset: Money
        public var amount: Money
        /// `pending`, `paid`, `failed`, or `cancelled` for a cancelled batch's.
        public var status: String
        public var reason: String?
    }

    public let batch: Int64
    public let status: String
    public let items: Int
    public let total: Money
    /// SHA-256 over the status and the items, in line order (64 hex digits).
    public let digest: String

    public init(batch: Int64, status: String, total: Money, items: [Item]) {
        self.batch = batch
        self.status = status
        self.items = items.count
        self.total = total
        // Each field length-prefixed, as the audit trail's own entries are hashed: no text a
        // field can hold runs into the next.
        let fields = [String(batch), status, String(total.fen)] + items.sorted(by: { $0.line < $1.line }).flatMap { item in
            [String(item.line), String(item.tenant), item.accountName, item.bank, item.accountNumber,
             String(item.gross.fen), String(item.offset.fen), String(item.amount.fen), item.status, item.reason ?? ""]
        }
        digest = ContentHash.sha256(ContentHash.lengthPrefixed(fields))
    }

    private static let prefix = "ok: batch "

    /// The audit outcome of a call that left the batch so:
    /// `ok: batch 3 approved: 2 items, total 5300.00, sha256 9f2c…`.
    public var outcome: String {
        "\(Self.prefix)\(batch) \(status): \(items) item\(items == 1 ? "" : "s"), total \(total), sha256 \(digest)"
    }

    /// What an audit outcome recorded; nil for one that records no batch (`ok` alone, written
    /// by a parkd from before batches were recorded, or a refusal).
    public init?(outcome: String) {
        guard outcome.hasPrefix(Self.prefix) else { return nil }
        let words = outcome.dropFirst(Self.prefix.count).split(separator: " ")
        // 3 approved: 2 items, total 5300.00, sha256 HEX
        guard words.count == 8, let batch = Int64(words[0]), words[1].hasSuffix(":"), let items = Int(words[2]),
              words[4] == "total", words[5].hasSuffix(","), let total = try? Money.parse(String(words[5].dropLast()), field: "total"), words[6] == "sha256",
              words[7].count == 64 else { return nil }
        self.batch = batch
        self.status = String(words[1].dropLast())
        self.items = items
        self.total = total
        self.digest = String(words[7])
    }

    /// How the batch as it stands (`self`) differs from the state the trail `recorded`, in words;
    /// nil when it is as recorded.
    public func difference(from recorded: RecordedBatch) -> String? {
        guard self != recorded else { return nil }
        let seen = status != recorded.status ? "status \(status)" : total != recorded.total ? "total \(total)"
            : items != recorded.items ? "\(items) item\(items == 1 ? "" : "s")" : "an item (line, account, amount or result) changed"
        return "the audit trail last recorded it \(recorded.status), \(recorded.items) item\(recorded.items == 1 ? "" : "s"), "
            + "total \(recorded.total); the database holds \(seen)"
    }

    /// The first batch that is not as the trail last recorded it, in words, or nil. `recorded`
    /// holds what the trail's calls recorded, oldest first (the latest of a batch counts);
    /// `made` how many batches the trail records as made, counting those made by a parkd that
    /// recorded no state; `current` the batches as the database holds them now.
    /// A batch is made once: a second `created` record of one number is a batch deleted and its
    /// number used again. Batches are numbered in the order they are made, so one without a
    /// record numbered after the first recorded (or below 1) was made by no call.
    public static func firstDifference(current: [RecordedBatch], recorded: [RecordedBatch], made: Int) -> String? {
        var latest: [Int64: RecordedBatch] = [:]
        for state in recorded {
            if state.status == PaymentBatchStatus.created.rawValue, latest[state.batch] != nil {
                return "batch \(state.batch): the audit trail records it made twice (a batch deleted, and its number used again)"
            }
            latest[state.batch] = state
        }
        let firstRecorded = latest.keys.min()
        for batch in current where latest[batch.batch] == nil && (batch.batch < 1 || firstRecorded.map { batch.batch > $0 } == true) {
            return "batch \(batch.batch): no call in the audit trail made it"
        }
        let held = Dictionary(current.map { ($0.batch, $0) }, uniquingKeysWith: { first, _ in first })
        for (id, state) in latest.sorted(by: { $0.key < $1.key }) {
            guard let now = held[id] else {
                return "batch \(id): the audit trail records it (\(state.status), \(state.items) item\(state.items == 1 ? "" : "s"), total \(state.total)), "
                    + "the database holds no such batch"
            }
            if let difference = now.difference(from: state) { return "batch \(id): \(difference)" }
        }
        if current.count != made {
            return "the audit trail records \(made) batch\(made == 1 ? "" : "es") made (Payment.CreateBatch), the database holds \(current.count)"
        }
        return nil
    }
}
