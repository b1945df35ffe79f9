import ArgumentParser
import ParkControl

extension RewardCommand {
    /// `reward notice RUN` shows (as `review notice SESSION` does); `reward notice publish|close`
    /// change, `reward notice list` lists.
    struct Notice: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Public notice (公示) of an approved run: publish, show (CSV, printable HTML), close.",
            subcommands: [Show.self, Publish.self, Close.self, List.self], defaultSubcommand: Show.self)
    }

    struct Object: ParkctlCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record an objection to a line while its run's notice runs; it holds the line until resolved.")

        @ParentCommand var parkctl: Parkctl
        @Argument(help: "The line's id (LINE in `reward notice show`).") var line: Int64
        @Option(name: .customLong("by"), parsing: .unconditional, help: "Who objects.") var objector: String
        @Option(parsing: .unconditional, help: "The grounds given.") var grounds: String

        static let fieldOptions: FieldOptions = ["line": "LINE", "objector": "--by", "grounds": "--grounds"]

        func run() async throws {
            try await respond(NoticeAPI.object, NoticeAPI.Object(line: line, objector: objector, grounds: grounds), json: \.objection) { reply in
                "objection \(reply.objection.id) recorded against line \(reply.objection.line) (\(reply.objection.name), \(reply.objection.rule)); the line is held until it is resolved"
            }
        }
    }

    struct Resolve: ParkctlCommand {
        static let configuration = CommandConfiguration(
            abstract: "Resolve an objection (admin): upheld withdraws the line from payment (an adjustment run corrects it), dismissed releases it.")

        @ParentCommand var parkctl: Parkctl
        @Argument(help: "The objection's id.") var objection: Int64
        @OptionGroup var resolution: ResolutionOptions
        @Option(parsing: .unconditional, help: "Why.") var reason: String

        static let fieldOptions: FieldOptions = ["objection": "OBJECTION", "resolution": "--uphold/--dismiss", "reason": "--reason"]

        func run() async throws {
            let request = NoticeAPI.Resolve(objection: objection, resolution: resolution.resolution, reason: reason)
            // --json gives the whole reply: where the line stands is part of the answer.
            try await respond(NoticeAPI.resolve, request) { reply in
                let o = reply.objection
                let standing = if o.resolution == "upheld" {
                    "is withdrawn from payment; an adjustment run corrects it"
                } else if let upheld = reply.upheldBy {
                    "stays withdrawn from payment (objection \(upheld) was upheld)"
                } else if !reply.openObjections.isEmpty {
                    "stays held by objection\(reply.openObjections.count == 1 ? "" : "s") \(reply.openObjections.map(String.init).joined(separator: ", ")), still open"
                } else if reply.noticeClosed {
                    "is released"
                } else {
                    "is held by no objection: it is released when the notice closes (it runs until \(reply.noticeEndsOn))"
                }
                return "objection \(o.id) \(o.resolution ?? "?"): line \(o.line) (\(o.name), \(o.rule)) " + standing
            }
        }
    }

    struct Objections: ParkctlCommand {
        static let configuration = CommandConfiguration(abstract: "List objections, of one run or all.")

        @ParentCommand var parkctl: Parkctl
        @Option(parsing: .unconditional, help: "Only this run's.") var run: Int64?

        static let fieldOptions: FieldOptions = ["run": "--run"]

        func run() async throws {
            try await respond(NoticeAPI.listObjections, NoticeAPI.ListObjections(run: run)) { reply in
                var table = Table(columns: [
                    .init(title: "ID", alignment: .right), .init(title: "RUN", alignment: .right), .init(title: "LINE", alignment: .right),
                    .init(title: "NAME"), .init(title: "RULE"), .init(title: "BY"), .init(title: "GROUNDS"), .init(title: "RESOLUTION"),
                ])
                for o in reply.objections {
                    table.add([String(o.id), String(o.run), String(o.line), o.name, o.rule, o.objector, o.grounds,
                               o.resolution.map { "\($0): \(o.reason ?? "")" } ?? "open"])
                }
                return table.render(orIfEmpty: "no objections")
            }
        }
    }

    struct Confirm: ParkctlCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record a tenant's confirmation of its lines of an approved run (needed before payment when cashing.confirmation is required).")

        @ParentCommand var parkctl: Parkctl
        @Argument(help: "Run id.") var run: Int64
        @Option(parsing: .unconditional, help: "Tenant id or credit code.") var tenant: String
        @Option(name: .customLong("by"), parsing: .unconditional, help: "Who confirmed for the firm.") var confirmedBy: String

        static let fieldOptions: FieldOptions = ["run": "RUN", "tenant": "--tenant", "confirmedBy": "--by"]

        func run() async throws {
            try await respond(PaymentAPI.confirm, PaymentAPI.Confirm(run: run, tenant: tenant, confirmedBy: confirmedBy)) { reply in
                reply.lines.isEmpty
                    ? "nothing to confirm: the tenant's lines of run \(run) are confirmed, withdrawn or paid"
                    : "\(reply.lines.count) line\(reply.lines.count == 1 ? "" : "s") of run \(run) confirmed: \(reply.lines.map(String.init).joined(separator: ", "))"
            }
        }
    }
}

extension RewardCommand.Notice {
    static func summary(_ notice: NoticeAPI.Notice) -> String {
        "run \(notice.run) (\(notice.runPeriod)) on notice from \(notice.startsOn) to \(notice.endsOn), \(notice.workingDays) working day\(notice.workingDays == 1 ? "" : "s"): \(notice.status)"
    }

    struct Publish: ParkctlCommand {
        static let configuration = CommandConfiguration(
            commandName: "publish",
            abstract: "Put an approved run on public notice from today for N working days (admin).")

