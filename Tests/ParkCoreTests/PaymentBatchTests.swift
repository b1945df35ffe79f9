import ParkCore
import Testing

@Suite("A payment batch after its making: four eyes, cancelling, the bank file, what receivables are owed, posted totals")
struct PaymentBatchTests {
    static let creator: Int64 = 1001

    func batch(_ status: PaymentBatchStatus) -> PaymentBatch {
        PaymentBatch(id: 7, status: status, createdByUid: Self.creator, approvedByUid: status == .approved ? 1002 : nil)
    }

    @Test("a created batch is approved by another uid than its creator's, once")
    func approval() throws {
        let approved = try batch(.created).approve(by: 1002)
        #expect(approved == PaymentBatch(id: 7, status: .approved, createdByUid: Self.creator, approvedByUid: 1002))
        #expect(throws: CashingRefusal.sameApprover(batch: 7, uid: Self.creator)) { try batch(.created).approve(by: Self.creator) }
        #expect(throws: CashingRefusal.batchState(batch: 7, status: "approved", needed: "created")) { try approved.approve(by: 1003) }
        #expect(throws: CashingRefusal.batchState(batch: 7, status: "cancelled", needed: "created")) { try batch(.cancelled).approve(by: 1002) }
        // The state is refused before the approver: a cancelled batch is cancelled, whoever asks.
        #expect(throws: CashingRefusal.batchState(batch: 7, status: "cancelled", needed: "created")) {
            try batch(.cancelled).approve(by: Self.creator)
        }
    }

    @Test("only a batch awaiting approval is cancelled")
    func cancelling() throws {
        #expect(try batch(.created).cancel().status == .cancelled)
        #expect(throws: CashingRefusal.batchState(batch: 7, status: "approved", needed: "created")) { try batch(.approved).cancel() }
        #expect(throws: CashingRefusal.batchState(batch: 7, status: "cancelled", needed: "created")) { try batch(.cancelled).cancel() }
    }

    @Test("only an approved batch goes to the bank, and its file leaves out the items the offsets cover whole")
    func bankFile() throws {
        let transfers: [(line: Int64, amount: Money)] = [(1, Money(fen: 40_000)), (2, .zero), (3, Money(fen: 1))]
        let file = try batch(.approved).bankFile(transfers, transfer: \.amount)
        #expect(file.map(\.line) == [1, 3])
        #expect(try batch(.approved).bankFile([(line: Int64(2), amount: Money.zero)], transfer: \.amount).isEmpty)
        #expect(throws: CashingRefusal.batchState(batch: 7, status: "created", needed: "approved")) {
            try batch(.created).bankFile(transfers, transfer: \.amount)
        }
        #expect(throws: CashingRefusal.batchState(batch: 7, status: "cancelled", needed: "approved")) { try batch(.cancelled).checkAtTheBank() }
        try batch(.approved).checkAtTheBank()
    }

    @Test("a receivable is owed once released: its notice closed, no objection open, none upheld; less what offsets recovered")
    func stillOwed() {
        func owed(_ fen: Int64, notice: CashingLine.Notice = .closed, objection: Bool = false, upheld: Bool = false, recovered: Int64 = 0) -> Money? {
            let cashing = CashingLine(
                id: 1, run: 1, tenant: 1, amount: Money(fen: fen), notice: notice, openObjection: objection, upheld: upheld, confirmed: false,
                inOpenBatch: false, paid: false)
            return PaymentLedger.Line(
                cashing: cashing, paid: .zero, offset: .zero, lastTransferFailed: false, recovered: Money(fen: recovered), paidYear: nil
            ).stillOwed
        }
        #expect(owed(-25_000) == Money(fen: 25_000))
        #expect(owed(-25_000, recovered: 10_000) == Money(fen: 15_000))
        #expect(owed(-25_000, recovered: 25_000) == .zero)
        for held in [owed(-25_000, notice: .none), owed(-25_000, notice: .running), owed(-25_000, objection: true), owed(-25_000, upheld: true)] {
            #expect(held == nil)
        }
        // A line paid to the tenant owes nothing back.
        #expect(owed(25_000) == nil)
        // The ledger's owed column is the same rule: the released receivables' amounts still owed.
        let lines = [(-25_000, CashingLine.Notice.closed, Int64(10_000)), (-5_000, .running, 0), (-3_000, .closed, 0)].map { fen, notice, recovered in
            PaymentLedger.Line(
                cashing: CashingLine(
                    id: 1, run: 1, tenant: 1, amount: Money(fen: Int64(fen)), notice: notice, openObjection: false, upheld: false, confirmed: false,
                    inOpenBatch: false, paid: false),
                paid: .zero, offset: .zero, lastTransferFailed: false, recovered: Money(fen: recovered), paidYear: nil)
        }
        #expect(PaymentLedger.tally(lines).entries[0].owed == Money(fen: 18_000))
        #expect(PaymentLedger.tally(lines).entries[0].owed == Money.total(lines.compactMap(\.stillOwed).map(\.fen)))
    }

    @Test("a posting's total is its amounts added up, negative ones too, refused past the largest amount parkd holds")
    func postedTotal() throws {
        #expect(try PostedTotal.of([Money(fen: 40_000), Money(fen: -2_500), .zero], "the lines of run 1") == Money(fen: 37_500))
        #expect(try PostedTotal.of([], "the lines of run 1") == .zero)
        #expect(try PostedTotal.of([Money.largest - Money(fen: 1), Money(fen: 1)], "the lines of run 1") == Money.largest)
        #expect(throws: CashingRefusal.totalTooLarge(of: "the lines of run 1")) {
            try PostedTotal.of([Money.largest, Money(fen: 1)], "the lines of run 1")
        }
        // Past Int64 too, however many amounts: refused, never wrapped.
        #expect(throws: CashingRefusal.totalTooLarge(of: "the lines of run 1")) {
            try PostedTotal.of(Array(repeating: Money.largest, count: 10_000), "the lines of run 1")
        }
    }

    @Test("a year's publication adds up its lines and amounts, and refuses a total it cannot hold")
    func publication() throws {
        func paid(_ rule: String, lines: Int, fen: Int64) -> PaidAmount {
            PaidAmount(year: 2026, tenant: 1, tenantName: "青岛英才人力资源有限公司", rule: rule, lines: lines, amount: Money(fen: fen))
        }
        let publication = try PaymentPublication(
            [paid("PLACEMENT", lines: 1, fen: 740_000), paid("RENT", lines: 2, fen: 4_000_000), paid("RENT_CLAWBACK", lines: 1, fen: -1_000_000)],
            "what was paid in 2026")
        #expect(publication.lines == 4 && publication.total == Money(fen: 3_740_000))
        let empty = try PaymentPublication([], "what was paid in 2026")
        #expect(empty.lines == 0 && empty.total == .zero && empty.paid.isEmpty)
        #expect(throws: CashingRefusal.totalTooLarge(of: "what was paid in 2026")) {
            try PaymentPublication([paid("RENT", lines: 1, fen: Money.largest.fen), paid("TRAINING", lines: 1, fen: 1)], "what was paid in 2026")
        }
    }
}

