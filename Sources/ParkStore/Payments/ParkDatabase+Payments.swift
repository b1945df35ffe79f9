import Foundation
import GRDB
import ParkCore
import ParkPolicy

/// A payment batch as recorded.
public struct StoredPaymentBatch: Sendable, Equatable {
    public var id: Int64
    public var status: PaymentBatchStatus
    public var runs: [Int64]
    public var createdOn: String
    public var total: Money
    public var items: Int
    /// Items whose bank result is not in yet.
    public var pending: Int
    public var paid: Int
    public var failed: Int
    public var createdAt: String
    public var createdBy: String
    public var createdByUid: Int64
    public var approvedAt: String?
    public var approvedBy: String?
    public var approvedByUid: Int64?

    /// The batch as the steps after its making decide on it.
    var paymentBatch: PaymentBatch {
        PaymentBatch(id: id, status: status, createdByUid: createdByUid, approvedByUid: approvedByUid)
    }
}

/// One line of a batch.
public struct StoredPaymentItem: Sendable, Equatable {
    public var batch: Int64
    public var line: Int64
    public var run: Int64
    public var tenant: Int64
    public var rule: String
    public var period: String
    public var accountName: String
    public var bank: String
    public var accountNumber: String
    /// The line's amount.
    public var gross: Money
    /// Offset against what the tenant owed.
    public var offset: Money
    /// What the bank transfers.
    public var amount: Money
    public var purpose: String
    public var status: String
    public var reason: String?
    public var resultOn: String?
}

/// A new batch and the tenants left out of it.
public struct CreatedPaymentBatch: Sendable {
    public var batch: StoredPaymentBatch
    public var skipped: [PaymentBatchPlan.Skipped]
}

/// What importing a bank result recorded.
public struct ImportedBankResult: Sendable, Equatable {
    public var batch: Int64
    public var paid: Int
    public var failed: Int
    /// Rows that repeat a result already recorded.
    public var unchanged: Int
}

