import MemberwiseInit

/// What the park owes and paid each tenant, from every approved line and every payment
/// recorded, with the identity finance checks: approved = paid + held + payable + withdrawn.
public struct PaymentLedger: Equatable, Sendable {
    /// One approved line with what was recorded about its payment.
    @MemberwiseInit
    public struct Line: Equatable, Sendable {
        public var cashing: CashingLine
        /// The recorded payment of the line (the bank's transfer plus the offsets), when paid.
        public var paid: Money
        /// Of which offset against what the tenant owed.
        public var offset: Money
        /// The bank reported the line's latest transfer failed: it waits for a new batch.
        public var lastTransferFailed: Bool
        /// For a receivable: what was offset against it so far (pending batches included).
        public var recovered: Money
        /// The year the line was paid in, when paid.
        public var paidYear: Int?

        /// What does not reconcile about this line alone, in words, or nil.
        var difference: String? {
            let cashing = self.cashing, name = "line \(cashing.id) of tenant \(cashing.tenant)"
            if cashing.paid {
                if paid != cashing.amount { return "\(name): approved \(cashing.amount), recorded as paid \(paid)" }
                if cashing.upheld { return "\(name): recorded as paid, but an upheld objection withdrew it" }
                if cashing.notice != .closed || cashing.openObjection {
                    return "\(name): recorded as paid, but it is held (\(cashing.notice != .closed ? "its notice is not closed" : "an objection to it is open"))"
                }
            }
            if cashing.isReceivable, recovered != .zero {
                let owed = Money(fen: -cashing.amount.fen)
                if recovered > owed { return "\(name): owed back \(owed), offsets recovered \(recovered)" }
                if !cashing.isReleasedReceivable { return "\(name): offsets recovered \(recovered) of an amount its notice has not released" }
            }
            return nil
        }

        /// What the tenant still owes from this line: for a released receivable, its amount
        /// less what offsets recovered of it; nil for any other line.
        public var stillOwed: Money? {
            guard cashing.isReleasedReceivable else { return nil }
            return Money(fen: -cashing.amount.fen) - recovered
        }
    }

    public struct Entry: Equatable, Sendable {
        public var tenant: Int64
        /// Amounts of approved runs and of drafts awaiting approval.
        public var computed = Money.zero
        public var approved = Money.zero
        public var withdrawn = Money.zero
        public var held = Money.zero
        public var payable = Money.zero
        /// Of what is payable, in a batch awaiting the bank's result.
        public var inBatch = Money.zero
        public var paid = Money.zero
        public var offset = Money.zero
        /// Lines whose latest transfer failed and that no batch has taken again yet (counted
        /// once whatever the attempts, gross as the other columns).
        public var failed = Money.zero
        /// Receivables released and not yet offset.
        public var owed = Money.zero
        /// What the park still has to pay: held and payable.
        public var outstanding: Money { held + payable }

        public init(tenant: Int64) { self.tenant = tenant }

        /// `approved = paid + held + payable + withdrawn`, or the sides that differ.
        public var balances: Bool { approved == paid + held + payable + withdrawn }
    }

    public var entries: [Entry]

    /// Tallies `lines` per tenant; `drafts` adds to `computed` the tenants' amounts in drafts.
    public static func tally(_ lines: [Line], drafts: [Int64: Money] = [:]) -> PaymentLedger {
        var entries: [Int64: Entry] = [:]
        for line in lines {
            let tenant = line.cashing.tenant
            var entry = entries[tenant] ?? Entry(tenant: tenant)
            let amount = line.cashing.amount
            if line.cashing.isReceivable {
                if let owed = line.stillOwed { entry.owed = entry.owed + owed }
            } else {
                entry.approved = entry.approved + amount
                entry.computed = entry.computed + amount
                if line.lastTransferFailed { entry.failed = entry.failed + amount }
                switch line.cashing.state {
                case .paid:
                    entry.paid = entry.paid + line.paid
                    entry.offset = entry.offset + line.offset
                case .withdrawn: entry.withdrawn = entry.withdrawn + amount
                case .held: entry.held = entry.held + amount
                case .payable:
                    entry.payable = entry.payable + amount
                    if line.cashing.inOpenBatch { entry.inBatch = entry.inBatch + amount }
                }
            }
            entries[tenant] = entry
        }
        for (tenant, amount) in drafts {
            var entry = entries[tenant] ?? Entry(tenant: tenant)
            entry.computed = entry.computed + amount
            entries[tenant] = entry
        }
        return PaymentLedger(entries: entries.values.sorted { $0.tenant < $1.tenant })
    }

    /// The park's totals.
    public var total: Entry {
        entries.reduce(into: Entry(tenant: 0)) { total, entry in
            total.computed = total.computed + entry.computed
            total.approved = total.approved + entry.approved
            total.withdrawn = total.withdrawn + entry.withdrawn
            total.held = total.held + entry.held
            total.payable = total.payable + entry.payable
            total.inBatch = total.inBatch + entry.inBatch
            total.paid = total.paid + entry.paid
            total.offset = total.offset + entry.offset
            total.failed = total.failed + entry.failed
            total.owed = total.owed + entry.owed
        }
    }

    /// A batch as recorded, for the reconciliation.
    @MemberwiseInit
    public struct Batch: Equatable, Sendable {
        public var id: Int64
        public var total: Money
        /// The transfers of its items, summed.
        public var itemsTotal: Money
    }

    /// The first thing that does not reconcile, in words, or nil: every paid line paid exactly
    /// its amount and released by its notice, every receivable recovered at most once and only
    /// once released, every batch's total the sum of its items, and every tenant's identity.
    public static func firstDifference(lines: [Line], batches: [Batch]) -> String? {
        for line in lines.sorted(by: { $0.cashing.id < $1.cashing.id }) {
            if let difference = line.difference { return difference }
        }
        for batch in batches.sorted(by: { $0.id < $1.id }) where batch.total != batch.itemsTotal {
            return "batch \(batch.id): total \(batch.total), its items sum to \(batch.itemsTotal)"
        }
        for entry in tally(lines).entries where !entry.balances {
            return "tenant \(entry.tenant): approved \(entry.approved) ≠ paid \(entry.paid) + held \(entry.held) + payable \(entry.payable) + withdrawn \(entry.withdrawn)"
        }
        return nil
    }
}
