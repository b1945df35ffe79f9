import ParkCore
import Testing

@Suite("A tenant's exit decided against its leases and reports")
struct TenantExitTests {
    func day(_ text: String) throws -> CivilDate { try CivilDate.parse(text, field: "day") }

    func lease(_ id: Int64, _ start: String, _ end: String) throws -> Lease {
        var lease = try Lease(
            tenantID: 1, units: [LeasedUnit(unitID: id, label: "A-\(id)", area: Area(centiSquareMetres: 10_000), kind: .office)],
            start: day(start), end: day(end), rent: Money(fen: 4_000), deposit: Money(fen: 0), billingDay: 1)
        lease.id = id
        return lease
    }

    @Test("leases running past the last day end on it; those already over stay as they are")
    func endsRunningLeases() throws {
        let exit = try TenantExit.decide(
            on: day("2022-01-01"), leases: [lease(1, "2019-01-01", "2020-12-31"), lease(2, "2021-01-01", "2023-12-31")],
            reportedMonths: [Month.parse("2021-12", field: "month")])
        #expect(exit.lastDay == (try day("2021-12-31")))
        #expect(exit.endedLeases.map(\.id) == [2])
        #expect(exit.endedLeases.first?.lastDay == (try day("2021-12-31")))
    }

    @Test("a lease already terminated after the last day ends on it, losing the rent changes it would not reach")
    func endsTerminatedLeaseEarlier() throws {
        var terminated = try lease(4, "2021-01-01", "2023-12-31")
        try terminated.amend(rent: Money(fen: 4_500), from: day("2022-03-01"))
        try terminated.terminate(on: day("2022-06-30"))
        let exit = try TenantExit.decide(on: day("2022-02-01"), leases: [terminated], reportedMonths: [])
        let ended = try #require(exit.endedLeases.first)
        #expect(ended.lastDay == (try day("2022-01-31")))
        #expect(ended.rents.map(\.rent) == [Money(fen: 4_000)])
    }

    @Test("a lease from the exit day on, or a report of a month after the last day, refuses the exit")
    func contradictions() throws {
        #expect(throws: DomainError.invalid("on", "lease 3 starts on 2022-01-01, on or after the exit day 2022-01-01; withdraw a lease that has not started (lease withdraw) or change the exit day first")) {
            try TenantExit.decide(on: self.day("2022-01-01"), leases: [self.lease(3, "2022-01-01", "2022-12-31")], reportedMonths: [])
        }
        #expect(throws: DomainError.self) {
            try TenantExit.decide(on: self.day("2021-06-01"), leases: [], reportedMonths: [Month.parse("2021-06", field: "month")])
        }
        // A report of the exit month's first days is no contradiction: the firm was in the park then.
        _ = try TenantExit.decide(on: day("2021-06-15"), leases: [], reportedMonths: [Month.parse("2021-06", field: "month")])
    }
}