extension ParkDatabase {
    /// Makes a batch of every batchable line of `runs` (all approved runs when empty), paid into
    /// the accounts in force on `today`, less the receivables it offsets.
    public func createPaymentBatch(
        runs: [Int64], today: CivilDate, confirmationRequired: Bool, context: ChangeContext
    ) async throws -> CreatedPaymentBatch {
        let runs = try PaymentBatchPlan.runsAsked(runs)
        return try await writeBatch(context) { db in
            // A line a batch deleted behind parkd's back paid would be payable again: no batch is
            // made until every batch is as the trail recorded it.
            if let difference = try ParkDatabase.firstBatchDifference(db) { throw CashingRefusal.notAsRecorded(difference: difference) }
            let stored = Dictionary(uniqueKeysWithValues: try ParkDatabase.loadRuns(db, RewardRunRecord.filter(keys: runs)).map { ($0.id, $0) })
            for run in runs.sorted() {
                guard let stored = stored[run] else { throw StoreError.noSuchRun(run) }
                guard stored.status == .approved else { throw CashingRefusal.runNotApproved(run: run, status: stored.status.rawValue) }
            }
            let all = try ParkDatabase.ledgerLines(db, tenant: nil, runs: nil)
            let chosen = all.filter { runs.isEmpty || runs.contains($0.cashing.run) }
            let payable = chosen.filter { $0.cashing.isBatchable(confirmationRequired: confirmationRequired) }.map {
                PaymentBatchPlan.Payable(line: $0.cashing.id, run: $0.cashing.run, tenant: $0.cashing.tenant, amount: $0.cashing.amount)
            }
            // Lines a batch not yet settled holds: the reason a tenant's lines are not in this one.
            let inOpenBatch = chosen.filter(\.cashing.inOpenBatch).count
            let held = inOpenBatch == 0 ? "" : "; \(inOpenBatch) line\(inOpenBatch == 1 ? " is" : "s are") in a batch not yet settled (parkctl payment batch list)"
            guard !payable.isEmpty else {
                let unconfirmed = chosen.filter { !$0.cashing.isReceivable && $0.cashing.state == .payable && !$0.cashing.inOpenBatch && !$0.cashing.confirmed }.count
                throw CashingRefusal.nothingToPay(reason: (confirmationRequired && unconfirmed > 0
                    ? "\(unconfirmed) payable line\(unconfirmed == 1 ? " awaits its tenant's" : "s await their tenants'") confirmation (parkctl reward confirm)"
                    : "no line is payable and unpaid (a run's lines become payable when its notice is closed)") + held)
            }
            let receivables = all.compactMap { line in
                line.stillOwed.map { PaymentBatchPlan.Receivable(line: line.cashing.id, run: line.cashing.run, tenant: line.cashing.tenant, owed: $0) }
            }
            let accounts = try ParkDatabase.bankAccounts(db, tenant: nil)
            let plan = PaymentBatchPlan.plan(
                payable: payable, receivables: receivables,
                accounts: Dictionary(grouping: accounts, by: \.tenant).mapValues { $0.map(\.account) },
                registeredNames: Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT id, name FROM tenant").map { ($0["id"] as Int64, $0["name"] as String) }),
                on: today)
            guard !plan.items.isEmpty else {
                throw CashingRefusal.nothingToPay(reason: plan.skipped.map { "tenant \($0.tenant): \($0.reason)" }.joined(separator: "; ") + held)
            }
            var batch = PaymentBatchRecord(
                id: nil, status: PaymentBatchStatus.created.rawValue, runs: runs.sorted().map(String.init).joined(separator: ","),
                createdOn: today.description, totalFen: plan.total.fen, itemCount: plan.items.count, createdAt: context.at,
                createdBy: context.recordedBy, createdByUid: context.call?.uid ?? 0, approvedAt: nil, approvedBy: nil, approvedByUid: nil)
            try batch.insert(db)
            let details = try ParkDatabase.lineDetails(db, lines: plan.items.map(\.payable.line))
            for item in plan.items {
                let detail = details[item.payable.line]
                let accountId = accounts.filter { $0.tenant == item.payable.tenant && $0.account == item.account }.map(\.id).last ?? 0
                var record = PaymentItemRecord(
                    id: nil, paymentBatchId: batch.id!, rewardLineId: item.payable.line, tenantId: item.payable.tenant,
                    bankAccountId: accountId, accountName: item.account.accountName, bank: item.account.bank,
                    accountNumber: item.account.number.digits, grossFen: item.payable.amount.fen, amountFen: item.net.fen,
                    purpose: "\(detail?.policy ?? "") \(detail?.rule ?? "") \(detail?.period ?? "") reward (run \(item.payable.run) line \(item.payable.line))",
                    status: "pending", reason: nil, resultOn: nil, resultAt: nil, resultBy: nil)
                try record.insert(db)
                for offset in item.offsets {
                    var offsetRecord = PaymentOffsetRecord(
                        id: nil, paymentItemId: record.id!, receivableLineId: offset.receivable, amountFen: offset.amount.fen)
                    try offsetRecord.insert(db)
                }
            }
            return (CreatedPaymentBatch(batch: try ParkDatabase.batches(db, id: batch.id!)[0], skipped: plan.skipped), batch.id!)
        }
    }

    /// Approves a batch as `PaymentBatch.approve(by:)` decides (four eyes, by uid). Items the
    /// offsets cover whole transfer nothing: they are settled on approval.
    public func approvePaymentBatch(_ id: Int64, uid: Int64, today: CivilDate, context: ChangeContext) async throws -> StoredPaymentBatch {
        try await writeBatch(context, checking: id) { db in
            guard let batch = try ParkDatabase.batches(db, id: id).first else { throw CashingRefusal.noSuchBatch(batch: id) }
            let approved = try batch.paymentBatch.approve(by: uid)
            try db.execute(
                sql: "UPDATE paymentBatch SET status = ?, approvedAt = ?, approvedBy = ?, approvedByUid = ? WHERE id = ?",
                arguments: [approved.status.rawValue, context.at, context.recordedBy, approved.approvedByUid, id])
            try db.execute(
                sql: """
                    UPDATE paymentItem SET status = 'paid', reason = 'offset whole against what the tenant owed', resultOn = ?,
                      resultAt = ?, resultBy = ? WHERE paymentBatchId = ? AND amountFen = 0 AND status = 'pending'
                    """,
                arguments: [today.description, context.at, context.recordedBy, id])
            return (try ParkDatabase.batches(db, id: id)[0], id)
        }
    }

