import ParkCore
import Testing

@Suite("Park statistics")
struct ParkStatisticsTests {
    func day(_ text: String) -> CivilDate { try! CivilDate.parse(text, field: "day") }

    func tenant(_ code: String, lines: [String], steps: [(TenantStatus, String)]) throws -> Tenant {
        var tenant = try Tenant(name: "Firm", creditCode: code, businessLines: lines, appliedOn: day("2020-06-01"), today: day("2030-01-01"))
        for (status, on) in steps {
            tenant.apply(try tenant.change(to: status, on: day(on), reason: "step", today: day("2026-01-01")))
        }
        return tenant
    }

    @Test("statuses, lines and newcomers are counted as they stood on the last day")
    func registry() throws {
        let joined = try tenant("91370200163562681G", lines: ["dispatch", "training"], steps: [(.reviewing, "2020-07-01"), (.approved, "2020-08-01"), (.active, "2021-03-15")])
        let leftLater = try tenant("91370200718022626N", lines: ["recruitment"], steps: [(.reviewing, "2020-07-01"), (.approved, "2020-08-01"), (.active, "2020-09-01"), (.exiting, "2021-11-01"), (.exited, "2022-02-01")])
        let stats = ParkStatistics.compute(
            from: day("2021-01-01"), to: day("2021-12-31"), tenants: [joined, leftLater].map(\.standing), leases: [],
            officeArea: .zero, monthTotals: [], monthly: false)
        #expect(stats.tenantsByStatus == [.active: 1, .exiting: 1])
        #expect(stats.tenantsByBusinessLine == [.dispatch: 1, .training: 1, .recruitment: 1])
        #expect(stats.newTenants == 1)
        #expect(joined.status(on: day("2020-05-31")) == nil)
        #expect(joined.status(on: day("2020-06-30")) == .applicant)
    }

    @Test("occupancy is leased ÷ office area, rounded half-up to 0.01 %")
    func occupancy() throws {
        let unit = LeasedUnit(unitID: 1, label: "A-1", area: try Area.parse("100", field: "area"), kind: .office)
        let lease = try Lease(tenantID: 1, units: [unit], start: day("2021-01-01"), end: day("2021-12-31"), rent: .zero, deposit: .zero, billingDay: 1)
        let stats = ParkStatistics.compute(
            from: day("2021-01-01"), to: day("2021-06-30"), tenants: [], leases: [lease],
            officeArea: try Area.parse("300", field: "area"), monthTotals: [], monthly: false)
        #expect(stats.occupancyPercent == "33.33")
        #expect(stats.leasedOfficeArea.description == "100.00")
    }

    @Test("totals add every month exactly")
    func totals() {
        var march = ReportTotals()
        march.reports = 1
        march.sums.revenue = Money(fen: 125_000_050)
        var april = ReportTotals()
        april.reports = 2
        april.sums.revenue = Money(fen: 130_000_000)
        let stats = ParkStatistics.compute(
            from: day("2021-01-01"), to: day("2021-12-31"), tenants: [], leases: [], officeArea: .zero,
            monthTotals: [(Month(year: 2021, month: 4), april), (Month(year: 2021, month: 3), march)], monthly: true)
        #expect(stats.totals.sums.revenue.description == "2550000.50")
        #expect(stats.totals.reports == 3)
        #expect(stats.monthly.map(\.month.description) == ["2021-03", "2021-04"])
    }

    @Test("totals add every flow a report gives, and not its headcount")
    func flows() {
        var month = ReportTotals()
        month.reports = 1
        month.sums.headcount = 40
        for (index, flow) in OperatingFigures.flowCountFields.enumerated() { month.sums[count: flow] = index + 1 }
        var total = ReportTotals()
        total.add(month)
        total.add(month)
        #expect(total.reports == 2)
        for (index, flow) in OperatingFigures.flowCountFields.enumerated() { #expect(total.sums[count: flow] == 2 * (index + 1), "\(flow)") }
        #expect(total.sums.headcount == 0, "a headcount is the staff on a day: it does not add up over months")
        #expect(OperatingFigures.flowCountFields == OperatingFigures.countFields.filter { $0 != "headcount" })
    }
}
