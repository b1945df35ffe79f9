import ParkCore
import ParkStore
import Testing

@Suite("Units and leases in the store")
struct LeaseStoreTests {
    static let today = CivilDate(year: 2026, month: 11, day: 29)!

    func day(_ text: String) -> CivilDate { try! CivilDate.parse(text, field: "day") }

    func office(_ number: String, _ area: String) throws -> RentalUnit {
        try RentalUnit(building: "A", floor: "12", number: number, area: Area.parse(area, field: "area"), kind: .office, listRent: Money(fen: 4500),
            availableFrom: CivilDate(year: 2021, month: 1, day: 1)!)
    }

    /// An approved tenant and two office units.
    func park(_ directory: String) async throws -> ParkDatabase {
        let database = try ParkDatabase(path: directory + "/parkd.sqlite")
        _ = try await database.createTenant(try applicant(1), context: context())
        for (status, date) in [(TenantStatus.reviewing, "2021-01-10"), (.approved, "2021-01-20")] {
            _ = try await database.transitionTenant(.id(1), to: status, on: day(date), reason: "step", today: Self.today, context: context())
        }
        _ = try await database.createUnit(try office("1203", "120.50"), context: context())
        _ = try await database.createUnit(try office("1204", "80"), context: context())
        return database
    }

    func terms(_ units: [Int64], _ start: String, _ end: String) -> LeaseTerms {
        LeaseTerms(tenant: .id(1), unitIDs: units, start: day(start), end: day(end), rent: Money(fen: 4000), deposit: .zero, billingDay: 1)
    }

    @Test("building and number are unique")
    func uniqueUnits() async throws {
        try await withTemporaryDirectory { directory in
            let database = try await park(directory)
            await #expect(throws: StoreError.unitExists("A-1203", id: 1)) {
                try await database.createUnit(try office("1203", "10"), context: context())
            }
            #expect(try await database.units().map(\.unit.label) == ["A-1203", "A-1204"])
        }
    }

    @Test("a first lease activates an approved tenant on its start day")
    func firstLeaseActivates() async throws {
        try await withTemporaryDirectory { directory in
            let database = try await park(directory)
            let lease = try await database.createLease(terms([1, 2], "2021-03-15", "2022-03-14"), today: Self.today, context: context())
            #expect(lease.lease.area.description == "200.50")
            let tenant = try await database.tenant(.id(1))
            #expect(tenant.tenant.status == .active)
            #expect(tenant.tenant.statusSince == day("2021-03-15"))
            #expect(tenant.history.last?.change.reason == "first lease 1 signed")
        }
    }

    @Test("a unit held on a day by another lease is refused, naming that lease; a renewal into it too")
    func conflicts() async throws {
        try await withTemporaryDirectory { directory in
            let database = try await park(directory)
            _ = try await database.createLease(terms([2], "2021-03-01", "2021-12-31"), today: Self.today, context: context())
            await #expect(throws: LeaseConflict(unit: "A-1204", lease: 1, from: day("2021-03-01"), to: day("2021-12-31"))) {
                try await database.createLease(self.terms([1, 2], "2021-12-31", "2022-12-31"), today: Self.today, context: context())
            }
            let next = try await database.createLease(terms([2], "2022-01-01", "2022-12-31"), today: Self.today, context: context())
            await #expect(throws: LeaseConflict.self) {
                try await database.renewLease(1, until: self.day("2022-02-28"), today: self.day("2021-06-01"), context: context())
            }
            _ = try await database.terminateLease(next.id, on: day("2022-01-31"), reason: "moved", context: context())
            #expect(try await database.leases(unitID: 2).map(\.id) == [1, 2])
        }
    }

    @Test("only approved or active tenants may sign")
    func applicantsMayNotSign() async throws {
        try await withTemporaryDirectory { directory in
            let database = try await park(directory)
            _ = try await database.createTenant(try applicant(2), context: context())
            var other = terms([1], "2021-03-01", "2021-12-31")
            other.tenant = .id(2)
            await #expect(throws: DomainError.invalid("tenant", "tenant 2 is applicant; a firm signs a lease once approved (and one that has left has the leases of its stay recorded)")) {
                try await database.createLease(other, today: Self.today, context: context())
            }
            #expect(try await database.leases().isEmpty)
        }
    }

    @Test("amendments, renewals and terminations are kept in the lease's history and rent follows them")
    func history() async throws {
        try await withTemporaryDirectory { directory in
            let database = try await park(directory)
            _ = try await database.createLease(terms([1, 2], "2021-03-15", "2022-03-14"), today: Self.today, context: context())
            _ = try await database.amendLease(1, rent: Money(fen: 4200), from: day("2021-10-01"), context: context())
            _ = try await database.renewLease(1, until: day("2022-12-31"), today: day("2021-06-01"), context: context())
            let ended = try await database.terminateLease(1, on: day("2021-12-10"), reason: "搬迁", context: context())
            #expect(ended.events.map(\.kind) == ["signed", "amended", "renewed", "terminated"])
            let reread = try await database.lease(1)
            #expect(reread == ended)
            #expect(try reread.lease.rentDue(year: 2021, month: 3).amount.description == "4398.06")
            #expect(try reread.lease.rentDue(year: 2021, month: 10).amount.description == "8421.00")
            #expect(try reread.lease.rentDue(year: 2021, month: 12).amount.description == "2716.45")
        }
    }
}