    /// Cancels a batch not yet approved: its lines (and the offsets it took) are released for
    /// the next batch. An approved batch went to the bank: its results are imported instead.
    public func cancelPaymentBatch(_ id: Int64, context: ChangeContext) async throws -> StoredPaymentBatch {
        try await writeBatch(context, checking: id) { db in
            guard let batch = try ParkDatabase.batches(db, id: id).first else { throw CashingRefusal.noSuchBatch(batch: id) }
            let cancelled = try batch.paymentBatch.cancel()
            // Kept for the record before the items leave: what the batch held, as it held it.
            try db.execute(sql: """
                INSERT INTO cancelledPaymentItem (paymentBatchId, rewardLineId, tenantId, bankAccountId, accountName, bank, accountNumber,
                  grossFen, offsetFen, amountFen, purpose)
                SELECT paymentBatchId, rewardLineId, tenantId, bankAccountId, accountName, bank, accountNumber, grossFen,
                  (SELECT COALESCE(SUM(amountFen), 0) FROM paymentOffset WHERE paymentItemId = paymentItem.id), amountFen, purpose
                FROM paymentItem WHERE paymentBatchId = ? ORDER BY id
                """, arguments: [id])
            try db.execute(
                sql: "DELETE FROM paymentOffset WHERE paymentItemId IN (SELECT id FROM paymentItem WHERE paymentBatchId = ?)", arguments: [id])
            try db.execute(sql: "DELETE FROM paymentItem WHERE paymentBatchId = ?", arguments: [id])
            try db.execute(sql: "UPDATE paymentBatch SET status = ? WHERE id = ?", arguments: [cancelled.status.rawValue, id])
            return (try ParkDatabase.batches(db, id: id)[0], id)
        }
    }

    public func paymentBatches() async throws -> [StoredPaymentBatch] {
        try await read { db in try ParkDatabase.batches(db, id: nil) }
    }

    public func paymentBatch(_ id: Int64) async throws -> (batch: StoredPaymentBatch, items: [StoredPaymentItem]) {
        try await read { db in
            guard let batch = try ParkDatabase.batches(db, id: id).first else { throw CashingRefusal.noSuchBatch(batch: id) }
            return (batch, try batch.status == .cancelled ? ParkDatabase.cancelledItems(db, batch: id) : ParkDatabase.items(db, batch: id))
        }
    }

    /// An approved batch with the items its bank file holds: those that transfer something.
    public func paymentBatchBankFile(_ id: Int64) async throws -> (batch: StoredPaymentBatch, items: [StoredPaymentItem]) {
        try await read { db in
            guard let batch = try ParkDatabase.batches(db, id: id).first else { throw CashingRefusal.noSuchBatch(batch: id) }
            return (batch, try batch.paymentBatch.bankFile(try ParkDatabase.items(db, batch: id), transfer: \.amount))
        }
    }

    /// Records a bank's result, checked whole first; a row repeating a recorded result changes
    /// nothing.
    public func importBankResult(_ result: BankResult, today: CivilDate, context: ChangeContext) async throws -> ImportedBankResult {
        try await writeBatch(context, checking: result.batch) { db in
            guard let batch = try ParkDatabase.batches(db, id: result.batch).first else { throw CashingRefusal.noSuchBatch(batch: result.batch) }
            try batch.paymentBatch.checkAtTheBank()
            let items = try ParkDatabase.items(db, batch: batch.id)
            let known = Set(try Int64.fetchAll(
                db, sql: "SELECT id FROM rewardLine WHERE id IN (\(result.rows.map { String($0.line) }.joined(separator: ",")))"))
            let changes = try result.changes(
                recorded: items.map { BankResult.Recorded(line: $0.line, amount: $0.amount, outcome: BankResult.Outcome(rawValue: $0.status), reason: $0.reason) },
                knownLines: known)
            for change in changes {
                try db.execute(
                    sql: """
                        UPDATE paymentItem SET status = ?, reason = ?, resultOn = ?, resultAt = ?, resultBy = ?
                        WHERE paymentBatchId = ? AND rewardLineId = ? AND status = 'pending'
                        """,
                    arguments: [change.outcome.rawValue, change.reason, today.description, context.at, context.recordedBy, batch.id, change.line])
            }
            return (ImportedBankResult(
                batch: batch.id, paid: changes.filter { $0.outcome == .paid }.count, failed: changes.filter { $0.outcome == .failed }.count,
                unchanged: result.rows.count - changes.count), batch.id)
        }
    }

