import ArgumentParser
import Foundation
import ParkControl

struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Tenants' monthly operating reports.",
        subcommands: [Add.self, Import.self, List.self, Show.self, History.self, Withdraw.self])

    static func table(_ reports: [ReportAPI.Report], versions: Bool = false) -> String {
        var columns: [Table.Column] = [
            .init(title: "MONTH"), .init(title: "TENANT"), .init(title: "REVENUE", alignment: .right),
            .init(title: "TAX", alignment: .right), .init(title: "EMPLOYERS", alignment: .right),
            .init(title: "DISPATCHED", alignment: .right), .init(title: "OUTSOURCED", alignment: .right),
            .init(title: "SEEKERS", alignment: .right), .init(title: "PLACED", alignment: .right),
            .init(title: "SESSIONS", alignment: .right), .init(title: "TRAINED", alignment: .right), .init(title: "PHD", alignment: .right),
            .init(title: "STAFF", alignment: .right),
        ]
        if versions { columns += [.init(title: "V", alignment: .right), .init(title: "BY"), .init(title: "RECORDED"), .init(title: "REASON")] }
        var table = Table(columns: columns)
        for report in reports {
            var cells = [
                report.month, "\(report.tenant) \(report.tenantName)", report.revenue.grouped, report.tax.grouped,
                report.employersServed.grouped, report.workersDispatched.grouped, report.workersOutsourced.grouped,
                report.jobSeekersServed.grouped, report.placements.grouped, report.trainingSessions.grouped, report.trainingAttendees.grouped,
                report.phdHires.grouped, report.headcount.grouped,
            ]
            if versions {
                let reason = report.withdrawn == true ? "withdrawn: " + (report.reason ?? "") : report.reason ?? "-"
                cells += [String(report.version), report.recordedBy, report.recordedAt, reason]
            }
            table.add(cells)
        }
        return table.render(orIfEmpty: "no reports")
    }
}

