import ParkCore
import Testing

@Suite("Signing a lease, decided without a database")
struct LeaseSigningTests {
    func day(_ text: String) -> CivilDate { try! CivilDate.parse(text, field: "day") }

    func tenant(_ status: TenantStatus, since: String = "2021-03-12") throws -> Tenant {
        let code = try CreditCode("91370200163562681G")
        let history = status == .applicant ? [] : [StatusChange(from: .reviewing, to: status, on: day(since), reason: "meeting")]
        return Tenant(
            id: 1, particulars: FirmParticulars(name: "青岛英才人力资源有限公司", businessLines: [.recruitment], origin: .local, tags: []),
            creditCode: code, status: status, appliedOn: day("2021-03-01"), history: history)
    }

    let office = LeasedUnit(unitID: 1, label: "A-1203", area: Area(centiSquareMetres: 12_050), kind: .office)
    let seat = LeasedUnit(unitID: 3, label: "B-101", area: Area(centiSquareMetres: 600), kind: .incubator)
    let nobody = UnitHolders(leases: [], projects: [])

    /// A tenant whose history is `steps` (each a status and its day), from reviewing.
    func tenant(_ steps: [(TenantStatus, String)]) throws -> Tenant {
        var from = TenantStatus.reviewing
        let history = steps.map { step in
            defer { from = step.0 }
            return StatusChange(from: from, to: step.0, on: day(step.1), reason: "x")
        }
        return Tenant(
            id: 1, particulars: FirmParticulars(name: "青岛英才人力资源有限公司", businessLines: [.recruitment], origin: .local, tags: []),
            creditCode: try CreditCode("91370200163562681G"), status: steps.last?.0 ?? .reviewing, appliedOn: day("2021-03-01"), history: history)
    }

    /// `firstLeaseStart`: the start of the tenant's first lease, when it has one.
    func sign(_ tenant: Tenant, _ units: [LeasedUnit], from start: String, to end: String = "2022-03-14", holders: UnitHolders? = nil,
              firstLeaseStart: String? = nil, today: String = "2021-06-30") throws -> LeaseSigning {
        try LeaseSigning.decide(
            tenant: tenant, units: units, start: day(start), end: day(end), rent: Money(fen: 4_000), deposit: .zero,
            billingDay: 1, holders: holders ?? nobody, firstLeaseStart: firstLeaseStart.map(day), today: day(today))
    }

    @Test("a first lease activates an approved tenant on its start day once that day has come")
    func firstLeaseActivates() throws {
        let signing = try sign(tenant(.approved), [office], from: "2021-03-15")
        #expect(signing.activatesTenant)
        #expect(signing.activation(leaseID: 7) == StatusChange(from: .approved, to: .active, on: day("2021-03-15"), reason: "first lease 7 signed"))
        #expect(try sign(tenant(.approved), [office], from: "2021-07-01").activatesTenant == false, "the start day has not come")
        #expect(try sign(tenant(.approved), [office], from: "2021-03-15", firstLeaseStart: "2021-03-12").activatesTenant == false)
        // Signed after a lease signed ahead, but starting before it and started: it is the first lease now.
        #expect(try sign(tenant(.approved), [office], from: "2021-03-15", firstLeaseStart: "2021-09-01").activatesTenant)
        #expect(try sign(tenant(.active), [office], from: "2021-03-15").activation(leaseID: 7) == nil)
    }

