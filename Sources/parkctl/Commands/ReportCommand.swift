import ArgumentParser
import ParkControl

struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Tenants' monthly operating reports.",
        subcommands: [Add.self, List.self, Show.self, History.self])

    static func table(_ reports: [ReportAPI.Report], versions: Bool = false) -> String {
        var columns: [Table.Column] = [
            .init(title: "MONTH"), .init(title: "TENANT"), .init(title: "REVENUE", alignment: .right),
            .init(title: "TAX", alignment: .right), .init(title: "EMPLOYERS", alignment: .right),
            .init(title: "DISPATCHED", alignment: .right), .init(title: "OUTSOURCED", alignment: .right),
            .init(title: "SEEKERS", alignment: .right), .init(title: "PLACED", alignment: .right),
            .init(title: "TRAINED", alignment: .right), .init(title: "PHD", alignment: .right),
            .init(title: "STAFF", alignment: .right),
        ]
        if versions { columns += [.init(title: "V", alignment: .right), .init(title: "BY"), .init(title: "RECORDED"), .init(title: "REASON")] }
        var table = Table(columns: columns)
        for report in reports {
            var cells = [
                report.month, "\(report.tenant) \(report.tenantName)", report.revenue, report.tax, String(report.employersServed),
                String(report.workersDispatched), String(report.workersOutsourced), String(report.jobSeekersServed),
                String(report.placements), String(report.trainingAttendees), String(report.phdHires), String(report.headcount),
            ]
            if versions { cells += [String(report.version), report.recordedBy, report.recordedAt, report.reason ?? "-"] }
            table.add(cells)
        }
        return table.render()
    }
}

extension ReportCommand {
    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record a tenant's report for a month, or correct it (with --reason).",
            discussion: "Counts not given are 0. The earlier version of a corrected report is kept (report history).")

        @ParentCommand var parkctl: Parkctl
        var global: GlobalOptions { parkctl.global }
        @Option(help: "Tenant id or credit code.") var tenant: String
        @Option(help: ArgumentHelp("The month reported.", valueName: "YYYY-MM")) var month: String
        @Option(help: ArgumentHelp("Revenue in yuan.", valueName: "yuan")) var revenue: String
        @Option(help: ArgumentHelp("Tax paid in yuan.", valueName: "yuan")) var tax: String
        @Option(name: .customLong("employers-served")) var employersServed = 0
        @Option(name: .customLong("workers-dispatched")) var workersDispatched = 0
        @Option(name: .customLong("workers-outsourced")) var workersOutsourced = 0
        @Option(name: .customLong("job-seekers-served")) var jobSeekersServed = 0
        @Option(help: "People placed in jobs.") var placements = 0
        @Option(name: .customLong("training-sessions")) var trainingSessions = 0
        @Option(name: .customLong("training-attendees")) var trainingAttendees = 0
        @Option(name: .customLong("phd-hires"), help: "PhD-level staff hired.") var phdHires = 0
        @Option(help: "Staff at the end of the month.") var headcount = 0
        @Option(help: "Why a report is corrected (required for a correction).") var reason: String?

        func run() async throws {
            try await reporting {
                let reply = try await global.call(ReportAPI.submit, ReportAPI.Submit(
                    tenant: tenant, month: month, revenue: revenue, tax: tax, employersServed: employersServed,
                    workersDispatched: workersDispatched, workersOutsourced: workersOutsourced,
                    jobSeekersServed: jobSeekersServed, placements: placements, trainingSessions: trainingSessions,
                    trainingAttendees: trainingAttendees, phdHires: phdHires, headcount: headcount, reason: reason))
                if global.json { return try JSONOutput.print(reply.report) }
                let report = reply.report
                print("report \(report.month) of tenant \(report.tenant) recorded (version \(report.version))")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List current reports by month and tenant.")

        @ParentCommand var parkctl: Parkctl
        var global: GlobalOptions { parkctl.global }
        @Option(help: "Only this tenant's (id or credit code).") var tenant: String?
        @Option(help: ArgumentHelp("First month.", valueName: "YYYY-MM")) var from: String?
        @Option(help: ArgumentHelp("Last month.", valueName: "YYYY-MM")) var to: String?

        func run() async throws {
            try await reporting {
                let reply = try await global.call(ReportAPI.list, ReportAPI.List(tenant: tenant, from: from, to: to))
                if global.json { return try JSONOutput.print(reply) }
                print(ReportCommand.table(reply.reports))
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the report in force for a tenant and month.")

        @ParentCommand var parkctl: Parkctl
        var global: GlobalOptions { parkctl.global }
        @Option(help: "Tenant id or credit code.") var tenant: String
        @Option(help: ArgumentHelp("The month.", valueName: "YYYY-MM")) var month: String

        func run() async throws {
            try await reporting {
                let reply = try await global.call(ReportAPI.list, ReportAPI.List(tenant: tenant, from: month, to: month))
                guard let report = reply.reports.first else {
                    throw CommandFailure(message: "tenant \(tenant) has no report for \(month)", exitCode: CommandFailure.notFound)
                }
                if global.json { return try JSONOutput.print(report) }
                print(ReportCommand.table([report], versions: true))
            }
        }
    }

    struct History: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show every version of a report: who, when, why.")

        @ParentCommand var parkctl: Parkctl
        var global: GlobalOptions { parkctl.global }
        @Option(help: "Tenant id or credit code.") var tenant: String
        @Option(help: ArgumentHelp("The month.", valueName: "YYYY-MM")) var month: String

        func run() async throws {
            try await reporting {
                let reply = try await global.call(ReportAPI.history, ReportAPI.History(tenant: tenant, month: month))
                if global.json { return try JSONOutput.print(reply) }
                print(ReportCommand.table(reply.versions, versions: true))
            }
        }
    }
}