extension ReportCommand {
    struct Add: ParkctlCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record a tenant's report for a month, or correct it (with --reason).",
            discussion: """
                A first report needs --revenue and --tax; counts not given are 0. A correction (with --reason) \
                changes only the figures given and keeps the others; the earlier version is kept (report history).
                """)

        @ParentCommand var parkctl: Parkctl
        @Option(parsing: .unconditional, help: "Tenant id or credit code.") var tenant: String
        @Option(parsing: .unconditional, help: ArgumentHelp("The month reported.", valueName: "YYYY-MM")) var month: String
        @Option(parsing: .unconditional, help: ArgumentHelp("Revenue in yuan (required in a first report).", valueName: "yuan")) var revenue: String?
        @Option(parsing: .unconditional, help: ArgumentHelp("Tax paid in yuan (required in a first report).", valueName: "yuan")) var tax: String?
        @Option(name: .customLong("employers-served"), parsing: .unconditional) var employersServed: Int?
        @Option(name: .customLong("workers-dispatched"), parsing: .unconditional) var workersDispatched: Int?
        @Option(name: .customLong("workers-outsourced"), parsing: .unconditional) var workersOutsourced: Int?
        @Option(name: .customLong("job-seekers-served"), parsing: .unconditional) var jobSeekersServed: Int?
        @Option(parsing: .unconditional, help: "People placed in jobs.") var placements: Int?
        @Option(name: .customLong("training-sessions"), parsing: .unconditional) var trainingSessions: Int?
        @Option(name: .customLong("training-attendees"), parsing: .unconditional) var trainingAttendees: Int?
        @Option(name: .customLong("phd-hires"), parsing: .unconditional, help: "PhD-level staff hired.") var phdHires: Int?
        @Option(parsing: .unconditional, help: "Staff at the end of the month.") var headcount: Int?
        @Option(parsing: .unconditional, help: "Why a report is corrected (required for a correction).") var reason: String?

        static let fieldOptions: FieldOptions = [
            "tenant": "--tenant", "month": "--month", "revenue": "--revenue", "tax": "--tax", "employersServed": "--employers-served",
            "workersDispatched": "--workers-dispatched", "workersOutsourced": "--workers-outsourced",
            "jobSeekersServed": "--job-seekers-served", "placements": "--placements", "trainingSessions": "--training-sessions",
            "trainingAttendees": "--training-attendees", "phdHires": "--phd-hires", "headcount": "--headcount", "reason": "--reason",
        ]

        func run() async throws {
            let submission = ReportAPI.Create(
                tenant: tenant, month: month, revenue: revenue, tax: tax, employersServed: employersServed,
                workersDispatched: workersDispatched, workersOutsourced: workersOutsourced,
                jobSeekersServed: jobSeekersServed, placements: placements, trainingSessions: trainingSessions,
                trainingAttendees: trainingAttendees, phdHires: phdHires, headcount: headcount, reason: reason)
            // --json gives the whole reply: a correction's changes are part of the answer.
            try await respond(ReportAPI.create, submission) { reply in
                let report = reply.report
                let changes = reply.changes.isEmpty ? "" : ": " + reply.changes.joined(separator: ", ")
                return "report \(report.month) of tenant \(report.tenant) recorded (version \(report.version))\(changes)".replacingControlCharacters()
            }
        }
    }

    struct Withdraw: ParkctlCommand {
        static let configuration = CommandConfiguration(
            abstract: "Withdraw a report filed in error (under the wrong month, or for a month the firm was not in the park).",
            discussion: """
                The month is then as if never reported (lists, statistics, reward runs computed after, an exit's check) \
                until it is reported again, as a first report. Every version is kept (report history), the withdrawal as the latest.
                """)

        @ParentCommand var parkctl: Parkctl
        @Option(parsing: .unconditional, help: "Tenant id or credit code.") var tenant: String
        @Option(parsing: .unconditional, help: ArgumentHelp("The month whose report is withdrawn.", valueName: "YYYY-MM")) var month: String
        @Option(parsing: .unconditional, help: "Why it is withdrawn.") var reason: String

        static let fieldOptions: FieldOptions = ["tenant": "--tenant", "month": "--month", "reason": "--reason"]

        func run() async throws {
            try await respond(ReportAPI.withdraw, ReportAPI.Withdraw(tenant: tenant, month: month, reason: reason), json: \.report) { reply in
                let report = reply.report
                return "report \(report.month) of tenant \(report.tenant) withdrawn (version \(report.version)); \(report.month) has no report in force"
                    .replacingControlCharacters()
            }
        }
    }

    struct List: ParkctlCommand {
        static let configuration = CommandConfiguration(abstract: "List current reports by month and tenant.")

        @ParentCommand var parkctl: Parkctl
        @Option(parsing: .unconditional, help: "Only this tenant's (id or credit code).") var tenant: String?
        @Option(parsing: .unconditional, help: ArgumentHelp("First month.", valueName: "YYYY-MM")) var from: String?
        @Option(parsing: .unconditional, help: ArgumentHelp("Last month.", valueName: "YYYY-MM")) var to: String?

        static let fieldOptions: FieldOptions = ["tenant": "--tenant", "from": "--from", "to": "--to"]

        func run() async throws {
            // Every page in turn, printed as one list.
            try await respondPaged(ReportAPI.list, ReportAPI.List(tenant: tenant, from: from, to: to)) { asked, page in
                page.next.map { ReportAPI.List(tenant: asked.tenant, from: asked.from, to: asked.to, limit: asked.limit, after: $0) }
            } merge: { reply, page in
                reply.reports += page.reports
                reply.next = page.next
            } text: { reply in
                ReportCommand.table(reply.reports)
            }
        }
    }

    struct Show: ParkctlCommand {
        static let configuration = CommandConfiguration(abstract: "Show the report in force for a tenant and month.")

        @ParentCommand var parkctl: Parkctl
        @Option(parsing: .unconditional, help: "Tenant id or credit code.") var tenant: String
        @Option(parsing: .unconditional, help: ArgumentHelp("The month.", valueName: "YYYY-MM")) var month: String

        static let fieldOptions: FieldOptions = ["tenant": "--tenant", "from": "--month", "to": "--month"]

        func run() async throws {
            try await reporting {
                let reply = try await global.call(ReportAPI.list, ReportAPI.List(tenant: tenant, from: month, to: month))
                guard let report = reply.reports.first else {
                    // parkd's own refusal: a month never reported is its NoSuchReport; one whose
                    // report was withdrawn has versions, and no report in force either.
                    let history = try await global.call(ReportAPI.history, ReportAPI.History(tenant: tenant, month: month, limit: 1))
                    throw CommandFailure(ReportAPI.NoSuchReport(tenant: history.versions.first?.tenant ?? 0, month: month).varlinkError)
                }
                try present(report) { ReportCommand.table([report], versions: true) }
            }
        }
    }

    struct History: ParkctlCommand {
        static let configuration = CommandConfiguration(abstract: "Show every version of a report: who, when, why.")

        @ParentCommand var parkctl: Parkctl
        @Option(parsing: .unconditional, help: "Tenant id or credit code.") var tenant: String
        @Option(parsing: .unconditional, help: ArgumentHelp("The month.", valueName: "YYYY-MM")) var month: String

        static let fieldOptions: FieldOptions = ["tenant": "--tenant", "month": "--month"]

        func run() async throws {
            // Every page in turn, printed as one list.
            try await respondPaged(ReportAPI.history, ReportAPI.History(tenant: tenant, month: month)) { asked, page in
                page.next.map { ReportAPI.History(tenant: asked.tenant, month: asked.month, limit: asked.limit, after: $0) }
            } merge: { reply, page in
                reply.versions += page.versions
                reply.next = page.next
            } text: { reply in
                ReportCommand.table(reply.versions, versions: true)
            }
        }
    }
}