    /// A change to one batch, recorded in the audit trail with the state it leaves the batch
    /// in (`RecordedBatch`): `change` returns its value and the batch it changed. A change to
    /// batch `checking` is refused unless the batch is as the trail last recorded it: one
    /// changed in the database file since is not recorded as this call's doing.
    private func writeBatch<T: Sendable>(
        _ context: ChangeContext, checking existing: Int64? = nil, _ change: @escaping @Sendable (Database) throws -> (T, batch: Int64)
    ) async throws -> T {
        try await write(context, recording: { $0.recorded.outcome }) { db in
            if let existing, try PaymentBatchRecord.exists(db, key: existing), let recorded = try ParkDatabase.latestRecordedBatch(db, existing),
               let difference = try ParkDatabase.recordedBatch(db, id: existing).difference(from: recorded) {
                throw CashingRefusal.notAsRecorded(difference: "batch \(existing): \(difference)")
            }
            let (value, batch) = try change(db)
            return BatchChange(value: value, recorded: try ParkDatabase.recordedBatch(db, id: batch))
        }.value
    }

    private struct BatchChange<Value: Sendable>: Sendable {
        var value: Value
        var recorded: RecordedBatch
    }

    /// The method that makes a batch: the trail's count of batches made is its calls'.
    private static let createBatchMethod = "io.parkd.Payment.CreateBatch"
    /// Methods whose calls record the state they leave a batch in.
    private static let batchMethods = [createBatchMethod] + ["ApproveBatch", "CancelBatch", "ImportResult"].map { "io.parkd.Payment." + $0 }

    /// The first batch that is not as the audit trail's calls recorded it, in words
    /// (`RecordedBatch.firstDifference`); nil when every batch is: for `payment verify`.
    public func batchDifference() async throws -> String? {
        try await readInBackground { db in try ParkDatabase.firstBatchDifference(db) }
    }

    static func firstBatchDifference(_ db: Database) throws -> String? {
        let current = try Int64.fetchAll(db, sql: "SELECT id FROM paymentBatch ORDER BY id").map { try recordedBatch(db, id: $0) }
        let succeeded = AuditEntryRecord.Columns.outcome == "ok" || AuditEntryRecord.Columns.outcome.like("ok:%")
        let entries = try AuditEntryRecord
            .filter(batchMethods.contains(AuditEntryRecord.Columns.method) && succeeded)
            .order(AuditEntryRecord.Columns.id)
            .fetchAll(db)
        return RecordedBatch.firstDifference(
            current: current, recorded: entries.compactMap { RecordedBatch(outcome: $0.outcome) },
            made: entries.filter { $0.method == createBatchMethod }.count)
    }

    /// What the audit trail's latest call on batch `id` recorded of it; nil when none did (a
    /// batch an earlier parkd made).
    static func latestRecordedBatch(_ db: Database, _ id: Int64) throws -> RecordedBatch? {
        try AuditEntryRecord
            .filter(batchMethods.contains(AuditEntryRecord.Columns.method) && AuditEntryRecord.Columns.outcome.like("ok: batch \(id) %"))
            .order(AuditEntryRecord.Columns.id.desc)
            .fetchAll(db)
            .lazy.compactMap { RecordedBatch(outcome: $0.outcome) }.first { $0.batch == id }
    }

