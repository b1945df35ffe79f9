import ArgumentParser
import ParkControl

struct RewardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reward",
        abstract: "Reward and rent-subsidy runs: compute, explain, approve, export, verify; their public notice, objections and confirmations.",
        subcommands: [
            Run.self, List.self, Show.self, Approve.self, Export.self, Verify.self, Notice.self, Object.self, Resolve.self, Objections.self,
            Confirm.self,
        ])

    static func summary(_ run: RewardAPI.RewardRun) -> String {
        var fields = Fields()
        fields.add("Run", "\(run.id) (\(run.kind), \(run.status))")
        fields.add("Period", run.period)
        fields.add("Rules", run.rules.joined(separator: ", "))
        fields.add("Lines", String(run.lines))
        fields.add("Total", run.total.grouped)
        fields.add("Adjusts", run.adjusts.isEmpty ? nil : run.adjusts.map { "run \($0)" }.joined(separator: ", "))
        fields.add("Policies", run.policies.map { "\($0.id)@\($0.hash.prefix(12))" }.joined(separator: ", "))
        fields.add("Inputs", run.inputsHash)
        fields.add("Created", "\(run.createdAt) by \(run.createdBy)")
        fields.add("Approved", run.approvedAt.map { "\($0) by \(run.approvedBy ?? "?")" })
        return fields.render()
    }

    static func explanation(_ explanation: RewardAPI.Explanation) -> String {
        var lines = ["    \(explanation.rule) — \(explanation.title); \(explanation.clause) [\(explanation.policyDocument)]"]
        for step in explanation.steps {
            let context = step.context.map { "[\($0)] " } ?? ""
            let source = step.source.map { "  (\($0))" } ?? ""
            lines.append("      \(context)\(step.kind) \(step.name) = \(step.value)\(source)")
        }
        return lines.joined(separator: "\n")
    }
}

extension RewardCommand {
    struct Run: ParkctlCommand {
        static let configuration = CommandConfiguration(
            abstract: "Compute a month's monthly rules or a year's annual rules into a draft run; prints its id.",
            discussion: "Re-running a period that was approved gives an adjustment run with only the differences.")

        @ParentCommand var parkctl: Parkctl
        @Option(parsing: .unconditional, help: ArgumentHelp("Month or year to compute.", valueName: "YYYY-MM|YYYY")) var period: String
        @Option(name: .customLong("rule"), parsing: .unconditionalSingleValue, help: "Only this rule (repeatable).") var rules: [String] = []

        static let fieldOptions: FieldOptions = ["period": "--period", "rules": "--rule"]

        func run() async throws {
            try await respond(RewardAPI.run, RewardAPI.Run(period: period, rules: rules.isEmpty ? nil : rules), json: \.run) { reply in
                String(reply.run.id)
            }
        }
    }

    struct List: ParkctlCommand {
        static let configuration = CommandConfiguration(abstract: "List runs.")

        @ParentCommand var parkctl: Parkctl
        @Option(parsing: .unconditional, help: ArgumentHelp("Only runs of this period.", valueName: "YYYY-MM|YYYY")) var period: String?

        static let fieldOptions: FieldOptions = ["period": "--period"]

        func run() async throws {
            try await respond(RewardAPI.list, RewardAPI.List(period: period)) { reply in
                var table = Table(columns: [
                    .init(title: "RUN", alignment: .right), .init(title: "PERIOD"), .init(title: "KIND"), .init(title: "STATUS"),
                    .init(title: "LINES", alignment: .right), .init(title: "TOTAL", alignment: .right), .init(title: "CREATED"),
                    .init(title: "APPROVED"),
                ])
                for run in reply.runs {
                    table.add([String(run.id), run.period, run.kind, run.status, String(run.lines), run.total.grouped, run.createdAt, run.approvedAt ?? "-"])
                }
                return table.render(orIfEmpty: "no reward runs")
            }
        }
    }

    struct Show: ParkctlCommand {
        static let configuration = CommandConfiguration(abstract: "Show a run and its lines, optionally with explanations.")

        @ParentCommand var parkctl: Parkctl
        @Argument(help: "Run id.") var run: Int64
        @Option(parsing: .unconditional, help: "Only this tenant's lines (id or credit code).") var tenant: String?
        @Flag(help: "Explain every amount: inputs, parameters, intermediate values, caps, rounding.") var explain = false

        static let fieldOptions: FieldOptions = ["run": "RUN", "tenant": "--tenant"]