extension ReportCommand {
    struct Import: ParkctlCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import reports from a CSV file, all or nothing.",
            discussion: """
                The header row names the columns, in any order: \(columnList). tenant is an id or a \
                credit code, month is YYYY-MM, revenue and tax are yuan. tenant and month are required; \
                a figure column may be left out and a cell left empty. A row for a month not yet reported \
                is a first report and needs revenue and tax (counts not given are 0); a row for a month \
                already reported is a correction: it changes only the figures it gives, keeps the others, \
                and is refused when it changes nothing. A file with any bad row changes nothing, and every \
                bad row and column is listed.
                """)

        static let columnList = "tenant, month, revenue, tax, employersServed, workersDispatched, workersOutsourced, jobSeekersServed, placements, trainingSessions, trainingAttendees, phdHires, headcount"

        /// Parts stay well under the channel's 1 MiB message limit once JSON-escaped.
        static let partBytes = 256 << 10

        @ParentCommand var parkctl: Parkctl
        @Argument(help: ArgumentHelp("The CSV file.", valueName: "file.csv")) var file: String
        @Option(parsing: .unconditional, help: "Why reports already recorded are corrected by this file.") var reason: String?

        static let fieldOptions: FieldOptions = ["reason": "--reason"]

        func run() async throws {
            try await reporting {
                let text = try InputFile.read(file)
                let summary = try await global.withConnection { connection in
                    try await Import.upload(text, reason: reason, on: connection)
                }
                try present(summary) { Import.describe(summary).replacingControlCharacters(keepingLineBreaks: true) }
            }
        }

        /// How many reports and corrections, then what each correction changed.
        static func describe(_ summary: ReportAPI.FinishImportReply) -> String {
            var lines = ["imported \(summary.imported) report\(summary.imported == 1 ? "" : "s") "
                + "(\(summary.corrected) correction\(summary.corrected == 1 ? "" : "s"))"]
            for correction in summary.corrections ?? [] {
                lines.append("  line \(correction.line): report \(correction.month) of tenant \(correction.tenant) "
                    + "(version \(correction.version)): \(correction.changes.joined(separator: ", "))")
            }
            return lines.joined(separator: "\n")
        }

        /// Sends a file in parts and records it; a refusal (`ImportRefused`) lists its problems, the first 1,000.
        static func upload(_ text: String, reason: String?, on connection: VarlinkConnection) async throws -> ReportAPI.FinishImportReply {
            let handle = try await connection.call(ReportAPI.beginImport, NoParameters())
            for part in parts(of: text) {
                _ = try await connection.call(ReportAPI.addToImport, ReportAPI.AddToImport(import: handle.import, text: part))
            }
            return try await connection.call(ReportAPI.finishImport, ReportAPI.FinishImport(import: handle.import, reason: reason))
        }

        /// Whole lines, about `partBytes` at a time, which put together are the file to the byte
        /// (its digest in the audit entry is the file's). Lines end at each line feed, by its byte:
        /// a Windows line break (CRLF), one `Character` to Swift, is no line feed to
        /// `split(separator: "\n")`, and a spreadsheet's file would go as one part.
        static func parts(of text: String) -> [String] {
            var parts: [String] = []
            var current = ""
            let lines = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
            for (index, line) in lines.enumerated() {
                if current.utf8.count + line.utf8.count > partBytes, !current.isEmpty {
                    parts.append(current)
                    current = ""
                }
                current += line
                if index < lines.count - 1 { current += "\n" }
            }
            if !current.isEmpty { parts.append(current) }
            return parts
        }
    }
}