    /// A batch as the audit trail records it: its status, total and items (a cancelled batch's,
    /// as it held them).
    static func recordedBatch(_ db: Database, id: Int64) throws -> RecordedBatch {
        guard let batch = try batches(db, id: id).first else { throw CashingRefusal.noSuchBatch(batch: id) }
        let items = try batch.status == .cancelled ? cancelledItems(db, batch: id) : self.items(db, batch: id)
        return RecordedBatch(batch: id, status: batch.status.rawValue, total: batch.total, items: items.map {
            RecordedBatch.Item(
                line: $0.line, tenant: $0.tenant, accountName: $0.accountName, bank: $0.bank, accountNumber: $0.accountNumber,
                gross: $0.gross, offset: $0.offset, amount: $0.amount, status: $0.status, reason: $0.reason)
        })
    }

    /// Every approved line with what was recorded about its payment, of one tenant or all;
    /// with `year`, of the runs of that year's periods. Also the tenants' amounts in drafts.
    public func paymentLedger(tenant reference: TenantReference?, year: Int?) async throws -> (lines: [PaymentLedger.Line], drafts: [Int64: Money], names: [Int64: String]) {
        try await readInBackground { db in
            let tenant = try reference.map { try ParkDatabase.loadTenant(db, $0).id }
            var lines = try ParkDatabase.ledgerLines(db, tenant: tenant, runs: nil)
            var draftSQL = """
                SELECT rewardLine.tenantId AS tenant, SUM(rewardLine.amountFen) AS fen FROM rewardLine
                JOIN rewardRun ON rewardRun.id = rewardLine.rewardRunId AND rewardRun.status = 'draft'
                WHERE rewardLine.amountFen > 0
                """
            var arguments: StatementArguments = []
            if let tenant {
                draftSQL += " AND rewardLine.tenantId = ?"
                arguments += [tenant]
            }
            if let year {
                let periods = try Row.fetchAll(db, sql: "SELECT id, period FROM rewardRun")
                let inYear = Set(periods.filter { ($0["period"] as String).hasPrefix(String(year)) }.map { $0["id"] as Int64 })
                lines = lines.filter { inYear.contains($0.cashing.run) }
                draftSQL += " AND substr(rewardRun.period, 1, 4) = ?"
                arguments += [String(year)]
            }
            var drafts: [Int64: Money] = [:]
            for row in try Row.fetchAll(db, sql: draftSQL + " GROUP BY rewardLine.tenantId", arguments: arguments) {
                drafts[row["tenant"]] = Money(fen: row["fen"])
            }
            var names: [Int64: String] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT id, name FROM tenant") { names[row["id"]] = row["name"] }
            return (lines, drafts, names)
        }
    }

    /// Every batch's recorded total and the sum of its items' transfers, for reconciliation: a
    /// cancelled batch's, of the items it held when cancelled (one an earlier parkd cancelled
    /// kept none, and is left out).
    public func paymentBatchTotals() async throws -> [PaymentLedger.Batch] {
        try await readInBackground { db in
            try Row.fetchAll(db, sql: """
                SELECT paymentBatch.id, paymentBatch.totalFen,
                  CASE paymentBatch.status
                    WHEN 'cancelled' THEN (SELECT COALESCE(SUM(amountFen), 0) FROM cancelledPaymentItem WHERE paymentBatchId = paymentBatch.id)
                    ELSE (SELECT COALESCE(SUM(amountFen), 0) FROM paymentItem WHERE paymentBatchId = paymentBatch.id)
                  END AS itemsFen
                FROM paymentBatch
                WHERE paymentBatch.status <> 'cancelled' OR EXISTS (SELECT 1 FROM cancelledPaymentItem WHERE paymentBatchId = paymentBatch.id)
                ORDER BY paymentBatch.id
                """).map { PaymentLedger.Batch(id: $0["id"], total: Money(fen: $0["totalFen"]), itemsTotal: Money(fen: $0["itemsFen"])) }
        }
    }

    /// What was paid per year, tenant and rule, net of what was recovered: a paid line counts
    /// its amount (the transfer plus the offsets), and an amount owed back (a receivable) counts,
    /// under its own rule and negative, what was offset against it, in the year of the payment
    /// that offset it. A rule whose year nets to zero is left out: nothing was paid under it.
    /// Published: `year`'s, added up.
    public func paymentPublication(year: Int) async throws -> PaymentPublication {
        try await readInBackground { db in try PaymentPublication(try ParkDatabase.paidAmounts(db, year: year), "what was paid in \(year)") }
    }

