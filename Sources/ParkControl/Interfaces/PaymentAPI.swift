import MemberwiseInit

/// `io.parkd.Payment`: tenants' confirmations, payment batches, the bank's results, the ledger.
public enum PaymentAPI {
    public static let interface = VarlinkInterface(
        name: "io.parkd.Payment",
        methods: [confirm, createBatch, listBatches, getBatch, approveBatch, cancelBatch, exportBatch, importResult, ledger, verify, published],
        errors: errors, definition: """
        # From a noticed run to money paid. A batch gathers the payable, confirmed, unpaid lines,
        # each paid into the tenant's account in force on the day the batch is made, less what
        # the tenant owes back (a released receivable is offset against every line it is paid
        # from then on, whichever run the line comes from, never below zero). A batch is approved
        # by an administrator other than its creator (by uid), then exported for the bank; the
        # bank's result is imported line by line, once. A line is in at most one open batch and paid at most once: the database refuses
        # anything else. Money is a decimal string in yuan, exact to the fen.
        interface io.parkd.Payment

        # A payment batch.
        type Batch (
          # Stable numeric id.
          id: int,
          # created (awaiting a second administrator's approval), approved, or cancelled (before
          # approval; its lines were released).
          status: string,
          # The runs it was limited to; empty for every approved run.
          runs: []int,
          # The day it was made: the accounts in force that day are paid (YYYY-MM-DD).
          createdOn: string,
          # What the bank transfers, summed.
          total: string,
          # Lines in the batch.
          items: int,
          # Lines whose bank result is not in yet.
          pending: int,
          # Lines paid.
          paid: int,
          # Lines the bank failed to pay.
          failed: int,
          # When it was made (RFC 3339, UTC).
          createdAt: string,
          # Who made it.
          createdBy: string,
          # The uid of who made it.
          createdByUid: int,
          # When it was approved.
          approvedAt: ?string,
          # Who approved it.
          approvedBy: ?string,
          # The uid of who approved it.
          approvedByUid: ?int
        )

        # One line of a batch.
        type Item (
          # The reward line's id.
          line: int,
          # Its run.
          run: int,
          # Tenant id.
          tenant: int,
          # Rule id.
          rule: string,
          # The month or year the amount is for.
          period: string,
          # The name on the account.
          accountName: string,
          # Bank and branch.
          bank: string,
          # Account number.
          accountNumber: string,
          # The line's amount.
          gross: string,
          # Offset against what the tenant owed.
          offset: string,
          # What the bank transfers: gross less offset.
          amount: string,
          # The transfer's purpose text: policy, rule, period, run and line.
          purpose: string,
          # pending, paid or failed; cancelled for an item a cancelled batch held.
          status: string,
          # The bank's reason for a failure.
          reason: ?string,
          # The day the result was recorded (YYYY-MM-DD).
          resultOn: ?string
        )

        # Tenants whose lines a new batch leaves out.
        type Skipped (
          # Tenant id.
          tenant: int,
          # Its lines left out.
          lines: int,
          # Why.
          reason: string
        )

        # What the park owes and paid one tenant (or all, as the total).
        type LedgerEntry (
          # Tenant id (0 for the total).
          tenant: int,
          # The tenant's name ("total" for the total).
          name: string,
          # Amounts of approved runs and of drafts awaiting approval.
          computed: string,
          # Amounts approved.
          approved: string,
          # Withdrawn after an upheld objection.
          withdrawn: string,
          # Not yet released: not on notice, the notice running, or an objection open.
          held: string,
          # Released and unpaid.
          payable: string,
          # Of what is payable, in a batch awaiting the bank's result (absent from a parkd that
          # predates it).
          inBatch: ?string,
          # Paid (transfers and offsets).
          paid: string,
          # Of what was paid, offset against what the tenant owed.
          offset: string,
          # Transfers the bank failed (those lines are payable again).
          failed: string,
          # Receivables released and not yet offset (a batch awaiting the bank's result has
          # taken what it offsets already; that shows under offset once the result is imported).
          owed: string,
          # Still to pay: held and payable.
          outstanding: string
        )

        # What was paid to one firm under one rule in a year.
        type Paid (
          # The year paid.
          year: int,
          # Tenant id.
          tenant: int,
          # The firm's name.
          name: string,
          # Rule id.
          rule: string,
          # Lines paid; under a rule owed back (RENT_CLAWBACK), the lines offsets recovered from.
          lines: int,
          # Amount paid; under a rule owed back, what was recovered, negative.
          amount: string
        )

        # Records a tenant's confirmation of its lines of an approved run (免申即享: the firm
        # only confirms); needed before payment when cashing.confirmation is required.
        method Confirm(
          # The run's id.
          run: int,
          # Tenant id or credit code.
          tenant: string,
          # Who confirmed for the firm.
          confirmedBy: string
        ) -> (
          # The lines confirmed now.
          lines: []int
        )

        # Makes a batch of every payable, confirmed, unpaid line of the runs (all approved runs
        # when none is named).
        method CreateBatch(
          # Only these runs (a run named twice counts once; at most 1000).
          runs: ?[]int
        ) -> (
          # The batch, awaiting approval.
          batch: Batch,
          # Tenants left out.
          skipped: []Skipped
        )

        # Every batch, oldest first.
        method ListBatches() -> (
          # The batches.
          batches: []Batch
        )

        # A batch and its lines.
        method GetBatch(
          # The batch's id.
          batch: int
        ) -> (
          # The batch.
          batch: Batch,
          # Its lines.
          items: []Item
        )

        # Approves a batch; refused to the administrator who made it.
        method ApproveBatch(
          # The batch's id.
          batch: int
        ) -> (
          # The batch, approved.
          batch: Batch
        )

        # Cancels a batch not yet approved: its lines are released for the next batch.
        method CancelBatch(
          # The batch's id.
          batch: int
        ) -> (
          # The batch, cancelled.
          batch: Batch
        )

        # The transfers of an approved batch, for the bank file (lines with nothing to transfer
        # are left out); their amounts sum to the batch's total.
        method ExportBatch(
          # The batch's id.
          batch: int
        ) -> (
          # The batch.
          batch: Batch,
          # Its transfers.
          items: []Item
        )

        # Records a bank's result file (CSV: batch,line,amount,result,reason), checked whole;
        # importing the same result again changes nothing.
        method ImportResult(
          # The file's text.
          text: string
        ) -> (
          # The batch.
          batch: int,
          # Lines recorded as paid now.
          paid: int,
          # Lines recorded as failed now.
          failed: int,
          # Rows that repeat a result already recorded.
          unchanged: int
        )

        # The ledger per tenant.
        method Ledger(
          # Only this tenant (id or credit code).
          tenant: ?string,
          # Only runs of this year's periods.
          year: ?int
        ) -> (
          # One entry per tenant.
          entries: []LedgerEntry,
          # The sums.
          total: LedgerEntry
        )

        # Reconciles every payment: each paid line paid its amount, each batch's total the sum
        # of its lines, approved = paid + held + payable + withdrawn for every tenant.
        method Verify() -> (
          # True when everything reconciles.
          balanced: bool,
          # Approved lines checked.
          lines: int,
          # Batches checked.
          batches: int,
          # The first difference found.
          difference: ?string
        )

        # What was paid in a year, per firm and rule, for publication.
        method Published(
          # The year paid.
          year: int
        ) -> (
          # Per firm and rule.
          paid: []Paid,
          # The lines paid, and those owed back that offsets recovered from, all firms and rules together.
          lines: int,
          # The amounts paid added up (yuan, exact to the fen), all firms and rules together.
          total: string
        )

        # No payment batch has this id.
        error NoSuchBatch (
          # The id asked for.
          batch: int
        )

        # The batch's creator may not approve it (four eyes).
        error SameApprover (
          # The batch's id.
          batch: int,
          # The caller's uid, which made the batch.
          uid: int
        )

        # The batch is not in the state this needs.
        error BatchState (
          # The batch's id.
          batch: int,
          # Its status.
          status: string,
          # The status needed.
          needed: string
        )

        # Nothing can be paid now.
        error NothingToPay (
          # Why.
          reason: string
        )

        # A batch is not as the audit trail last recorded it, or the trail records a batch made
        # that the database does not hold: the database file was changed behind parkd's back.
        # Nothing is done with the batch; no batch is made.
        error PaymentsNotAsRecorded (
          # The batch and how it differs.
          difference: string
        )

        # A bank result file refused whole at a row; nothing was recorded.
        error ResultRefused (
          # The file's line (the header is line 1).
          row: int,
          # What is wrong.
          reason: string
        )

        """)

