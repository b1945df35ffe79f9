import ParkControl
import ParkCore
import ParkStore

/// `io.parkd.Stats`.
enum StatsHandlers {
    static func register(in table: inout MethodTable, database: ParkDatabase) {
        table.add(StatsAPI.interface)

        table.register(StatsAPI.park) { request, call in
            let sinceOpening = request.sinceOpening ?? false
            let period = try StatisticsPeriod.decide(
                from: try request.from.map { try CivilDate.parse($0, field: "from") }, to: try request.to.map { try CivilDate.parse($0, field: "to") },
                sinceOpening: sinceOpening, openingDay: sinceOpening ? try await database.openingDay() : nil, today: call.state.today())
            let from = period.from, to = period.to
            let stats = try await database.statistics(from: from, to: to, monthly: request.monthly ?? false)
            let incubator = try await database.incubatorOccupancy(on: to)
            let events = EventFigures.compute(
                try await database.eventsEnding(from: from, through: to), from: from, through: to,
                now: call.state.epochSeconds)
            var paid: [String: (year: Int, rule: String, lines: Int, amount: Money)] = [:]
            for amount in try await database.paidAmounts(year: nil) where (from.year...to.year).contains(amount.year) {
                let key = "\(amount.year) \(amount.rule)"
                let sum = paid[key] ?? (amount.year, amount.rule, 0, Money.zero)
                paid[key] = (amount.year, amount.rule, sum.lines + amount.lines, sum.amount + amount.amount)
            }
            return StatsAPI.ParkReply(
                from: from.description, to: to.description,
                tenantsByStatus: TenantStatus.allCases.map { StatsAPI.Count(name: $0.rawValue, count: stats.tenantsByStatus[$0] ?? 0) },
                tenantsByBusinessLine: BusinessLine.allCases.map { StatsAPI.Count(name: $0.rawValue, count: stats.tenantsByBusinessLine[$0] ?? 0) },
                newTenants: stats.newTenants, leasedOfficeArea: stats.leasedOfficeArea.description,
                officeArea: stats.officeArea.description, occupancyPercent: stats.occupancyPercent,
                incubatorProjects: incubator.projects, incubatorSeats: incubator.seats,
                incubatorSeatsOccupied: incubator.occupied, incubatorOccupancyPercent: incubator.percent,
                totals: wire(stats.totals),
                monthly: stats.monthly.map { StatsAPI.MonthTotals(month: $0.month.description, totals: wire($0.totals)) },
                events: events.map(wire),
                paid: paid.values.sorted { ($0.year, $0.rule) < ($1.year, $1.rule) }.map {
                    StatsAPI.PaidRule(year: $0.year, rule: $0.rule, lines: $0.lines, amount: $0.amount.description)
                })
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
