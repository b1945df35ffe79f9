import ArgumentParser
import ParkControl

extension Parkctl {
    struct Stats: ParkctlCommand {
        static let configuration = CommandConfiguration(
            abstract: "The park's headline figures: tenants, leased area, and the sums of what tenants reported.",
            discussion: "Default period: this year up to today. Tenants and leases are counted as they stood on the last day.")

        @ParentCommand var parkctl: Parkctl
        @Option(parsing: .unconditional, help: "A calendar year.") var year: Int?
        @Option(parsing: .unconditional, help: ArgumentHelp("First day.", valueName: "YYYY-MM-DD")) var from: String?
        @Option(parsing: .unconditional, help: ArgumentHelp("Last day.", valueName: "YYYY-MM-DD")) var to: String?
        @Flag(name: .customLong("since-opening"), help: "From the park's first day (the earliest day a firm applied or an event began) up to the last day (--to, the end of --year, or today).")
        var sinceOpening = false
        @Flag(help: "Add month-by-month sums.") var monthly = false
        @Flag(help: "Print CSV instead of a table.") var csv = false

        static let fieldOptions: FieldOptions = ["from": "--from", "to": "--to", "year": "--year"]

        func validate() throws {
            try Self.validateCommandLine()
            // A year's end is the period's end: --to would override it without a word.
            if year != nil, from != nil || to != nil {
                throw ValidationError("Give --year, or --from/--to, not both.")
            }
            if sinceOpening, from != nil {
                throw ValidationError("Give --since-opening or --from, not both: since opening starts at the park's first data.")
            }
            try refuseJSON(with: ["--csv": csv])
        }

        /// A value out of its form is refused as parkd refuses one (65, naming the option), not
        /// as a usage error.
        func checkValues() throws {
            if let year, !(1900...9999).contains(year) {
                throw CommandFailure(ServiceAPI.InvalidField(field: "year", reason: "\(year) is not a year in four digits, 1900 to 9999 (e.g. 2021)").varlinkError)
            }
            for (field, value) in [("from", from), ("to", to)] {
                guard let value else { continue }
                guard value.wholeMatch(of: /[0-9]{4}-[0-9]{2}-[0-9]{2}/) != nil, let year = Int(value.prefix(4)), year >= 1900 else {
                    throw CommandFailure(ServiceAPI.InvalidField(
                        field: field, reason: "'\(value)' is not a day as YYYY-MM-DD with a four-digit year from 1900 (e.g. 2021-03-01)").varlinkError)
                }
            }
        }

        func run() async throws {
            try await reporting { try checkValues() }
            var first = from, last = to
            if let year {
                let digits = String(format: "%04d", year)
                last = last ?? "\(digits)-12-31"
                first = "\(digits)-01-01"
            }
            if sinceOpening { first = nil }
            let asked = StatsAPI.Park(from: first, to: last, monthly: monthly, sinceOpening: sinceOpening ? true : nil)
            try await respond(StatsAPI.park, asked, terminator: csv ? "\r\n" : "\n") { stats in
                csv ? CSVTable.start(byteOrderMark: global.bom) + Stats.csv(stats) : Stats.text(stats, sinceOpening: sinceOpening)
            }
        }

        static let figureNames = [
            ("revenue", "Revenue (yuan)"), ("tax", "Tax (yuan)"), ("employersServed", "Employer firms served"),
            ("workersDispatched", "Workers dispatched"), ("workersOutsourced", "Workers outsourced"),
            ("jobSeekersServed", "Job seekers served"), ("placements", "People placed"),
            ("trainingSessions", "Training sessions"), ("trainingAttendees", "Training attendees"), ("phdHires", "PhD-level hires"),
        ]

        /// Upper-case headers like every other table's; the CSV keeps the camelCase field names.
        static let monthlyTitles = [
            "REVENUE", "TAX", "EMPLOYERS", "DISPATCHED", "OUTSOURCED", "SEEKERS", "PLACED", "SESSIONS", "TRAINED", "PHD",
        ]

        static let eventTitles = ["HELD", "CANCELLED", "EMPLOYERS", "POSITIONS", "JOB SEEKERS", "ATTENDEES", "TALKS", "EXHIBITORS"]
        static let eventFields = ["held", "cancelled", "employers", "positions", "jobSeekers", "attendees", "talks", "exhibitors"]

        static func eventValues(_ figures: StatsAPI.EventFigures) -> [String] {
            [figures.held, figures.cancelled, figures.employers, figures.positions, figures.jobSeekers, figures.attendees, figures.talks,
             figures.exhibitors].map(String.init)
        }