    public static let confirm = VarlinkMethod<Confirm, ConfirmReply>("io.parkd.Payment.Confirm", access: .write)
    public static let createBatch = VarlinkMethod<CreateBatch, CreateBatchReply>("io.parkd.Payment.CreateBatch", access: .write)
    public static let listBatches = VarlinkMethod<NoParameters, ListBatchesReply>("io.parkd.Payment.ListBatches", access: .read)
    public static let getBatch = VarlinkMethod<GetBatch, GetBatchReply>("io.parkd.Payment.GetBatch", access: .read)
    public static let approveBatch = VarlinkMethod<ApproveBatch, ApproveBatchReply>("io.parkd.Payment.ApproveBatch", access: .write)
    public static let cancelBatch = VarlinkMethod<CancelBatch, CancelBatchReply>("io.parkd.Payment.CancelBatch", access: .write)
    public static let exportBatch = VarlinkMethod<ExportBatch, ExportBatchReply>("io.parkd.Payment.ExportBatch", access: .read)
    public static let importResult = VarlinkMethod<ImportResult, ImportResultReply>("io.parkd.Payment.ImportResult", access: .write)
    public static let ledger = VarlinkMethod<Ledger, LedgerReply>("io.parkd.Payment.Ledger", access: .read)
    public static let verify = VarlinkMethod<NoParameters, VerifyReply>("io.parkd.Payment.Verify", access: .read)
    public static let published = VarlinkMethod<Published, PublishedReply>("io.parkd.Payment.Published", access: .read)