    /// What was paid per year, tenant and rule (as `paymentPublication` tells); with `year`,
    /// that year's. A tenant is named, in all its rows of a year, as its latest payment of that
    /// year named it (the name on the line it paid), not as it is named today.
    static func paidAmounts(_ db: Database, year: Int?) throws -> [PaidAmount] {
            let request: SQLRequest<Row> = """
                SELECT flow.year, flow.tenant, flow.rule, COUNT(DISTINCT flow.line) AS lines, SUM(flow.fen) AS fen,
                  (SELECT named.tenantName FROM paymentItem AS latest JOIN rewardLine AS named ON named.id = latest.rewardLineId
                   WHERE latest.status = 'paid' AND named.tenantId = flow.tenant AND CAST(substr(latest.resultOn, 1, 4) AS INTEGER) = flow.year
                   ORDER BY latest.id DESC LIMIT 1) AS tenantName
                FROM (
                  SELECT CAST(substr(i.resultOn, 1, 4) AS INTEGER) AS year, l.tenantId AS tenant, l.rule AS rule, l.id AS line,
                    i.amountFen + (SELECT COALESCE(SUM(f.amountFen), 0) FROM paymentOffset f WHERE f.paymentItemId = i.id) AS fen
                  FROM paymentItem i JOIN rewardLine l ON l.id = i.rewardLineId WHERE i.status = 'paid'
                  UNION ALL
                  SELECT CAST(substr(i.resultOn, 1, 4) AS INTEGER), owed.tenantId, owed.rule, owed.id, -f.amountFen
                  FROM paymentOffset f JOIN paymentItem i ON i.id = f.paymentItemId JOIN rewardLine owed ON owed.id = f.receivableLineId
                  WHERE i.status = 'paid'
                ) AS flow
                \(SQL.whereClause([year.map { "flow.year = \($0)" }]))
                GROUP BY flow.year, flow.tenant, flow.rule HAVING SUM(flow.fen) <> 0 ORDER BY flow.year, flow.tenant, flow.rule
                """
            return try request.fetchAll(db).map {
                PaidAmount(year: $0["year"], tenant: $0["tenant"], tenantName: $0["tenantName"], rule: $0["rule"], lines: $0["lines"], amount: Money(fen: $0["fen"]))
            }
    }

    // MARK: Reading lines and batches

