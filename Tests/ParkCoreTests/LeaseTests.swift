import ParkCore
import Testing

@Suite("Leases and prorated rent")
struct LeaseTests {
    func date(_ text: String) -> CivilDate { try! CivilDate.parse(text, field: "date") }

    func office(_ id: Int64, _ area: String) -> LeasedUnit {
        LeasedUnit(unitID: id, label: "A-\(id)", area: try! Area.parse(area, field: "area"), kind: .office)
    }

    func lease(_ start: String, _ end: String, rent: String = "40", units: [LeasedUnit]? = nil) throws -> Lease {
        try Lease(
            tenantID: 1, units: units ?? [office(1, "100")], start: date(start), end: date(end),
            rent: Money.parse(rent, field: "rent"), deposit: .zero, billingDay: 1)
    }

    @Test("an amendment on the day of the latest rent change corrects that rent; one before it is refused")
    func correctedRent() throws {
        var signed = try lease("2021-03-15", "2022-03-14", rent: "4")
        #expect(try signed.amend(rent: Money.parse("40", field: "rent"), from: date("2021-03-15")))
        #expect(signed.rents == [RentChange(from: date("2021-03-15"), rent: Money(fen: 4_000))])
        #expect(try !signed.amend(rent: Money.parse("42", field: "rent"), from: date("2021-10-01")))
        #expect(signed.rents.count == 2)
        #expect(throws: DomainError.self) { try signed.amend(rent: Money.parse("43", field: "rent"), from: date("2021-09-30")) }
    }