    @MemberwiseInit
    public struct Batch: Codable, Sendable, Equatable {
        public var id: Int64
        public var status: String
        public var runs: [Int64]
        public var createdOn: String
        public var total: String
        public var items: Int
        public var pending: Int
        public var paid: Int
        public var failed: Int
        public var createdAt: String
        public var createdBy: String
        public var createdByUid: Int64
        public var approvedAt: String?
        public var approvedBy: String?
        public var approvedByUid: Int64?
    }

    @MemberwiseInit
    public struct Item: Codable, Sendable, Equatable {
        public var line: Int64
        public var run: Int64
        public var tenant: Int64
        public var rule: String
        public var period: String
        public var accountName: String
        public var bank: String
        public var accountNumber: String
        public var gross: String
        public var offset: String
        public var amount: String
        public var purpose: String
        public var status: String
        public var reason: String?
        public var resultOn: String?
    }

    @MemberwiseInit
    public struct Skipped: Codable, Sendable, Equatable {
        public var tenant: Int64
        public var lines: Int
        public var reason: String
    }

    @MemberwiseInit
    public struct LedgerEntry: Codable, Sendable, Equatable {
        public var tenant: Int64
        public var name: String
        public var computed: String
        public var approved: String
        public var withdrawn: String
        public var held: String
        public var payable: String
        public var inBatch: String?
        public var paid: String
        public var offset: String
        public var failed: String
        public var owed: String
        public var outstanding: String
    }

    @MemberwiseInit
    public struct Paid: Codable, Sendable, Equatable {
        public var year: Int
        public var tenant: Int64
        public var name: String
        public var rule: String
        public var lines: Int
        public var amount: String
    }

    @MemberwiseInit
    public struct Confirm: Codable, Sendable {
        public var run: Int64
        public var tenant: String
        public var confirmedBy: String
    }

    @MemberwiseInit
    public struct ConfirmReply: Codable, Sendable {
        public var lines: [Int64]
    }

    @MemberwiseInit
    public struct CreateBatch: Codable, Sendable {
        public var runs: [Int64]?
    }

    @MemberwiseInit
    public struct CreateBatchReply: Codable, Sendable {
        public var batch: Batch
        public var skipped: [Skipped]
    }

    @MemberwiseInit
    public struct ListBatchesReply: Codable, Sendable {
        public var batches: [Batch]
    }

    @MemberwiseInit
    public struct GetBatch: Codable, Sendable {
        public var batch: Int64
    }

    /// The reply of GetBatch, and of ExportBatch.
    @MemberwiseInit
    public struct GetBatchReply: Codable, Sendable {
        public var batch: Batch
        public var items: [Item]
    }

    public typealias ApproveBatch = GetBatch
    public typealias ExportBatch = GetBatch
    public typealias CancelBatch = GetBatch
    public typealias CancelBatchReply = ApproveBatchReply
    public typealias ExportBatchReply = GetBatchReply

    /// The reply of ApproveBatch, and of CancelBatch.
    @MemberwiseInit
    public struct ApproveBatchReply: Codable, Sendable {
        public var batch: Batch
    }

    @MemberwiseInit
    public struct ImportResult: Codable, Sendable {
        public var text: String
    }

    @MemberwiseInit
    public struct ImportResultReply: Codable, Sendable {
        public var batch: Int64
        public var paid: Int
        public var failed: Int
        public var unchanged: Int
    }

    @MemberwiseInit
    public struct Ledger: Codable, Sendable {
        public var tenant: String?
        public var year: Int?
    }

    @MemberwiseInit
    public struct LedgerReply: Codable, Sendable {
        public var entries: [LedgerEntry]
        public var total: LedgerEntry
    }

    @MemberwiseInit
    public struct VerifyReply: Codable, Sendable {
        public var balanced: Bool
        public var lines: Int
        public var batches: Int
        public var difference: String?
    }

    @MemberwiseInit
    public struct Published: Codable, Sendable {
        public var year: Int
    }

    @MemberwiseInit
    public struct PublishedReply: Codable, Sendable {
        public var paid: [Paid]
        public var lines: Int
        public var total: String
    }
}
