import ArgumentParser
import ParkControl

struct PaymentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "payment",
        abstract: "Payment batches (four eyes), the bank file and its result, the ledger, publication of what was paid.",
        subcommands: [Batch.self, Ledger.self, Verify.self, Published.self])

    static func summary(_ batch: PaymentAPI.Batch) -> String {
        var fields = Fields()
        fields.add("Batch", "\(batch.id) (\(batch.status))")
        fields.add("Runs", batch.runs.isEmpty ? "every approved run" : batch.runs.map(String.init).joined(separator: ", "))
        fields.add("Accounts on", batch.createdOn)
        fields.add("Lines", "\(batch.items) (\(batch.pending) pending, \(batch.paid) paid, \(batch.failed) failed)")
        fields.add("Total", batch.total.grouped)
        fields.add("Created", "\(batch.createdAt) by \(batch.createdBy) (uid \(batch.createdByUid))")
        fields.add("Approved", batch.approvedAt.map { "\($0) by \(batch.approvedBy ?? "?") (uid \(batch.approvedByUid.map(String.init) ?? "?"))" })
        return fields.render()
    }
}

extension PaymentCommand {
    struct Batch: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make, approve (a second administrator), export and settle payment batches.",
            subcommands: [Create.self, List.self, Show.self, Approve.self, Cancel.self, Export.self, ImportResult.self])
    }

    struct Ledger: ParkctlCommand {
        static let configuration = CommandConfiguration(
            abstract: "What the park owes and paid each tenant: approved = paid + held + payable + withdrawn.")

        @ParentCommand var parkctl: Parkctl
        @Option(parsing: .unconditional, help: "Only this tenant (id or credit code).") var tenant: String?
        @Option(parsing: .unconditional, help: "Only runs of this year's periods.") var year: Int?

        static let fieldOptions: FieldOptions = ["tenant": "--tenant", "year": "--year"]

        func run() async throws {
            try await respond(PaymentAPI.ledger, PaymentAPI.Ledger(tenant: tenant, year: year)) { reply in
                var table = Table(columns: [.init(title: "TENANT", alignment: .right), .init(title: "NAME")] + [
                    "COMPUTED", "APPROVED", "WITHDRAWN", "HELD", "PAYABLE", "IN BATCH", "PAID", "OFFSET", "FAILED", "OWED", "OUTSTANDING",
                ].map { Table.Column(title: $0, alignment: .right) })
                for entry in reply.entries + (reply.entries.count > 1 ? [reply.total] : []) {
                    table.add([entry.tenant == 0 ? "" : String(entry.tenant), entry.name] + [
                        entry.computed, entry.approved, entry.withdrawn, entry.held, entry.payable, entry.inBatch ?? "-", entry.paid, entry.offset,
                        entry.failed, entry.owed, entry.outstanding,
                    ].map(\.grouped))
                }
                return table.render(orIfEmpty: "no ledger entries")
            }
        }
    }

    struct Verify: ParkctlCommand {
        static let configuration = CommandConfiguration(
            abstract: "Reconcile every payment; exit 1 with the first difference when anything does not add up.")

        @ParentCommand var parkctl: Parkctl

        static let fieldOptions: FieldOptions = [:]

        func run() async throws {
            let reply = try await respond(PaymentAPI.verify, NoParameters()) { reply in
                reply.balanced
                    ? "payments reconcile: \(reply.lines) approved lines, \(reply.batches) batch\(reply.batches == 1 ? "" : "es"); approved = paid + held + payable + withdrawn for every tenant"
                    : "payments do NOT reconcile: \(reply.difference ?? "")"
            }
            if !reply.balanced { throw ExitCode.failure }
        }
    }

    struct Published: ParkctlCommand {
        static let configuration = CommandConfiguration(
            abstract: "What was paid in a year per firm and rule, for publication (table, --csv or --html).")

        @ParentCommand var parkctl: Parkctl
        @Option(parsing: .unconditional, help: "The year paid.") var year: Int
        @Flag(help: "CSV (RFC 4180).") var csv = false
        @Flag(help: "A printable HTML page.") var html = false

        static let fieldOptions: FieldOptions = ["year": "--year"]

        func validate() throws {
            try Self.validateCommandLine()
            if csv && html { throw ValidationError("Give --csv or --html, not both.") }
            try refuseJSON(with: ["--csv": csv, "--html": html])
        }

        func run() async throws {
            try await respond(PaymentAPI.published, PaymentAPI.Published(year: year), terminator: csv ? "\r\n" : "\n", text: text)
        }

        func text(_ reply: PaymentAPI.PublishedReply) -> String {
            do {
                if csv {
                    return CSVTable.text(header: "year,name,rule,lines,amount", rows: reply.paid.map { paid in
                        [String(paid.year), paid.name, paid.rule, String(paid.lines), paid.amount]
                    }, byteOrderMark: global.bom)
                }
                if html {
                    return PrintablePage.render(
                        title: "\(year) 年政策兑现资金拨付情况 · Rewards paid in \(year)",
                        before: ["What the park paid in \(year) under its policies, per firm and rule."],
                        columns: ["Firm 企业名称", "Rule 项目", "Lines 笔数", "Amount (yuan) 金额（元）"], rightAligned: [2, 3],
                        rows: reply.paid.map { [$0.name, $0.rule, String($0.lines), $0.amount.grouped] },
                        footer: ["Total 合计", "", String(reply.lines), reply.total.grouped], after: [])
                }
                guard !reply.paid.isEmpty else { return "nothing was paid in \(year)" }
                var table = Table(columns: [
                    .init(title: "NAME"), .init(title: "RULE"), .init(title: "LINES", alignment: .right), .init(title: "AMOUNT", alignment: .right),
                ])
                for paid in reply.paid { table.add([paid.name, paid.rule, paid.lines.grouped, paid.amount.grouped]) }
                table.add(["total", "", reply.lines.grouped, reply.total.grouped])
                return table.render()
            }
        }
    }
}

