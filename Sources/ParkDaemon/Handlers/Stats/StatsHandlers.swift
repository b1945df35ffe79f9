import ParkControl
import ParkCore
import ParkStore

/// `io.parkd.Stats`.
enum StatsHandlers {
    static func register(in table: inout MethodTable, database: ParkDatabase) {
        table.add(StatsAPI.interface)

        table.register(StatsAPI.park) { request, call in
            let figures = try await database.parkFigures(
                from: try request.from.map { try CivilDate.parse($0, field: "from") }, to: try request.to.map { try CivilDate.parse($0, field: "to") },
                sinceOpening: request.sinceOpening ?? false, monthly: request.monthly ?? false, today: call.state.today(),
                now: call.state.epochSeconds)
            let stats = figures.statistics, incubator = figures.incubator
            return StatsAPI.ParkReply(
                from: figures.period.from.description, to: figures.period.to.description,
                tenantsByStatus: TenantStatus.allCases.map { StatsAPI.Count(name: $0.rawValue, count: stats.tenantsByStatus[$0] ?? 0) },
                tenantsByBusinessLine: BusinessLine.allCases.map { StatsAPI.Count(name: $0.rawValue, count: stats.tenantsByBusinessLine[$0] ?? 0) },
                newTenants: stats.newTenants, leasedOfficeArea: stats.leasedOfficeArea.description,
                officeArea: stats.officeArea.description, occupancyPercent: stats.occupancyPercent,
                incubatorProjects: incubator.projects, incubatorSeats: incubator.seats,
                incubatorSeatsOccupied: incubator.occupied, incubatorOccupancyPercent: incubator.percent,
                incubatorPhdTalents: incubator.phdTalents,
                totals: wire(stats.totals),
                monthly: stats.monthly.map { StatsAPI.MonthTotals(month: $0.month.description, totals: wire($0.totals)) },
                events: figures.events.map(wire),
                paid: figures.paid.map { StatsAPI.PaidRule(year: $0.year, rule: $0.rule, lines: $0.lines, amount: $0.amount.description) })
        }
    }

    static func wire(_ figures: EventFigures) -> StatsAPI.EventFigures {
        let outcome = figures.outcome
        return StatsAPI.EventFigures(
            kind: figures.kind.rawValue, held: figures.held, cancelled: figures.cancelled, withOutcome: figures.withOutcome,
            employers: outcome.employers, positions: outcome.positions, jobSeekers: outcome.jobSeekers, attendees: outcome.attendees,
            talks: outcome.talks, exhibitors: outcome.exhibitors)
    }

    static func wire(_ totals: ReportTotals) -> StatsAPI.Totals {
        let sums = totals.sums
        return StatsAPI.Totals(
            reports: totals.reports, revenue: sums.revenue.description, tax: sums.tax.description,
            employersServed: sums.employersServed, workersDispatched: sums.workersDispatched,
            workersOutsourced: sums.workersOutsourced, jobSeekersServed: sums.jobSeekersServed,
            placements: sums.placements, trainingSessions: sums.trainingSessions,
            trainingAttendees: sums.trainingAttendees, phdHires: sums.phdHires)
    }
}
