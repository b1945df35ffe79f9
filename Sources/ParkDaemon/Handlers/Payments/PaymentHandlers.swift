import ParkControl
import ParkCore
import ParkStore

/// `io.parkd.Payment`.
enum PaymentHandlers {
    static func register(in table: inout MethodTable, database: ParkDatabase, state: DaemonState) {
        table.add(PaymentAPI.interface)

        table.register(PaymentAPI.confirm) { request, call in
            let by = try FieldText.text(request.confirmedBy, field: "confirmedBy", maxLength: 500)
            let lines = try await database.confirmLines(
                run: request.run, tenant: TenantReference(request.tenant), confirmedBy: by, channel: "staff", context: call.change())
            return PaymentAPI.ConfirmReply(lines: lines.map(\.line))
        }

        table.register(PaymentAPI.createBatch, runs: .offEventLoop) { request, call in
            let created = try await database.createPaymentBatch(
                runs: request.runs ?? [], today: call.state.today(), confirmationRequired: call.state.config.confirmationRequired,
                context: call.change())
            return PaymentAPI.CreateBatchReply(
                batch: wire(created.batch),
                skipped: created.skipped.map { PaymentAPI.Skipped(tenant: $0.tenant, lines: $0.lines, reason: $0.reason) })
        }

        table.register(PaymentAPI.listBatches) { _, _ in
            PaymentAPI.ListBatchesReply(batches: try await database.paymentBatches().map(wire))
        }

        table.register(PaymentAPI.getBatch) { request, _ in
            let (batch, items) = try await database.paymentBatch(request.batch)
            return PaymentAPI.GetBatchReply(batch: wire(batch), items: items.map(wire))
        }

        table.register(PaymentAPI.approveBatch) { request, call in
            PaymentAPI.ApproveBatchReply(batch: wire(try await database.approvePaymentBatch(
                request.batch, uid: Int64(call.caller.uid), today: call.state.today(), context: call.change())))
        }

        table.register(PaymentAPI.cancelBatch) { request, call in
            PaymentAPI.ApproveBatchReply(batch: wire(try await database.cancelPaymentBatch(request.batch, context: call.change())))
        }

        table.register(PaymentAPI.exportBatch) { request, _ in
            let (batch, items) = try await database.paymentBatchBankFile(request.batch)
            return PaymentAPI.GetBatchReply(batch: wire(batch), items: items.map(wire))
        }

        table.register(PaymentAPI.importResult, runs: .offEventLoop) { request, call in
            let result = try BankResult.parse(request.text)
            let imported = try await database.importBankResult(result, today: call.state.today(), context: call.change())
            return PaymentAPI.ImportResultReply(batch: imported.batch, paid: imported.paid, failed: imported.failed, unchanged: imported.unchanged)
        }

        table.register(PaymentAPI.ledger, runs: .offEventLoop) { request, _ in
            if let year = request.year { try DomainError.checkYear(year) }
            let (lines, drafts, names) = try await database.paymentLedger(tenant: request.tenant.map(TenantReference.init), year: request.year)
            let ledger = PaymentLedger.tally(lines, drafts: drafts)
            return PaymentAPI.LedgerReply(
                entries: ledger.entries.map { wire($0, name: names[$0.tenant] ?? "") }, total: wire(ledger.total, name: "total"))
        }

        table.register(PaymentAPI.verify, runs: .offEventLoop) { _, _ in
            let (lines, _, _) = try await database.paymentLedger(tenant: nil, year: nil)
            let batches = try await database.paymentBatchTotals()
            let unrecorded = try await database.batchDifference()
            let difference = PaymentLedger.firstDifference(lines: lines, batches: batches) ?? unrecorded
            return PaymentAPI.VerifyReply(balanced: difference == nil, lines: lines.count, batches: batches.count, difference: difference)
        }

        table.register(PaymentAPI.published, runs: .offEventLoop) { request, _ in
            try DomainError.checkYear(request.year)
            let publication = try await database.paymentPublication(year: request.year)
            return PaymentAPI.PublishedReply(
                paid: publication.paid.map {
                    PaymentAPI.Paid(year: $0.year, tenant: $0.tenant, name: $0.tenantName, rule: $0.rule, lines: $0.lines, amount: $0.amount.description)
                },
                lines: publication.lines, total: publication.total.description)
        }
    }

    static func wire(_ batch: StoredPaymentBatch) -> PaymentAPI.Batch {
        PaymentAPI.Batch(
            id: batch.id, status: batch.status.rawValue, runs: batch.runs, createdOn: batch.createdOn, total: batch.total.description,
            items: batch.items, pending: batch.pending, paid: batch.paid, failed: batch.failed, createdAt: batch.createdAt,
            createdBy: batch.createdBy, createdByUid: batch.createdByUid, approvedAt: batch.approvedAt, approvedBy: batch.approvedBy,
            approvedByUid: batch.approvedByUid)
    }

    static func wire(_ item: StoredPaymentItem) -> PaymentAPI.Item {
        PaymentAPI.Item(
            line: item.line, run: item.run, tenant: item.tenant, rule: item.rule, period: item.period, accountName: item.accountName,
            bank: item.bank, accountNumber: item.accountNumber, gross: item.gross.description, offset: item.offset.description,
            amount: item.amount.description, purpose: item.purpose, status: item.status, reason: item.reason, resultOn: item.resultOn)
    }

    static func wire(_ entry: PaymentLedger.Entry, name: String) -> PaymentAPI.LedgerEntry {
        PaymentAPI.LedgerEntry(
            tenant: entry.tenant, name: name, computed: entry.computed.description, approved: entry.approved.description,
            withdrawn: entry.withdrawn.description, held: entry.held.description, payable: entry.payable.description,
            inBatch: entry.inBatch.description, paid: entry.paid.description, offset: entry.offset.description, failed: entry.failed.description, owed: entry.owed.description,
            outstanding: entry.outstanding.description)
    }
}