    @Test("a first lease signed ahead moves the tenant in on its start day, once that day has come and onboarding is closed")
    func moveInOnTheStartDay() throws {
        let lease = (id: Int64(7), start: day("2021-07-01"))
        #expect(try LeaseSigning.moveIn(tenant: tenant(.approved), firstLease: lease, onboardingOpen: false, today: day("2021-06-30")) == nil)
        let due = try LeaseSigning.moveIn(tenant: tenant(.approved), firstLease: lease, onboardingOpen: false, today: day("2021-07-01"))
        #expect(due == StatusChange(from: .approved, to: .active, on: day("2021-07-01"), reason: "first lease 7 started"))
        // However late the job runs, the tenant moved in on the start day.
        let late = try LeaseSigning.moveIn(tenant: tenant(.approved), firstLease: lease, onboardingOpen: false, today: day("2021-07-09"))
        #expect(late?.on == day("2021-07-01"))
        #expect(try LeaseSigning.moveIn(tenant: tenant(.approved), firstLease: lease, onboardingOpen: true, today: day("2021-07-09")) == nil,
                "the checklist's last tick moves it in")
        #expect(try LeaseSigning.moveIn(tenant: tenant(.active), firstLease: lease, onboardingOpen: false, today: day("2021-07-09")) == nil)
        #expect(try LeaseSigning.moveIn(tenant: tenant(.reviewing), firstLease: lease, onboardingOpen: false, today: day("2021-07-09")) == nil)
    }

    @Test("only approved or active tenants sign; a first lease may not start before the approval")
    func whoMaySign() throws {
        #expect(throws: DomainError.invalid("tenant", "tenant 1 is applicant; a firm signs a lease once approved (and one that has left has the leases of its stay recorded)")) {
            try sign(tenant(.applicant), [office], from: "2021-03-15")
        }
        #expect(throws: DomainError.invalid("start", "2021-03-10 is before 2021-03-12, when the tenant became approved")) {
            try sign(tenant(.approved), [office], from: "2021-03-10")
        }
        // Nor a lease after the first, signed ahead: its start would be no day the tenant could be in.
        #expect(throws: DomainError.invalid("start", "2021-03-10 is before 2021-03-12, when the tenant became approved")) {
            try sign(tenant(.approved), [office], from: "2021-03-10", firstLeaseStart: "2021-03-15", today: "2021-03-13")
        }
        #expect(try sign(tenant(.active), [office], from: "2021-03-12", firstLeaseStart: "2021-03-12").activatesTenant == false)
    }

    @Test("a park entering its past: an earlier lease of an active tenant brings its move-in forward; a firm gone has the leases of its stay recorded")
    func pastLeases() throws {
        let active = try tenant([(.approved, "2019-01-10"), (.active, "2021-01-01")])
        // Its real first lease, entered after the later one: the tenant moved in with it.
        let earlier = try sign(active, [office], from: "2019-02-01", to: "2020-12-31", firstLeaseStart: "2021-01-01")
        #expect(earlier.movesInEarlier == day("2019-02-01") && !earlier.activatesTenant)
        #expect(earlier.earlierMoveIn(leaseID: 9)?.on == day("2019-02-01"))
        #expect(earlier.earlierMoveIn(leaseID: 9)?.reason == "first lease 9 signed (entered after a lease that starts later)")
        #expect(try sign(active, [office], from: "2021-06-01", firstLeaseStart: "2021-01-01").movesInEarlier == nil)
        #expect(throws: DomainError.invalid("start", "2019-01-09 is before 2019-01-10, when the tenant became approved")) {
            try sign(active, [office], from: "2019-01-09", firstLeaseStart: "2021-01-01")
        }
        // Moved in by an onboarding checklist's last tick after its first lease started: that day stands.
        let onboarded = try tenant([(.approved, "2021-03-01"), (.active, "2021-03-12")])
        func signOnboarded(_ tenant: Tenant, from start: String, firstLeaseStart: String?) throws -> LeaseSigning {
            try LeaseSigning.decide(
                tenant: tenant, units: [office], start: day(start), end: day("2022-03-14"), rent: Money(fen: 4_000), deposit: .zero, billingDay: 1,
                holders: nobody, firstLeaseStart: firstLeaseStart.map(day), onboardingCompletedOn: day("2021-03-12"), today: day("2021-06-30"))
        }
        #expect(try signOnboarded(onboarded, from: "2021-03-03", firstLeaseStart: "2021-03-05").movesInEarlier == nil)
        // A first lease entered after the checklist's last tick, starting before it: in the park from the tick.
        let approved = try tenant([(.approved, "2021-03-01")])
        let late = try signOnboarded(approved, from: "2021-03-05", firstLeaseStart: nil)
        #expect(late.activation(leaseID: 4) == StatusChange(
            from: .approved, to: .active, on: day("2021-03-12"), reason: "first lease 4 signed, onboarding checklist completed on 2021-03-12"))
        #expect(try signOnboarded(approved, from: "2021-03-20", firstLeaseStart: nil).activation(leaseID: 4)?.on == day("2021-03-20"))
        // Leaving, or gone: the leases of its stay, ending before it left.
        let exited = try tenant([(.approved, "2019-01-10"), (.active, "2019-02-01"), (.exiting, "2022-08-01"), (.exited, "2022-09-16")])
        #expect(try sign(exited, [office], from: "2021-01-01", to: "2022-09-15", firstLeaseStart: "2019-02-01").movesInEarlier == nil)
        #expect(throws: DomainError.invalid("end", "tenant 1 exited on 2022-09-16; a lease recorded for it ends by its last day in the park, 2022-09-15")) {
            try sign(exited, [office], from: "2021-01-01", to: "2022-09-16", firstLeaseStart: "2019-02-01")
        }
        #expect(try sign(exited, [office], from: "2019-01-15", to: "2019-12-31", firstLeaseStart: "2019-02-01").movesInEarlier == day("2019-01-15"))
        #expect(try sign(tenant([(.approved, "2021-03-01"), (.active, "2021-03-12"), (.exiting, "2021-05-01")]), [office], from: "2021-03-12",
                         firstLeaseStart: "2021-03-12").activatesTenant == false)
        #expect(throws: DomainError.invalid("tenant", "tenant 1 is rejected; a firm signs a lease once approved (and one that has left has the leases of its stay recorded)")) {
            try sign(tenant([(.rejected, "2021-03-12")]), [office], from: "2021-03-15")
        }
    }

    @Test("a unit held by another lease on one of the days is refused, naming the unit and the lease")
    func conflicts() throws {
        var other = try Lease(tenantID: 2, units: [office], start: day("2021-01-01"), end: day("2021-03-15"), rent: Money(fen: 4_000), deposit: .zero, billingDay: 1)
        other.id = 4
        let holders = UnitHolders(leases: [other], projects: [])
        #expect(throws: LeaseConflict(unit: "A-1203", lease: 4, from: day("2021-01-01"), to: day("2021-03-15"))) {
            try sign(tenant(.approved), [office], from: "2021-03-15", holders: holders)
        }
        #expect(try sign(tenant(.approved), [office], from: "2021-03-16", holders: holders).lease.units == [office])
    }

    @Test("an incubator seat a project occupies on one of the days is refused, naming the seat and the project")
    func occupiedSeat() throws {
        var project = try IncubatorProject(
            name: "智聘云", founder: "李明", team: nil, university: nil, phdCount: 0, seatIDs: [3], enteredOn: day("2021-03-01"), today: day("2021-03-01"))
        project.id = 1
        let holders = UnitHolders(leases: [], projects: [project])
        #expect(throws: DomainError.invalid("units", "incubator seat B-101 is occupied by project 1 (智聘云) from 2021-03-01")) {
            try sign(tenant(.approved), [seat], from: "2021-03-15", holders: holders)
        }
    }
}