    @Test("a lease is withdrawn only before its first day")
    func withdrawable() throws {
        let signedAhead = try lease("2021-06-01", "2022-05-31")
        try signedAhead.checkWithdrawable(today: date("2021-05-31"))
        #expect(throws: DomainError.invalid("lease", "lease ? started on 2021-06-01; a lease that has started is ended with lease terminate, never withdrawn")) {
            try signedAhead.checkWithdrawable(today: date("2021-06-01"))
        }
    }

    @Test("a whole month costs rent × area")
    func wholeMonth() throws {
        let due = try lease("2021-01-01", "2021-12-31").rentDue(year: 2021, month: 6)
        #expect(due == RentDue(amount: Money(fen: 400_000), daysLeased: 30, daysInMonth: 30))
    }

    @Test("partial months are prorated by day and rounded half-up once", arguments: [
        // start mid-month: 40 × 100 × 17/31 = 2193.548… → 2193.55
        ("2021-01-15", "2021-12-31", 2021, 1, "2193.55", 17),
        // a lease ending mid-month: 40 × 100 × 10/30 = 1333.333… → 1333.33
        ("2020-01-01", "2021-06-10", 2021, 6, "1333.33", 10),
        // leap February: 29 days; 40 × 100 × 14/29 = 1931.034… → 1931.03
        ("2020-02-16", "2020-12-31", 2020, 2, "1931.03", 14),
        // lease starting on the 31st: one day of a 31-day month; 4000/31 = 129.032… → 129.03
        ("2021-03-31", "2021-12-31", 2021, 3, "129.03", 1),
        // a month entirely outside the lease
        ("2021-03-31", "2021-12-31", 2021, 2, "0.00", 0),
    ])
    func proration(_ start: String, _ end: String, _ year: Int, _ month: Int, _ amount: String, _ days: Int) throws {
        let due = try lease(start, end).rentDue(year: year, month: month)
        #expect(due.amount.description == amount)
        #expect(due.daysLeased == days)
    }

    @Test("half a fen rounds up")
    func halfUp() throws {
        // 0.31 × 0.5 m² over a full month = 0.155 yuan = 15.5 fen → 16 fen
        let small = try lease("2021-01-01", "2021-12-31", rent: "0.31", units: [office(1, "0.5")])
        #expect(try small.rentDue(year: 2021, month: 4).amount.fen == 16)
    }

    @Test("a rent above 100,000 yuan per m² per month is refused, at signing and on amendment")
    func rentLimit() throws {
        let refused = #expect(throws: DomainError.self) { try lease("2021-01-01", "2021-12-31", rent: "100000.01") }
        #expect(refused == .invalid("rent", "100000.01 is too large: at most 100000.00 yuan per m² per month"))
        var signed = try lease("2021-01-01", "2021-12-31", rent: "100000")
        #expect(throws: DomainError.invalid("rent", "9999999999999.00 is too large: at most 100000.00 yuan per m² per month")) {
            try signed.amend(rent: Money.parse("9999999999999", field: "rent"), from: date("2021-06-01"))
        }
        #expect(signed.rents.count == 1, "nothing changed")
    }

    @Test("the largest rent on many of the largest units is counted exactly, past what 64 bits of fen × m² hold")
    func largeRentDue() throws {
        // 100,000 yuan × 1,000,000 m² × 200 units = 2·10^13 yuan a month: fen × centi-m² per day
        // is 2·10^23, beyond 64 bits.
        let units = (1...200).map { office(Int64($0), "1000000") }
        let due = try lease("2021-01-01", "2021-12-31", rent: "100000", units: units).rentDue(year: 2021, month: 6)
        #expect(due.amount.description == "20000000000000.00")
    }

    @Test("a rent amendment applies from its day, the days before keep the old rent")
    func amendment() throws {
        var lease = try lease("2021-01-01", "2021-12-31")
        try lease.amend(rent: Money.parse("50", field: "rent"), from: date("2021-06-16"))
        // 15 days at 40, 15 at 50, × 100 m² ÷ 30 = 2000 + 2500
        #expect(try lease.rentDue(year: 2021, month: 6).amount.description == "4500.00")
        #expect(lease.rents.count == 2)
        #expect(throws: DomainError.self) { try lease.amend(rent: .zero, from: date("2021-06-01")) }
        #expect(throws: DomainError.self) { try lease.amend(rent: .zero, from: date("2022-01-01")) }
        // An amendment to the rent in force changes nothing, and is refused as such.
        #expect(throws: DomainError.invalid("rent", "the rent is 50.00 since 2021-06-16 already; an amendment changes it")) {
            try lease.amend(rent: Money.parse("50.00", field: "rent"), from: date("2021-09-01"))
        }
    }

    @Test("renewal extends, termination shortens, and neither twice in the wrong order")
    func renewAndTerminate() throws {
        var lease = try lease("2021-01-01", "2021-12-31")
        func holder(_ status: TenantStatus) throws -> Tenant {
            Tenant(
                id: 1, particulars: FirmParticulars(name: "青岛英才人力资源有限公司", businessLines: [.recruitment], origin: .local, tags: []),
                creditCode: try CreditCode("91370200163562681G"), status: status, appliedOn: date("2020-12-01"),
                history: [StatusChange(from: .exiting, to: status, on: date("2021-05-31"), reason: "迁出")])
        }
        // A firm that has left keeps no unit: its lease is renewed only within its stay (a past renewal entered late).
        #expect(throws: DomainError.invalid("end", "tenant 1 exited on 2021-05-31; a lease renewed for it ends by its last day in the park, 2021-05-30")) {
            try lease.renew(until: date("2024-12-31"), tenant: holder(.exited), today: date("2021-06-01"))
        }
        #expect(throws: DomainError.invalid("tenant", "tenant 1 is rejected since 2021-05-31; a lease is renewed for a firm once approved")) {
            try lease.renew(until: date("2024-12-31"), tenant: holder(.rejected), today: date("2021-06-01"))
        }
        let active = try holder(.active)
        try lease.renew(until: date("2022-12-31"), tenant: active, today: date("2021-06-01"))
        #expect(throws: DomainError.invalid("end", "2043-01-01 makes a renewal from 2021-06-01 longer than 20 years, the longest a lease runs (Civil Code art. 705); end it on 2041-05-31 at the latest")) {
            try lease.renew(until: date("2043-01-01"), tenant: active, today: date("2021-06-01"))
        }
        // Counted from the day it is agreed: renewing again and again does not stretch it.
        var long = try self.lease("2026-12-07", "2046-12-06")
        #expect(throws: DomainError.invalid("end", "2066-12-31 makes a renewal from 2026-12-07 longer than 20 years, the longest a lease runs (Civil Code art. 705); end it on 2046-12-06 at the latest")) {
            try long.renew(until: date("2066-12-31"), tenant: active, today: date("2026-12-07"))
        }
        #expect(throws: DomainError.invalid("end", "2041-01-01 makes a lease from 2021-01-01 longer than 20 years, the longest a lease runs (Civil Code art. 705); end it on 2040-12-31 at the latest")) {
            try self.lease("2021-01-01", "2041-01-01")
        }
        _ = try self.lease("2021-01-01", "2040-12-31")
        #expect(lease.holds(on: date("2022-06-01")))
        try lease.terminate(on: date("2022-03-10"))
        #expect(lease.lastDay == date("2022-03-10"))
        #expect(!lease.holds(on: date("2022-03-11")))
        #expect(try lease.rentDue(year: 2022, month: 3).daysLeased == 10)
        #expect(throws: DomainError.self) { try lease.renew(until: date("2023-12-31"), tenant: active, today: date("2021-06-01")) }
        #expect(throws: DomainError.self) { try lease.terminate(on: date("2022-02-01")) }
    }

    @Test("termination drops the rent changes that would have begun after the new last day, and says which")
    func terminationDropsLaterRents() throws {
        var lease = try lease("2021-01-01", "2022-12-31")
        try lease.amend(rent: Money.parse("45.00", field: "rent"), from: date("2022-01-01"))
        try lease.amend(rent: Money.parse("50.00", field: "rent"), from: date("2022-07-01"))
        let dropped = try lease.terminate(on: date("2022-06-30"))
        #expect(dropped == [RentChange(from: date("2022-07-01"), rent: try Money.parse("50.00", field: "rent"))])
        #expect(lease.rents.map(\.from) == [date("2021-01-01"), date("2022-01-01")])
        #expect(lease.rent(on: date("2022-06-30")) == (try Money.parse("45.00", field: "rent")))
    }

    @Test("leases conflict only when they share a unit on a day")
    func conflicts() throws {
        let first = try lease("2021-01-01", "2021-06-30")
        #expect(first.conflicts(with: try lease("2021-06-30", "2021-12-31")))
        #expect(!first.conflicts(with: try lease("2021-07-01", "2021-12-31")))
        #expect(!first.conflicts(with: try lease("2021-03-01", "2021-12-31", units: [office(2, "50")])))
        var ended = first
        try ended.terminate(on: date("2021-03-31"))
        #expect(!ended.conflicts(with: try lease("2021-04-01", "2021-12-31")))
    }

    @Test("office area on a day counts only office units held that day")
    func officeArea() throws {
        let seat = LeasedUnit(unitID: 9, label: "I-9", area: try Area.parse("6", field: "area"), kind: .incubator)
        let lease = try lease("2021-01-01", "2021-12-31", units: [office(1, "100"), office(2, "20.5"), seat])
        #expect(lease.area(of: .office, on: date("2021-05-01")).description == "120.50")
        #expect(lease.area(of: .office, on: date("2022-01-01")) == .zero)
    }

    @Test("bad leases are refused with the field", arguments: [
        ("2021-02-01", "2021-01-31", 1, "end"), ("2021-01-01", "2021-12-31", 29, "billingDay"),
    ])
    func refused(_ start: String, _ end: String, _ billingDay: Int, _ field: String) {
        #expect {
            try Lease(tenantID: 1, units: [office(1, "10")], start: date(start), end: date(end), rent: .zero, deposit: .zero, billingDay: billingDay)
        } throws: { ($0 as? DomainError)?.field == field }
    }
}
