import MemberwiseInit

/// What a new payment batch pays: every batchable line of the runs asked for, each to the
/// tenant's account in force on the day the batch is made, less what the tenant owes back.
///
/// A receivable (a RENT_CLAWBACK line, or an adjustment down, once released) is offset against
/// whatever the tenant is paid from then on, oldest receivable against oldest line first, never
/// below zero; what it does not cover stays owed for the next batch. Every line a batch pays is
/// paid after the receivable was owed, whichever run it comes from: a firm that owes money back
/// is not sent a transfer for a run computed, approved or confirmed before its debt.
///
/// A tenant without an account in force, or whose account is not in its registered name
/// (renamed since), is left out.
public struct PaymentBatchPlan: Equatable, Sendable {
    /// A line to pay, as the batch takes it.
    @MemberwiseInit
    public struct Payable: Equatable, Sendable {
        public var line: Int64
        public var run: Int64
        public var tenant: Int64
        public var amount: Money
    }

    /// What a tenant still owes from one receivable line.
    @MemberwiseInit
    public struct Receivable: Equatable, Sendable {
        public var line: Int64
        public var run: Int64
        public var tenant: Int64
        /// Still owed, positive.
        public var owed: Money
    }

    @MemberwiseInit
    public struct Offset: Equatable, Sendable {
        public var receivable: Int64
        public var amount: Money
    }

    public struct Item: Equatable, Sendable {
        public var payable: Payable
        public var account: BankAccount
        public var offsets: [Offset]
        /// What the bank transfers: the line's amount less the offsets, never below zero.
        public var net: Money
    }

    /// A tenant whose lines are left out, and why.
    @MemberwiseInit
    public struct Skipped: Equatable, Sendable {
        public var tenant: Int64
        public var lines: Int
        public var reason: String
    }

    public var items: [Item]
    public var skipped: [Skipped]

    /// The sum the bank transfers.
    public var total: Money { items.reduce(Money.zero) { $0 + $1.net } }

    /// The most runs a batch names (none names every approved run).
    public static let maximumRuns = 1_000

    /// The runs a batch is asked to pay, each once: at most `maximumRuns`.
    public static func runsAsked(_ runs: [Int64]) throws(DomainError) -> Set<Int64> {
        let asked = Set(runs)
        guard asked.count <= maximumRuns else {
            throw .invalid("runs", "\(asked.count) runs; a batch names at most \(maximumRuns), or none for every approved run")
        }
        return asked
    }

    public static func plan(
        payable: [Payable], receivables: [Receivable], accounts: [Int64: [BankAccount]], registeredNames: [Int64: String] = [:],
        on day: CivilDate
    ) -> PaymentBatchPlan {
        var items: [Item] = []
        var skipped: [Skipped] = []
        let byTenant = Dictionary(grouping: payable, by: \.tenant)
        for tenant in byTenant.keys.sorted() {
            let lines = byTenant[tenant]!.sorted { ($0.run, $0.line) < ($1.run, $1.line) }
            guard let account = BankAccount.inForce(accounts[tenant] ?? [], on: day) else {
                skipped.append(Skipped(tenant: tenant, lines: lines.count, reason: "no bank account in force on \(day)"))
                continue
            }
            // A firm renamed since its account was recorded: the bank would refuse the transfer.
            if let registered = registeredNames[tenant], !registered.hasSameCodePoints(as: account.accountName) {
                skipped.append(Skipped(
                    tenant: tenant, lines: lines.count,
                    reason: "an account in force in another name than the registered one (record the account in the new name)"))
                continue
            }
            var owed = receivables.filter { $0.tenant == tenant && $0.owed.fen > 0 }.sorted { ($0.run, $0.line) < ($1.run, $1.line) }
            for line in lines {
                var remaining = line.amount
                var offsets: [Offset] = []
                for index in owed.indices where remaining.fen > 0 && owed[index].owed.fen > 0 {
                    let taken = min(owed[index].owed, remaining)
                    offsets.append(Offset(receivable: owed[index].line, amount: taken))
                    owed[index].owed = owed[index].owed - taken
                    remaining = remaining - taken
                }
                items.append(Item(payable: line, account: account, offsets: offsets, net: remaining))
            }
        }
        return PaymentBatchPlan(items: items, skipped: skipped)
    }
}