    /// Every line of an approved run with what was recorded about it (one statement).
    static func ledgerLines(_ db: Database, tenant: Int64?, runs: [Int64]?) throws -> [PaymentLedger.Line] {
        let request: SQLRequest<Row> = """
            SELECT l.id, l.rewardRunId AS run, l.tenantId AS tenant, l.amountFen,
              n.id AS noticeId, n.closedAt AS noticeClosedAt,
              EXISTS (SELECT 1 FROM noticeObjection o WHERE o.rewardLineId = l.id AND o.resolution IS NULL) AS openObjection,
              EXISTS (SELECT 1 FROM noticeObjection o WHERE o.rewardLineId = l.id AND o.resolution = 'upheld') AS upheld,
              EXISTS (SELECT 1 FROM rewardConfirmation c WHERE c.rewardLineId = l.id) AS confirmed,
              EXISTS (SELECT 1 FROM paymentItem i WHERE i.rewardLineId = l.id AND i.status = 'pending') AS inOpenBatch,
              (SELECT SUM(i.amountFen + (SELECT COALESCE(SUM(f.amountFen), 0) FROM paymentOffset f WHERE f.paymentItemId = i.id))
                 FROM paymentItem i WHERE i.rewardLineId = l.id AND i.status = 'paid') AS paidFen,
              (SELECT COALESCE(SUM(f.amountFen), 0) FROM paymentItem i JOIN paymentOffset f ON f.paymentItemId = i.id
                 WHERE i.rewardLineId = l.id AND i.status = 'paid') AS offsetFen,
              (SELECT MIN(i.resultOn) FROM paymentItem i WHERE i.rewardLineId = l.id AND i.status = 'paid') AS paidOn,
              COALESCE((SELECT i.status = 'failed' FROM paymentItem i WHERE i.rewardLineId = l.id ORDER BY i.id DESC LIMIT 1), 0)
                AS lastTransferFailed,
              (SELECT COALESCE(SUM(f.amountFen), 0) FROM paymentOffset f JOIN paymentItem i ON i.id = f.paymentItemId
                 WHERE f.receivableLineId = l.id AND i.status IN ('pending', 'paid')) AS recoveredFen
            FROM rewardLine l JOIN rewardRun r ON r.id = l.rewardRunId AND r.status = 'approved'
            LEFT JOIN rewardNotice n ON n.rewardRunId = l.rewardRunId
            \(SQL.whereClause([tenant.map { "l.tenantId = \($0)" }, runs.map { "l.rewardRunId IN \($0)" }]))
            ORDER BY l.tenantId, l.id
            """
        return try request.fetchAll(db).map { row in
            let noticeId: Int64? = row["noticeId"]
            let closedAt: String? = row["noticeClosedAt"]
            let paidFen: Int64? = row["paidFen"]
            let paidOn: String? = row["paidOn"]
            let cashing = CashingLine(
                id: row["id"], run: row["run"], tenant: row["tenant"], amount: Money(fen: row["amountFen"]),
                notice: noticeId == nil ? .none : closedAt == nil ? .running : .closed, openObjection: row["openObjection"],
                upheld: row["upheld"], confirmed: row["confirmed"], inOpenBatch: row["inOpenBatch"], paid: paidFen != nil)
            return PaymentLedger.Line(
                cashing: cashing, paid: Money(fen: paidFen ?? 0), offset: Money(fen: row["offsetFen"]), lastTransferFailed: row["lastTransferFailed"],
                recovered: Money(fen: row["recoveredFen"]), paidYear: paidOn.flatMap { Int($0.prefix(4)) })
        }
    }

    struct LineDetail {
        var tenantName: String
        var rule: String
        var ruleTitle: String
        var policy: String
        var period: String
    }

