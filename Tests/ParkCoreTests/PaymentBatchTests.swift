import ParkCore
import Testing

@Suite("A payment batch after its making: four eyes, cancelling, the bank file, what receivables are owed")
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
}
