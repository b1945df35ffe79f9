import ParkControl
import ParkCore
import ParkStore

/// `io.parkd.Demo`.
enum DemoHandlers {
    static func register(in table: inout MethodTable, database: ParkDatabase, staging: ImportStaging, feed: EventCalendarFeed) {
        table.add(DemoAPI.interface)

        table.register(DemoAPI.load, runs: .offEventLoop) { request, call in
            let reports = try staging.take(request.reportsImport, owner: call.caller.uid)
            let today = call.state.today()
            let context = call.change()
            var parsed: (demo: DemoPark, reports: (rows: [ImportedReport], problems: [ImportProblem]))
            do {
                parsed = (
                    try DemoPark.parse(units: request.units, tenants: request.tenants, leases: request.leases, incubator: request.incubator, today: today),
                    try ReportImport.parse(reports))
                if let events = request.events {
                    parsed.demo.events = try DemoEvent.parse(events, timeZone: call.state.config.timeZone, rules: call.state.parkZone)
                }
            } catch {
                // Refused before the store saw it: still one audited attempt.
                try await database.recordOutcome(of: context, refusedFor: error)
                throw error
            }
            let summary = try await database.loadDemo(
                parsed.demo, reports: parsed.reports.rows, reportProblems: parsed.reports.problems,
                reportsFile: ImportedFile(sha256: ContentHash.sha256(Array(reports.utf8)), bytes: reports.utf8.count), today: today, context: context)
            await feed.refresh()
            return DemoAPI.LoadReply(
                units: summary.units, tenants: summary.tenants, leases: summary.leases, projects: summary.projects, reports: summary.reports,
                events: summary.events)
        }
    }
}