        @ParentCommand var parkctl: Parkctl
        @Argument(help: "Run id.") var run: Int64
        @Option(parsing: .unconditional, help: "Working days (default cashing.notice_days).") var days: Int?

        static let fieldOptions: FieldOptions = ["run": "RUN", "days": "--days"]

        func run() async throws {
            try await respond(NoticeAPI.create, NoticeAPI.Create(run: run, days: days), json: \.notice) { reply in
                RewardCommand.Notice.summary(reply.notice)
            }
        }
    }

    struct Show: ParkctlCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a run's notice with its lines; --csv or --html for posting (firm, rule, period, amount: nothing private).")

        @ParentCommand var parkctl: Parkctl
        @Argument(help: "Run id.") var run: Int64
        @Flag(help: "The posting as CSV (RFC 4180).") var csv = false
        @Flag(help: "The posting as a printable HTML page.") var html = false

        static let fieldOptions: FieldOptions = ["run": "RUN"]

        func validate() throws {
            try Self.validateCommandLine()
            if csv && html { throw ValidationError("Give --csv or --html, not both.") }
            try refuseJSON(with: ["--csv": csv, "--html": html])
        }

        func run() async throws {
            try await respond(NoticeAPI.get, NoticeAPI.Get(run: run), terminator: csv ? "\r\n" : "\n", text: text)
        }

        func text(_ reply: NoticeAPI.GetReply) throws -> String {
            do {
                let posted = reply.lines.filter { $0.amount != "0.00" }
                if csv {
                    return CSVTable.text(header: "line,name,rule,title,period,amount", rows: posted.map { line in
                        [String(line.line), line.name, line.rule, line.ruleTitle, line.period, line.amount]
                    }, byteOrderMark: global.bom)
                }
                if html { return RewardCommand.Notice.page(reply.notice, posted, total: reply.total) }
                var table = Table(columns: [
                    .init(title: "LINE", alignment: .right), .init(title: "TENANT", alignment: .right), .init(title: "NAME"),
                    .init(title: "RULE"), .init(title: "PERIOD"), .init(title: "AMOUNT", alignment: .right), .init(title: "STATE"),
                    .init(title: "CONFIRMED"),
                ])
                for line in reply.lines {
                    table.add([String(line.line), String(line.tenant), line.name, line.rule, line.period, line.amount.grouped, line.state, line.confirmed ? "yes" : "-"])
                }
                var text = RewardCommand.Notice.summary(reply.notice) + "\n\n" + table.render()
                let open = reply.objections.filter { $0.resolution == nil }
                if !reply.objections.isEmpty {
                    text += "\n\n\(reply.objections.count) objection\(reply.objections.count == 1 ? "" : "s"), \(open.count) open (parkctl reward objections --run \(run))"
                }
                return text
            }
        }
    }

    /// The notice as posted: firm, rule, period and amount of every line, the dates and how to
    /// object; no credit code, account or person's name. `total` is the lines' total as parkd
    /// added them up.
    static func page(_ notice: NoticeAPI.Notice, _ lines: [NoticeAPI.Line], total: String) -> String {
        let policies = Array(Set(lines.map(\.policy))).sorted().joined(separator: ", ")
        return PrintablePage.render(
            title: "公示 · Public notice of rewards, run \(notice.run) (\(notice.runPeriod))",
            before: [
                "The amounts below were computed under the park's policies (\(PrintablePage.escaped(policies))) and approved. "
                    + "They are posted from <strong>\(notice.startsOn)</strong> to <strong>\(notice.endsOn)</strong> "
                    + "(\(notice.workingDays) working day\(notice.workingDays == 1 ? "" : "s")).",
                "以下奖补金额经审核通过，现予公示。公示期内如有异议，请以书面形式向园区管理办公室提出，并注明序号与理由。",
            ],
            columns: ["No.", "Firm 企业名称", "Rule 项目", "Period 期间", "Amount (yuan) 金额（元）"], rightAligned: [0, 4],
            rows: lines.map { [String($0.line), $0.name, "\($0.ruleTitle) (\($0.rule))", $0.period, $0.amount.grouped] },
            footer: ["", "\(lines.count) line\(lines.count == 1 ? "" : "s")", "", "Total 合计", total.grouped],
            after: [
                "Objections to a line, with its number and the grounds, are received until \(notice.endsOn) inclusive. "
                    + "A line under objection is held until the objection is resolved.",
            ])
    }

    struct Close: ParkctlCommand {
        static let configuration = CommandConfiguration(
            abstract: "Close a notice after its last day (admin): its lines without an open objection become payable.")

        @ParentCommand var parkctl: Parkctl
        @Argument(help: "Run id.") var run: Int64

        static let fieldOptions: FieldOptions = ["run": "RUN"]

        func run() async throws {
            try await respond(NoticeAPI.close, NoticeAPI.Close(run: run), json: \.notice) { reply in
                "notice of run \(reply.notice.run) closed (it ended on \(reply.notice.endsOn)); its released lines are payable"
            }
        }
    }

    struct List: ParkctlCommand {
        static let configuration = CommandConfiguration(abstract: "List notices.")

        @ParentCommand var parkctl: Parkctl

        static let fieldOptions: FieldOptions = [:]

        func run() async throws {
            try await respond(NoticeAPI.list, NoParameters()) { reply in
                var table = Table(columns: [
                    .init(title: "RUN", alignment: .right), .init(title: "PERIOD"), .init(title: "FROM"), .init(title: "TO"),
                    .init(title: "DAYS", alignment: .right), .init(title: "STATUS"),
                ])
                for n in reply.notices { table.add([String(n.run), n.runPeriod, n.startsOn, n.endsOn, String(n.workingDays), n.status]) }
                return table.render(orIfEmpty: "no notices")
            }
        }
    }
}