@Suite("A payment batch as the audit trail records it")
struct RecordedBatchTests {
    static let item = RecordedBatch.Item(
        line: 4, tenant: 2, accountName: "烟台众联劳务派遣有限公司", bank: "工行", accountNumber: "380302160920065432",
        gross: Money(fen: 530_000), offset: .zero, amount: Money(fen: 530_000), status: "paid", reason: nil)
    static let batch = RecordedBatch(batch: 2, status: "approved", total: Money(fen: 530_000), items: [item])

    @Test("the outcome it writes reads back as the same state; an outcome of an older parkd, or another call's, reads as none")
    func outcomeReadsBack() {
        #expect(Self.batch.outcome.hasPrefix("ok: batch 2 approved: 1 item, total 5300.00, sha256 "))
        #expect(RecordedBatch(outcome: Self.batch.outcome) == Self.batch)
        for outcome in ["ok", "ok: the same bytes again", "io.parkd.Payment.NothingToPay (reason=x)", "ok: batch 2 approved: 1 item, total 5300.00, sha256 abc"] {
            #expect(RecordedBatch(outcome: outcome) == nil, "\(outcome)")
        }
    }

    @Test("any field of any item, or the status, changes the digest")
    func everyFieldCounts() {
        var changes: [RecordedBatch.Item] = []
        var item = Self.item
        item.accountNumber = "6222020000000000666"; changes.append(item); item = Self.item
        item.accountName = "某某"; changes.append(item); item = Self.item
        item.amount = Money(fen: 530_001); changes.append(item); item = Self.item
        item.offset = Money(fen: 1); changes.append(item); item = Self.item
        item.status = "failed"; changes.append(item); item = Self.item
        item.reason = "account closed"; changes.append(item); item = Self.item
        item.line = 5; changes.append(item)
        for changed in changes {
            #expect(RecordedBatch(batch: 2, status: "approved", total: Money(fen: 530_000), items: [changed]).digest != Self.batch.digest, "\(changed)")
        }
        #expect(RecordedBatch(batch: 2, status: "created", total: Money(fen: 530_000), items: [Self.item]).digest != Self.batch.digest)
    }