extension PaymentCommand.Batch {
    struct Create: ParkctlCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make a batch of every payable, confirmed, unpaid line (admin); prints its id. Another administrator approves it.",
            discussion: "Each line is paid into the tenant's account in force today, less what the tenant owes back (never below zero).")

        @ParentCommand var parkctl: Parkctl
        @Option(name: .customLong("run"), parsing: .unconditionalSingleValue, help: "Only this run (repeatable; default every approved run).") var runs: [Int64] = []

        static let fieldOptions: FieldOptions = ["runs": "--run"]

        func run() async throws {
            try await respond(PaymentAPI.createBatch, PaymentAPI.CreateBatch(runs: runs.isEmpty ? nil : runs)) { reply in
                var lines = ["batch \(reply.batch.id) created: \(reply.batch.items) line\(reply.batch.items == 1 ? "" : "s"), total \(reply.batch.total.grouped); a second administrator approves it with `parkctl payment batch approve \(reply.batch.id)`"]
                // One line per reason: a park with many tenants without an account stays readable.
                for reason in Array(Set(reply.skipped.map(\.reason))).sorted() {
                    let tenants = reply.skipped.filter { $0.reason == reason }
                    let count = tenants.reduce(0) { $0 + $1.lines }
                    lines.append("left out: \(count) line\(count == 1 ? "" : "s") of \(tenants.count) tenant\(tenants.count == 1 ? "" : "s") with \(reason) (tenants \(tenants.map { String($0.tenant) }.joined(separator: ", ")))")
                }
                return lines.joined(separator: "\n")
            }
        }
    }

    struct List: ParkctlCommand {
        static let configuration = CommandConfiguration(abstract: "List batches.")

        @ParentCommand var parkctl: Parkctl

        static let fieldOptions: FieldOptions = [:]

        func run() async throws {
            try await respond(PaymentAPI.listBatches, NoParameters()) { reply in
                var table = Table(columns: [
                    .init(title: "BATCH", alignment: .right), .init(title: "STATUS"), .init(title: "LINES", alignment: .right),
                    .init(title: "PENDING", alignment: .right), .init(title: "PAID", alignment: .right), .init(title: "FAILED", alignment: .right),
                    .init(title: "TOTAL", alignment: .right), .init(title: "CREATED BY"), .init(title: "APPROVED BY"),
                ])
                for b in reply.batches {
                    table.add([String(b.id), b.status, String(b.items), String(b.pending), String(b.paid), String(b.failed), b.total.grouped,
                               "\(b.createdBy) (\(b.createdByUid))", b.approvedBy.map { "\($0) (\(b.approvedByUid.map(String.init) ?? "?"))" } ?? "-"])
                }
                return table.render(orIfEmpty: "no payment batches")
            }
        }
    }

    struct Show: ParkctlCommand {
        static let configuration = CommandConfiguration(abstract: "Show a batch and its lines.")

        @ParentCommand var parkctl: Parkctl
        @Argument(help: "Batch id.") var batch: Int64

        static let fieldOptions: FieldOptions = ["batch": "BATCH"]

        func run() async throws {
            try await respond(PaymentAPI.getBatch, PaymentAPI.GetBatch(batch: batch)) { reply in
                var table = Table(columns: [
                    .init(title: "LINE", alignment: .right), .init(title: "TENANT", alignment: .right), .init(title: "ACCOUNT NAME"),
                    .init(title: "RULE"), .init(title: "PERIOD"), .init(title: "GROSS", alignment: .right), .init(title: "OFFSET", alignment: .right),
                    .init(title: "AMOUNT", alignment: .right), .init(title: "STATUS"),
                ])
                for i in reply.items {
                    table.add([String(i.line), String(i.tenant), i.accountName, i.rule, i.period, i.gross.grouped, i.offset.grouped, i.amount.grouped,
                               i.status + (i.reason.map { ": \($0)" } ?? "")])
                }
                // A batch an earlier parkd cancelled kept no items: said, not shown as an empty table.
                guard !reply.items.isEmpty || reply.batch.items == 0 else {
                    return PaymentCommand.summary(reply.batch) + "\n\nits items were not kept: it was cancelled before cancelled batches kept theirs (schema v22)"
                }
                return PaymentCommand.summary(reply.batch) + "\n\n" + table.render()
            }
        }
    }

    struct Approve: ParkctlCommand {
        static let configuration = CommandConfiguration(
            abstract: "Approve a batch (admin, not the one who made it: four eyes, by uid).")

        @ParentCommand var parkctl: Parkctl
        @Argument(help: "Batch id.") var batch: Int64

        static let fieldOptions: FieldOptions = ["batch": "BATCH"]

        func run() async throws {
            try await respond(PaymentAPI.approveBatch, PaymentAPI.ApproveBatch(batch: batch), json: \.batch) { reply in
                "batch \(reply.batch.id) approved by \(reply.batch.approvedBy ?? "?"): \(reply.batch.items) line\(reply.batch.items == 1 ? "" : "s"), total \(reply.batch.total.grouped); export it with `parkctl payment batch export \(reply.batch.id)`"
            }
        }
    }

    struct Cancel: ParkctlCommand {
        static let configuration = CommandConfiguration(
            abstract: "Cancel a batch not yet approved (admin): its lines are released for the next batch.")

        @ParentCommand var parkctl: Parkctl
        @Argument(help: "Batch id.") var batch: Int64

        static let fieldOptions: FieldOptions = ["batch": "BATCH"]

        func run() async throws {
            try await respond(PaymentAPI.cancelBatch, PaymentAPI.CancelBatch(batch: batch), json: \.batch) { reply in
                "batch \(reply.batch.id) cancelled; its lines are released for the next batch"
            }
        }
    }

    struct Export: ParkctlCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write an approved batch's bank file (CSV: batch, line, account name, bank, account number, amount, purpose).",
            discussion: "Lines whose amount the offsets cover whole transfer nothing and are left out; the amounts sum to the batch's total.")

        @ParentCommand var parkctl: Parkctl
        @Argument(help: "Batch id.") var batch: Int64

        static let fieldOptions: FieldOptions = ["batch": "BATCH"]

        func run() async throws {
            try await respond(PaymentAPI.exportBatch, PaymentAPI.ExportBatch(batch: batch), terminator: "") { reply in
                CSVTable.text(header: "batch,line,accountName,bank,accountNumber,amount,purpose", rows: reply.items.map { item in
                    [String(reply.batch.id), String(item.line), item.accountName, item.bank, item.accountNumber, item.amount, item.purpose]
                }, for: .bank) + "\r\n"
            }
        }
    }

    struct ImportResult: ParkctlCommand {
        static let configuration = CommandConfiguration(
            commandName: "import-result",
            abstract: "Record the bank's result file (CSV: batch,line,amount,result,reason); refused whole at a bad row, idempotent.",
            discussion: "result is paid or failed; a failed line needs the bank's reason and becomes payable again.")

        @ParentCommand var parkctl: Parkctl
        @Argument(help: "The result file.") var file: String

        static let fieldOptions: FieldOptions = ["text": "FILE"]

        func run() async throws {
            try await reporting {
                let text = try InputFile.read(file)
                let reply = try await global.call(PaymentAPI.importResult, PaymentAPI.ImportResult(text: text))
                try present(reply) {
                    "batch \(reply.batch): \(reply.paid) paid, \(reply.failed) failed recorded; \(reply.unchanged) row\(reply.unchanged == 1 ? "" : "s") already recorded"
                }
            }
        }
    }
}