        /// As parkd sends them (CSV); `grouped` for people.
        static func values(_ totals: StatsAPI.Totals) -> [String] {
            [totals.revenue, totals.tax, String(totals.employersServed), String(totals.workersDispatched),
             String(totals.workersOutsourced), String(totals.jobSeekersServed), String(totals.placements),
             String(totals.trainingSessions), String(totals.trainingAttendees), String(totals.phdHires)]
        }

        static func text(_ stats: StatsAPI.ParkReply, sinceOpening: Bool) -> String {
            var fields = Fields()
            fields.add("Period", "\(stats.from) to \(stats.to)" + (sinceOpening ? " (since opening)" : ""))
            fields.add("Tenants", stats.tenantsByStatus.filter { $0.count > 0 }.map { "\($0.count.grouped) \($0.name)" }.joined(separator: ", ").nilIfEmpty)
            fields.add("By business line", stats.tenantsByBusinessLine.filter { $0.count > 0 }.map { "\($0.name) \($0.count.grouped)" }.joined(separator: ", ").nilIfEmpty)
            fields.add("New tenants", stats.newTenants.grouped)
            fields.add("Office area leased", "\(stats.leasedOfficeArea.grouped) of \(stats.officeArea.grouped) m² (\(stats.occupancyPercent)%)")
            fields.add("Incubator", "\(stats.incubatorProjects.grouped) project\(stats.incubatorProjects == 1 ? "" : "s") on \(stats.incubatorSeatsOccupied.grouped) of \(stats.incubatorSeats.grouped) seats (\(stats.incubatorOccupancyPercent)%), \(stats.incubatorPhdTalents.grouped) PhD-level talent\(stats.incubatorPhdTalents == 1 ? "" : "s")")
            fields.add("Reports", stats.totals.reports.grouped)
            for ((_, label), value) in zip(figureNames, values(stats.totals)) { fields.add(label, value.grouped) }
            var text = fields.render()
            if !stats.events.isEmpty {
                var table = Table(columns: [.init(title: "EVENTS")] + eventTitles.map { Table.Column(title: $0, alignment: .right) })
                for figures in stats.events { table.add([figures.kind] + eventValues(figures).map(\.grouped)) }
                text += "\n\n" + table.render()
            }
            if !stats.monthly.isEmpty {
                var table = Table(columns: [.init(title: "MONTH")] + monthlyTitles.map { Table.Column(title: $0, alignment: .right) })
                for month in stats.monthly { table.add([month.month] + values(month.totals).map(\.grouped)) }
                text += "\n\n" + table.render()
            }
            if !stats.paid.isEmpty {
                var table = Table(columns: [
                    .init(title: "PAID IN"), .init(title: "RULE"), .init(title: "LINES", alignment: .right), .init(title: "AMOUNT", alignment: .right),
                ])
                for paid in stats.paid { table.add([String(paid.year), paid.rule, paid.lines.grouped, paid.amount.grouped]) }
                text += "\n\n" + table.render()
            }
            return text
        }

        static func csv(_ stats: StatsAPI.ParkReply) -> String {
            var lines = ["figure,value", "from,\(stats.from)", "to,\(stats.to)"]
            lines += stats.tenantsByStatus.map { "tenants.\($0.name),\($0.count)" }
            lines += stats.tenantsByBusinessLine.map { "businessLine.\($0.name),\($0.count)" }
            lines += ["newTenants,\(stats.newTenants)", "leasedOfficeArea,\(stats.leasedOfficeArea)",
                      "officeArea,\(stats.officeArea)", "occupancyPercent,\(stats.occupancyPercent)",
                      "incubatorProjects,\(stats.incubatorProjects)", "incubatorSeats,\(stats.incubatorSeats)",
                      "incubatorSeatsOccupied,\(stats.incubatorSeatsOccupied)", "incubatorOccupancyPercent,\(stats.incubatorOccupancyPercent)", "incubatorPhdTalents,\(stats.incubatorPhdTalents)",
                      "reports,\(stats.totals.reports)"]
            lines += zip(figureNames, values(stats.totals)).map { "\($0.0.0),\($0.1)" }
            for figures in stats.events {
                lines += zip(eventFields, eventValues(figures)).map { "events.\(figures.kind).\($0.0),\($0.1)" }
            }
            if !stats.monthly.isEmpty {
                lines.append("")
                // The month's count of reports last, after the columns scripts already read.
                lines.append((["month"] + figureNames.map(\.0) + ["reports"]).joined(separator: ","))
                lines += stats.monthly.map { ([$0.month] + values($0.totals) + [String($0.totals.reports)]).joined(separator: ",") }
            }
            if !stats.paid.isEmpty {
                lines.append("")
                lines.append("paidIn,rule,lines,amount")
                lines += stats.paid.map { "\($0.year),\($0.rule),\($0.lines),\($0.amount)" }
            }
            // CRLF, as RFC 4180 and the other CSVs parkctl writes.
            return lines.joined(separator: "\r\n")
        }
    }
}