    @Test("a batch deleted, changed or added behind parkd's back is named; batches made before batches were recorded count by their number")
    func differences() {
        let first = RecordedBatch(batch: 1, status: "approved", total: .zero, items: [])
        #expect(RecordedBatch.firstDifference(current: [first, Self.batch], recorded: [first, Self.batch], made: 2) == nil)
        #expect(RecordedBatch.firstDifference(current: [first], recorded: [first, Self.batch], made: 2)
                == "batch 2: the audit trail records it (approved, 1 item, total 5300.00), the database holds no such batch")
        let created = RecordedBatch(batch: 2, status: "created", total: Money(fen: 530_000), items: [Self.item])
        #expect(RecordedBatch.firstDifference(current: [first, created], recorded: [first, Self.batch], made: 2)
                == "batch 2: the audit trail last recorded it approved, 1 item, total 5300.00; the database holds status created")
        // The latest state recorded counts: made, then approved.
        #expect(RecordedBatch.firstDifference(current: [first, Self.batch], recorded: [first, created, Self.batch], made: 2) == nil)
        // Made by a parkd that recorded no state: only their number is known.
        #expect(RecordedBatch.firstDifference(current: [first], recorded: [], made: 2)
                == "the audit trail records 2 batches made (Payment.CreateBatch), the database holds 1")
        #expect(RecordedBatch.firstDifference(current: [first, Self.batch], recorded: [first], made: 1)
                == "batch 2: no call in the audit trail made it")
        // Deleted, its number used again for a batch made since: the trail records it made twice.
        #expect(RecordedBatch.firstDifference(current: [first, created], recorded: [first, created, Self.batch, created], made: 3)
                == "batch 2: the audit trail records it made twice (a batch deleted, and its number used again)")
        // A batch slipped in under a number no batch is made with, however the count is kept.
        let zero = RecordedBatch(batch: 0, status: "cancelled", total: .zero, items: [])
        #expect(RecordedBatch.firstDifference(current: [zero, first], recorded: [first], made: 2) == "batch 0: no call in the audit trail made it")
        // Made by a parkd that recorded no batches: numbered before the first recorded.
        #expect(RecordedBatch.firstDifference(current: [first, Self.batch], recorded: [Self.batch], made: 2) == nil)
    }
}