    /// Names, rule titles and policies of lines, read from their explanations.
    static func lineDetails(_ db: Database, lines: [Int64]) throws -> [Int64: LineDetail] {
        guard !lines.isEmpty else { return [:] }
        var details: [Int64: LineDetail] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT id, tenantName, rule, period, compactExplanation, COALESCE(json_extract(explanation, '$.title'), rule) AS title,
              COALESCE(json_extract(explanation, '$.policy'), '') AS policy
            FROM rewardLine WHERE id IN (\(lines.map(String.init).joined(separator: ",")))
            """) {
            let id: Int64 = row["id"]
            // Lines stored before compact explanations have theirs as JSON, read above.
            let compact = try (row["compactExplanation"] as Data?).map { try RewardLineRecord.read($0, line: id) }
            details[id] = LineDetail(
                tenantName: row["tenantName"], rule: row["rule"], ruleTitle: compact?.title ?? row["title"], policy: compact?.policy ?? row["policy"],
                period: row["period"])
        }
        return details
    }

    /// The lines of `runs` as a notice, a confirmation or the ledger shows them.
    static func lineRows(_ db: Database, runs: [Int64]) throws -> [CashingLineRow] {
        let lines = try ledgerLines(db, tenant: nil, runs: runs)
        let details = try lineDetails(db, lines: lines.map(\.cashing.id))
        return lines.sorted { ($0.cashing.run, $0.cashing.id) < ($1.cashing.run, $1.cashing.id) }.map { line in
            let detail = details[line.cashing.id]
            return CashingLineRow(
                line: line.cashing.id, run: line.cashing.run, tenant: line.cashing.tenant, tenantName: detail?.tenantName ?? "",
                rule: detail?.rule ?? "", ruleTitle: detail?.ruleTitle ?? "", policy: detail?.policy ?? "", period: detail?.period ?? "",
                amount: line.cashing.amount, state: line.cashing.state, confirmed: line.cashing.confirmed, inOpenBatch: line.cashing.inOpenBatch)
        }
    }

    static func batches(_ db: Database, id: Int64?) throws -> [StoredPaymentBatch] {
        let request: SQLRequest<Row> = """
            SELECT paymentBatch.*,
              (SELECT COUNT(*) FROM paymentItem WHERE paymentBatchId = paymentBatch.id AND status = 'pending') AS pending,
              (SELECT COUNT(*) FROM paymentItem WHERE paymentBatchId = paymentBatch.id AND status = 'paid') AS paid,
              (SELECT COUNT(*) FROM paymentItem WHERE paymentBatchId = paymentBatch.id AND status = 'failed') AS failed
            FROM paymentBatch
            \(SQL.whereClause([id.map { "paymentBatch.id = \($0)" }]))
            ORDER BY paymentBatch.id
            """
        return try request.fetchAll(db).map { row in
            let record = try PaymentBatchRecord(row: row)
            guard let status = PaymentBatchStatus(rawValue: record.status) else {
                throw StoreError.unreadable("paymentBatch \(record.id ?? 0)", "a status")
            }
            return StoredPaymentBatch(
                id: record.id ?? 0, status: status, runs: record.runs.split(separator: ",").compactMap { Int64($0) },
                createdOn: record.createdOn, total: Money(fen: record.totalFen), items: record.itemCount, pending: row["pending"],
                paid: row["paid"], failed: row["failed"], createdAt: record.createdAt, createdBy: record.createdBy,
                createdByUid: record.createdByUid, approvedAt: record.approvedAt, approvedBy: record.approvedBy,
                approvedByUid: record.approvedByUid)
        }
    }

    /// What a cancelled batch held when it was cancelled, each item `cancelled`.
    static func cancelledItems(_ db: Database, batch: Int64) throws -> [StoredPaymentItem] {
        try Row.fetchAll(db, sql: """
            SELECT cancelledPaymentItem.*, rewardLine.rewardRunId AS run, rewardLine.rule AS rule, rewardLine.period AS period
            FROM cancelledPaymentItem JOIN rewardLine ON rewardLine.id = cancelledPaymentItem.rewardLineId
            WHERE cancelledPaymentItem.paymentBatchId = ? ORDER BY cancelledPaymentItem.id
            """, arguments: [batch]).map { row in
            let record = try CancelledPaymentItemRecord(row: row)
            return storedItem(record, row: row, offsetFen: record.offsetFen, status: PaymentBatchStatus.cancelled.rawValue)
        }
    }

    static func items(_ db: Database, batch: Int64) throws -> [StoredPaymentItem] {
        try Row.fetchAll(db, sql: """
            SELECT paymentItem.*, rewardLine.rewardRunId AS run, rewardLine.rule AS rule, rewardLine.period AS period,
              (SELECT COALESCE(SUM(amountFen), 0) FROM paymentOffset WHERE paymentItemId = paymentItem.id) AS offsetFen
            FROM paymentItem JOIN rewardLine ON rewardLine.id = paymentItem.rewardLineId
            WHERE paymentItem.paymentBatchId = ? ORDER BY paymentItem.id
            """, arguments: [batch]).map { row in
            let record = try PaymentItemRecord(row: row)
            return storedItem(record, row: row, offsetFen: row["offsetFen"], status: record.status, reason: record.reason, resultOn: record.resultOn)
        }
    }

    /// An item as listed: what its record holds, and its line's run, rule and period from `row`.
    private static func storedItem(
        _ item: some PaymentItemColumns, row: Row, offsetFen: Int64, status: String, reason: String? = nil, resultOn: String? = nil
    ) -> StoredPaymentItem {
        StoredPaymentItem(
            batch: item.paymentBatchId, line: item.rewardLineId, run: row["run"], tenant: item.tenantId, rule: row["rule"],
            period: row["period"], accountName: item.accountName, bank: item.bank, accountNumber: item.accountNumber,
            gross: Money(fen: item.grossFen), offset: Money(fen: offsetFen), amount: Money(fen: item.amountFen),
            purpose: item.purpose, status: status, reason: reason, resultOn: resultOn)
    }
}