        func run() async throws {
            try await respondPaged(RewardAPI.get, RewardAPI.Get(run: run, tenant: tenant, explain: explain)) { asked, page in
                page.next.map { RewardAPI.Get(run: asked.run, tenant: asked.tenant, explain: asked.explain, after: $0) }
            } merge: { reply, page in
                reply.lines += page.lines
                reply.next = page.next
            } text: { reply in
                let summary = RewardCommand.summary(reply.run)
                guard explain else {
                    var table = Table(columns: [
                        .init(title: "TENANT", alignment: .right), .init(title: "CREDIT CODE"), .init(title: "NAME"), .init(title: "RULE"),
                        .init(title: "AMOUNT", alignment: .right),
                    ])
                    for line in reply.lines { table.add([String(line.tenant), line.creditCode, line.name, line.rule, line.amount.grouped]) }
                    return summary + "\n\n" + table.render()
                }
                let lines = reply.lines.flatMap { line in
                    ["\(line.tenant) \(line.name) (\(line.creditCode)) \(line.rule) \(line.period): \(line.amount.grouped)".replacingControlCharacters()]
                        + (line.explanation.map { [RewardCommand.explanation($0)] } ?? [])
                }
                return ([summary, ""] + lines).joined(separator: "\n")
            }
        }
    }

    struct Approve: ParkctlCommand {
        static let configuration = CommandConfiguration(
            abstract: "Approve a draft run (admin only); it never changes again.",
            discussion: """
                parkd computes the draft's period again with the policies in force and the data as it is now, and refuses a draft \
                whose amounts the data no longer gives (io.parkd.Reward.RunChanged, naming each): run the period again then.
                """)

        @ParentCommand var parkctl: Parkctl
        @Argument(help: "Run id.") var run: Int64

        static let fieldOptions: FieldOptions = ["run": "RUN"]

        func run() async throws {
            try await respond(RewardAPI.approve, RewardAPI.Approve(run: run), json: \.run) { reply in
                "run \(reply.run.id) approved: \(reply.run.period), \(reply.run.lines) line\(reply.run.lines == 1 ? "" : "s"), total \(reply.run.total.grouped)"
            }
        }
    }

    struct Export: ParkctlCommand {
        static let configuration = CommandConfiguration(abstract: "Export an approved run's lines for finance, as CSV.")

        @ParentCommand var parkctl: Parkctl
        @Argument(help: "Run id.") var run: Int64
        @Flag(help: "CSV (RFC 4180) with a header line; the only format, and the default.") var csv = false

        static let fieldOptions: FieldOptions = ["run": "RUN"]

        func validate() throws {
            try Self.validateCommandLine()
            try refuseJSON(with: ["--csv": csv])
        }

        func run() async throws {
            try await reporting {
                var reply = try await global.call(RewardAPI.get, RewardAPI.Get(run: run, tenant: nil, explain: false))
                // Every page of lines, in order.
                while let after = reply.next {
                    let page = try await global.call(RewardAPI.get, RewardAPI.Get(run: run, tenant: nil, explain: false, after: after))
                    reply.lines += page.lines
                    reply.next = page.next
                }
                guard reply.run.status == "approved" else {
                    throw CommandFailure(
                        name: "RunNotApproved",
                        message: "run \(run) is \(reply.run.status == "draft" ? "a draft" : reply.run.status); only an approved run is exported for payment",
                        parameters: ["run": .integer(run), "status": .string(reply.run.status)], exitCode: CommandFailure.invalidInput)
                }
                try present(reply.lines, terminator: "\r\n") {
                    CSVTable.text(header: "run,period,tenant,creditCode,name,rule,amount", rows: reply.lines.map { line in
                        [String(reply.run.id), line.period, String(line.tenant), line.creditCode, line.name, line.rule, line.amount]
                    }, byteOrderMark: global.bom)
                }
            }
        }
    }

    struct Verify: ParkctlCommand {
        static let configuration = CommandConfiguration(
            abstract: "Recompute a run from its recorded inputs and policy versions; exit 1 unless it agrees to the fen.")

        @ParentCommand var parkctl: Parkctl
        @Argument(help: "Run id.") var run: Int64

        static let fieldOptions: FieldOptions = ["run": "RUN"]

        func run() async throws {
            let reply = try await respond(RewardAPI.verify, RewardAPI.Verify(run: run)) { reply in
                var lines = [reply.agrees
                    ? "run \(run) verified: \(reply.checked) tenant-rule amounts recomputed, all agree to the fen"
                    : "run \(run) does NOT agree" + (reply.inputsIntact ? "" : ": its recorded inputs no longer match their hash")
                        + (reply.unlikeRecorded.map { ": it is not the run the audit trail recorded: \($0)" } ?? "")]
                for difference in reply.differences {
                    lines.append("  tenant \(difference.tenant) \(difference.rule): recorded \(difference.recorded.grouped), recomputed \(difference.recomputed.grouped)")
                }
                if reply.dataChanged {
                    lines.append("the park's data has changed since this run; `parkctl reward run --period \(reply.run.period)` computes the adjustment, if the change touches its amounts")
                }
                return lines.joined(separator: "\n")
            }
            if !reply.agrees { throw ExitCode.failure }
        }
    }
}
