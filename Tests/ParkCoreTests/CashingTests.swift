import ParkCore
import Testing

@Suite("Paying rewards: accounts, notices, line states, batches, bank results, the ledger")
struct CashingTests {
    static let day = CivilDate(year: 2026, month: 3, day: 2)!
    static let name = "青岛英才人力资源有限公司"

    func account(_ number: String = "6222 0216 0201 2345 678", from day: CivilDate = day, history: [BankAccount] = []) throws -> BankAccount {
        try BankAccount.decide(
            accountName: Self.name, bank: "中国工商银行青岛市南支行", number: number, effectiveFrom: day, registeredName: Self.name, history: history,
            lastTaken: nil, today: Self.day)
    }

    @Test("an account is in the tenant's registered name, with a well-formed number, a change from a later day only")
    func accounts() throws {
        let first = try account()
        #expect(first.number.digits == "6222021602012345678")
        #expect(try account("6222-0216-0201-2345-678").number.digits == "6222021602012345678")
        #expect(first.number.masked == "…5678")
        let refused = #expect(throws: DomainError.self) {
            try BankAccount.decide(accountName: "青岛英才人力资源公司", bank: "工行", number: "6222021602012345678",
                                   effectiveFrom: Self.day, registeredName: Self.name, history: [], lastTaken: nil, today: Self.day)
        }
        #expect(refused?.field == "accountName")
        // Canonically equivalent is not the same name to a bank: 力 as U+F98A, é as e and U+0301.
        for (name, registered) in [(Self.name.replacingOccurrences(of: "力", with: "\u{F98A}"), Self.name), ("Cafe\u{301} HR", "Caf\u{E9} HR")] {
            #expect(name == registered)
            let refused = #expect(throws: DomainError.self) {
                try BankAccount.decide(accountName: name, bank: "工行", number: "6222021602012345678",
                                       effectiveFrom: Self.day, registeredName: registered, history: [], lastTaken: nil, today: Self.day)
            }
            #expect(refused?.reason.contains("reads as the tenant's registered name but is written with other characters: U+") == true, "\(String(describing: refused))")
        }
        for (number, reason) in [
            ("12345", "has 5 digits; a bank account number has 10 to 30"), ("6222O21602012345678", "digits only"),
            ("0000000000000", "repeats one digit"),
            // Spaces and hyphens go between groups of digits only, one at a time.
            ("--6222021602012345678", "between groups"), ("6222021602012345678-", "between groups"), ("6222--0216020123456", "between groups"),
            ("6222  0216020123456", "between groups"),
        ] {
            let error = #expect(throws: DomainError.self) { try account(number) }
            #expect(error?.field == "number" && error?.reason.contains(reason) == true, "\(number): \(String(describing: error))")
        }
        // A year mistyped would hold every later change back: at most a year ahead.
        let farOff = #expect(throws: DomainError.self) { try account(from: CivilDate(year: 2099, month: 1, day: 1)!) }
        #expect(farOff?.reason == "2099-01-01 is more than a year after today (2026-03-02); an account is recorded once the firm gives it, from 2027-03-02 at the latest")
        _ = try account(from: CivilDate(year: 2027, month: 3, day: 2)!)
        #expect(throws: DomainError.self) { try account(from: CivilDate(year: 2027, month: 3, day: 3)!) }
        // Another firm's number is refused, naming it.
        let otherFirms = #expect(throws: DomainError.self) {
            try BankAccount.decide(
                accountName: Self.name, bank: "工行", number: "6222021602012345678", effectiveFrom: Self.day, registeredName: Self.name, history: [],
                lastTaken: nil, today: Self.day, holder: { $0.digits == "6222021602012345678" ? (7, "烟台众联劳务派遣有限公司") : nil })
        }
        #expect(otherFirms?.field == "number" && otherFirms?.reason == "account …5678 is recorded for tenant 7 (烟台众联劳务派遣有限公司); an account is in one firm's own name")
        let sameDay = #expect(throws: DomainError.self) { try account("6222021602099999999", history: [first]) }
        #expect(sameDay?.field == "effectiveFrom")
        // Nor an earlier day: a change never rewrites which account was in force.
        let earlier = #expect(throws: DomainError.self) {
            try account("6222021602099999999", from: CivilDate(year: 2026, month: 1, day: 1)!, history: [first])
        }
        #expect(earlier?.reason == "the tenant's account …5678 takes effect on 2026-03-02; a new account takes effect on a later day")
        let later = try account("6222021602099999999", from: CivilDate(year: 2026, month: 6, day: 1)!, history: [first])
        #expect(BankAccount.inForce([first, later], on: CivilDate(year: 2026, month: 5, day: 31)!) == first)
        #expect(BankAccount.inForce([first, later], on: CivilDate(year: 2026, month: 6, day: 1)!) == later)
        #expect(BankAccount.inForce([first, later], on: CivilDate(year: 2026, month: 3, day: 1)!) == nil)
        // Nor on or before the day whose account a payment batch took: it pays into the one in force then.
        let taken = (batch: Int64(4), on: CivilDate(year: 2026, month: 6, day: 15)!, approved: false)
        let beforeBatch = #expect(throws: DomainError.self) {
            try BankAccount.decide(
                accountName: Self.name, bank: "工行", number: "6222021602077777777", effectiveFrom: taken.on, registeredName: Self.name,
                history: [first, later], lastTaken: taken, today: Self.day)
        }
        #expect(beforeBatch?.reason == "payment batch 4 pays the tenant into the account in force on 2026-06-15; a new account takes effect on a later day (2026-06-16 or after), or cancel the batch first")
        _ = try BankAccount.decide(
            accountName: Self.name, bank: "工行", number: "6222021602077777777", effectiveFrom: CivilDate(year: 2026, month: 6, day: 16)!,
            registeredName: Self.name, history: [first, later], lastTaken: taken, today: Self.day)
    }

    @Test("a notice runs N working days after the day it is published, across holidays, and closes only after its last day")
    func notice() throws {
        let calendar = try CalendarFixtures.calendar()
        // Published on Thursday 2021-09-30: the National Day holiday is skipped, Saturday 10-09 is worked.
        let period = try NoticePeriod.starting(on: CivilDate(year: 2021, month: 9, day: 30)!, workingDays: 5, calendar: calendar)
        #expect(period.endsOn == CivilDate(year: 2021, month: 10, day: 13)!)
        #expect(period.takesObjections(on: period.endsOn))
        #expect(!period.takesObjections(on: period.endsOn.adding(days: 1)))
        #expect(throws: CashingRefusal.noticeNotEnded(run: 1, endsOn: period.endsOn, today: period.endsOn)) {
            try period.checkClosable(run: 1, today: period.endsOn, closedAt: nil)
        }
        try period.checkClosable(run: 1, today: period.endsOn.adding(days: 1), closedAt: nil)
        #expect(throws: CashingRefusal.noticeClosed(run: 1, closedAt: "2021-10-14T01:00:00.000Z"), "once") {
            try period.checkClosable(run: 1, today: period.endsOn.adding(days: 2), closedAt: "2021-10-14T01:00:00.000Z")
        }
        // Where it stands, as a list shows it and a scheduled job finds it due.
        #expect(period.standing(closed: false, on: period.endsOn) == "running" && !period.hasEnded(on: period.endsOn))
        #expect(period.standing(closed: false, on: period.endsOn.adding(days: 1)) == "ended" && period.hasEnded(on: period.endsOn.adding(days: 1)))
        #expect(period.standing(closed: true, on: period.endsOn.adding(days: 1)) == "closed")
        #expect(throws: DomainError.self) { try NoticePeriod.starting(on: Self.day, workingDays: 0, calendar: calendar) }
        let uncovered = #expect(throws: DomainError.self) {
            try NoticePeriod.starting(on: CivilDate(year: 2030, month: 1, day: 2)!, workingDays: 5, calendar: calendar)
        }
        #expect(uncovered?.kind == .yearNotCovered(2030))
    }

    func line(_ id: Int64, run: Int64 = 1, tenant: Int64 = 1, fen: Int64, notice: CashingLine.Notice = .closed, objection: Bool = false,
              upheld: Bool = false, confirmed: Bool = true, inBatch: Bool = false, paid: Bool = false) -> CashingLine {
        CashingLine(id: id, run: run, tenant: tenant, amount: Money(fen: fen), notice: notice, openObjection: objection, upheld: upheld,
                    confirmed: confirmed, inOpenBatch: inBatch, paid: paid)
    }

    @Test("a line is held until its notice closes and while an objection is open, withdrawn when one is upheld, then payable, then paid")
    func states() {
        #expect(line(1, fen: 100, notice: .none).state == .held)
        #expect(line(1, fen: 100, notice: .running).state == .held)
        #expect(line(1, fen: 100, objection: true).state == .held)
        #expect(line(1, fen: 100, upheld: true).state == .withdrawn)
        #expect(line(1, fen: 100).state == .payable)
        #expect(line(1, fen: 100, paid: true).state == .paid)
        #expect(line(1, fen: 100).isBatchable(confirmationRequired: true))
        #expect(!line(1, fen: 100, confirmed: false).isBatchable(confirmationRequired: true))
        #expect(line(1, fen: 100, confirmed: false).isBatchable(confirmationRequired: false))
        #expect(!line(1, fen: 100, inBatch: true).isBatchable(confirmationRequired: false))
        #expect(!line(1, fen: -100).isBatchable(confirmationRequired: false))
    }

    @Test("a receivable is offset against every line the tenant is paid from then on, whichever its run, never below zero; the rest stays owed")
    func offsets() throws {
        let accounts: [Int64: [BankAccount]] = [1: [try account()], 2: [try account()]]
        let plan = PaymentBatchPlan.plan(
            payable: [
                .init(line: 20, run: 3, tenant: 1, amount: Money(fen: 30_000)),
                .init(line: 10, run: 1, tenant: 1, amount: Money(fen: 20_000)),
                .init(line: 21, run: 3, tenant: 1, amount: Money(fen: 10_000)),
                .init(line: 30, run: 3, tenant: 2, amount: Money(fen: 7_000)),
                .init(line: 40, run: 3, tenant: 3, amount: Money(fen: 1_000)),
            ],
            receivables: [
                .init(line: 16, run: 4, tenant: 1, owed: Money(fen: 15_000)),
                .init(line: 15, run: 2, tenant: 1, owed: Money(fen: 30_000)),
            ],
            accounts: accounts, on: Self.day)
        #expect(plan.items.map(\.payable.line) == [10, 20, 21, 30])
        // Run 1 comes before both receivables' runs and is offset all the same: the oldest
        // receivable (run 2) first, against the oldest line; then run 4's.
        #expect(plan.items.map(\.net.fen) == [0, 5_000, 10_000, 7_000])
        #expect(plan.items[0].offsets == [.init(receivable: 15, amount: Money(fen: 20_000))])
        #expect(plan.items[1].offsets == [.init(receivable: 15, amount: Money(fen: 10_000)), .init(receivable: 16, amount: Money(fen: 15_000))])
        #expect(plan.items[2].offsets == [])
        #expect(plan.items[3].offsets == [], "another tenant's debt is not its own")
        #expect(plan.total == Money(fen: 22_000))
        #expect(plan.skipped == [.init(tenant: 3, lines: 1, reason: "no bank account in force on 2026-03-02")])

        let short = PaymentBatchPlan.plan(
            payable: [.init(line: 20, run: 3, tenant: 1, amount: Money(fen: 10_000))],
            receivables: [.init(line: 15, run: 2, tenant: 1, owed: Money(fen: 35_000))], accounts: accounts, on: Self.day)
        #expect(short.items.map(\.net) == [Money.zero])

        let renamed = PaymentBatchPlan.plan(
            payable: [.init(line: 20, run: 3, tenant: 1, amount: Money(fen: 10_000))], receivables: [], accounts: accounts,
            registeredNames: [1: "青岛英才人力资源集团有限公司"], on: Self.day)
        #expect(renamed.items.isEmpty && renamed.skipped.map(\.tenant) == [1])
        #expect(short.items[0].offsets.map(\.amount) == [Money(fen: 10_000)])
    }

    static let result = """
        batch,line,amount,result,reason
        1,10,500.00,paid,
        1,20,300.00,failed,account frozen
        """

    @Test("a bank result is checked whole against the batch, names the bad row, and repeats change nothing")
    func bankResult() throws {
        let parsed = try BankResult.parse(Self.result)
        #expect(parsed.batch == 1 && parsed.rows.map(\.line) == [10, 20] && parsed.rows[1].reason == "account frozen")
        // Rows ended by CRLF or by a lone CR (old Mac software) read the same.
        for ending in ["\r\n", "\r"] {
            #expect(try BankResult.parse(Self.result.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: ending)) == parsed, "\(ending.debugDescription)")
        }
        let recorded: [BankResult.Recorded] = [
            .init(line: 10, amount: Money(fen: 50_000), outcome: nil), .init(line: 20, amount: Money(fen: 30_000), outcome: nil),
        ]
        let known: Set<Int64> = [10, 20, 30]
        #expect(try parsed.changes(recorded: recorded, knownLines: known).count == 2)
        let done: [BankResult.Recorded] = [
            .init(line: 10, amount: Money(fen: 50_000), outcome: .paid), .init(line: 20, amount: Money(fen: 30_000), outcome: .failed, reason: "account frozen"),
        ]
        #expect(try parsed.changes(recorded: done, knownLines: known).isEmpty)
        // The same failure with another reason is another result: refused, not counted unchanged.
        #expect(throws: CashingRefusal.resultRefused(
            row: 3, reason: "line 20 was recorded as failed (account frozen); a bank result is recorded once, its reason with it")) {
            try BankResult.parse(Self.result.replacingOccurrences(of: "account frozen", with: "account closed")).changes(recorded: done, knownLines: known)
        }
        #expect(throws: CashingRefusal.resultRefused(row: 2, reason: "line 10 was recorded as failed; a bank result is recorded once")) {
            try parsed.changes(recorded: [.init(line: 10, amount: Money(fen: 50_000), outcome: .failed), done[1]], knownLines: known)
        }
        for (text, row, reason) in [
            (Self.result + "\n1,99,1.00,paid,", 4, "line 99 is not a line of any reward run"),
            (Self.result + "\n1,30,1.00,paid,", 4, "line 30 is not in batch 1"),
            (Self.result.replacingOccurrences(of: "500.00", with: "500.01"), 2, "line 10 is 500.01 in the file and 500.00 in batch 1"),
        ] {
            #expect(throws: CashingRefusal.resultRefused(row: row, reason: reason)) {
                try BankResult.parse(text).changes(recorded: recorded, knownLines: known)
            }
        }
        for (text, row) in [
            ("batch,line,amount\n1,10,500.00", 1), (Self.result + "\n2,30,1.00,paid,", 4), (Self.result + "\n1,30,1.00,bounced,", 4),
            (Self.result + "\n1,30,1.00,failed,", 4), (Self.result + "\n1,10,500.00,paid,", 4),
        ] {
            let error = #expect(throws: CashingRefusal.self) { try BankResult.parse(text) }
            guard case .resultRefused(let at, _)? = error else { Issue.record("\(text): \(String(describing: error))"); continue }
            #expect(at == row, "\(text)")
        }
    }

    @Test("the ledger: approved = paid + held + payable + withdrawn, and the first difference is named")
    func ledger() {
        func entry(_ cashing: CashingLine, paid: Int64 = 0, offset: Int64 = 0, recovered: Int64 = 0, failed: Bool = false) -> PaymentLedger.Line {
            .init(cashing: cashing, paid: Money(fen: paid), offset: Money(fen: offset), lastTransferFailed: failed, recovered: Money(fen: recovered), paidYear: nil)
        }
        let lines = [
            entry(line(1, fen: 40_000, paid: true), paid: 40_000, offset: 10_000),
            entry(line(2, fen: 7_400), failed: true),
            entry(line(3, fen: 1_500, objection: true)),
            entry(line(4, fen: 30_000, upheld: true)),
            entry(line(5, fen: -25_000), recovered: 10_000),
            entry(line(6, fen: 2_000, inBatch: true)),
        ]
        let ledger = PaymentLedger.tally(lines, drafts: [1: Money(fen: 600)])
        let tenant = ledger.entries[0]
        #expect(tenant.approved == Money(fen: 80_900) && tenant.computed == Money(fen: 81_500))
        #expect(tenant.paid == Money(fen: 40_000) && tenant.offset == Money(fen: 10_000))
        // A payable line in a batch awaiting the bank is payable still, and counted in a batch too.
        #expect(tenant.payable == Money(fen: 9_400) && tenant.inBatch == Money(fen: 2_000) && tenant.held == Money(fen: 1_500) && tenant.withdrawn == Money(fen: 30_000))
        #expect(tenant.owed == Money(fen: 15_000) && tenant.outstanding == Money(fen: 10_900))
        // A line the bank failed is counted once, at its amount, until a batch takes it again.
        #expect(tenant.failed == Money(fen: 7_400))
        #expect(tenant.balances)
        #expect(PaymentLedger.firstDifference(lines: lines, batches: [.init(id: 1, total: Money(fen: 30_000), itemsTotal: Money(fen: 30_000))]) == nil)
        var tampered = lines
        tampered[0].paid = Money(fen: 40_001)
        #expect(PaymentLedger.firstDifference(lines: tampered, batches: []) == "line 1 of tenant 1: approved 400.00, recorded as paid 400.01")
        #expect(PaymentLedger.firstDifference(lines: lines, batches: [.init(id: 2, total: Money(fen: 1), itemsTotal: Money(fen: 2))])
                == "batch 2: total 0.01, its items sum to 0.02")
    }

    @Test("verify names a line paid that its notice never released, and a receivable recovered twice or before its release")
    func unreleasedOrRecoveredTwice() {
        func entry(_ cashing: CashingLine, paid: Int64 = 0, recovered: Int64 = 0) -> PaymentLedger.Line {
            .init(cashing: cashing, paid: Money(fen: paid), offset: .zero, lastTransferFailed: false, recovered: Money(fen: recovered), paidYear: nil)
        }
        func difference(_ line: PaymentLedger.Line) -> String? { PaymentLedger.firstDifference(lines: [line], batches: []) }
        #expect(difference(entry(line(1, fen: 2_000, upheld: true, paid: true), paid: 2_000))
            == "line 1 of tenant 1: recorded as paid, but an upheld objection withdrew it")
        #expect(difference(entry(line(1, fen: 2_000, notice: .running, paid: true), paid: 2_000))
            == "line 1 of tenant 1: recorded as paid, but it is held (its notice is not closed)")
        #expect(difference(entry(line(1, fen: 2_000, objection: true, paid: true), paid: 2_000))
            == "line 1 of tenant 1: recorded as paid, but it is held (an objection to it is open)")
        #expect(difference(entry(line(5, fen: -40_000), recovered: 80_000)) == "line 5 of tenant 1: owed back 400.00, offsets recovered 800.00")
        #expect(difference(entry(line(5, fen: -40_000, upheld: true), recovered: 100))
            == "line 5 of tenant 1: offsets recovered 1.00 of an amount its notice has not released")
        #expect(difference(entry(line(5, fen: -40_000), recovered: 40_000)) == nil, "recovered whole, once")
        #expect(difference(entry(line(1, fen: 2_000, paid: true), paid: 2_000)) == nil)
    }

    @Test("a batch names each run once, and at most 1,000 of them")
    func runsAsked() throws {
        #expect(try PaymentBatchPlan.runsAsked([3, 1, 3, 1]) == [1, 3])
        #expect(try PaymentBatchPlan.runsAsked(Array(repeating: 7, count: 100_000)) == [7])
        #expect(throws: DomainError.invalid("runs", "1001 runs; a batch names at most 1000, or none for every approved run")) {
            try PaymentBatchPlan.runsAsked(Array(1...1001))
        }
    }
}
