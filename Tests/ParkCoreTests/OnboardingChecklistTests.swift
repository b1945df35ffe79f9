import ParkCore
import Testing

@Suite("The onboarding checklist and when it lets a firm become active, decided without a database")
struct OnboardingChecklistTests {
    func day(_ text: String) -> CivilDate { try! CivilDate.parse(text, field: "day") }

    func approved(on since: String = "2026-02-27") throws -> Tenant {
        Tenant(
            id: 1, particulars: FirmParticulars(name: "申请企业1", businessLines: [.recruitment], origin: .local, tags: []),
            creditCode: try CreditCode("91370200MA3C1234XQ"), status: .approved, appliedOn: day("2026-02-02"),
            history: [StatusChange(from: .reviewing, to: .approved, on: day(since), reason: "入驻评审会 1")])
    }

    func checklist(ticked: Set<String> = []) -> OnboardingChecklist {
        OnboardingChecklist(application: 1, items: OnboardingChecklist.parkItems.map {
            var item = $0
            if ticked.contains(item.name) { item.tickedOn = day("2026-03-02") }
            return item
        })
    }

    @Test("a tick that leaves an item open activates nothing, even with the lease started")
    func notTheLast() throws {
        let tick = try checklist().tick("leaseSigned", tenant: approved(), firstLeaseStart: day("2026-03-01"), today: day("2026-03-02"))
        #expect(tick.index == 0 && tick.activation == nil)
    }

    @Test("the last tick activates an approved firm whose first lease has started, on the day of the tick")
    func lastTickActivates() throws {
        let list = checklist(ticked: ["leaseSigned", "registrationMoved"])
        let tick = try list.tick("licenceCopiesFiled", tenant: approved(), firstLeaseStart: day("2026-03-01"), today: day("2026-03-05"))
        #expect(tick.activation == StatusChange(
            from: .approved, to: .active, on: day("2026-03-05"),
            reason: "onboarding checklist complete (licenceCopiesFiled ticked last), first lease started 2026-03-01"))
        // No lease, or one that has not started: the checklist completes, the firm stays approved.
        #expect(try list.tick("licenceCopiesFiled", tenant: approved(), firstLeaseStart: nil, today: day("2026-03-05")).activation == nil)
        #expect(try list.tick("licenceCopiesFiled", tenant: approved(), firstLeaseStart: day("2026-04-01"), today: day("2026-03-05")).activation == nil)
        var active = try approved()
        active.status = .active
        #expect(try list.tick("licenceCopiesFiled", tenant: active, firstLeaseStart: day("2026-03-01"), today: day("2026-03-05")).activation == nil)
    }

    @Test("an unknown item, one ticked already, or any item of a rejected firm is refused, naming the field")
    func refused() throws {
        #expect(throws: DomainError.invalid(
            "item", "'keysHandedOver' is not an item of application 1's checklist; its items are leaseSigned, registrationMoved, licenceCopiesFiled")) {
            try checklist().tick("keysHandedOver", tenant: approved(), firstLeaseStart: nil, today: day("2026-03-05"))
        }
        #expect(throws: DomainError.invalid("item", "'leaseSigned' was ticked on 2026-03-02 already")) {
            try checklist(ticked: ["leaseSigned"]).tick("leaseSigned", tenant: approved(), firstLeaseStart: nil, today: day("2026-03-05"))
        }
        // A firm whose approval was superseded by a rejection ticks nothing more.
        var rejected = try approved()
        rejected.status = .rejected
        #expect(throws: DomainError.invalid(
            "application", "the firm of application 1 is rejected: a checklist is ticked only once the firm is approved")) {
            try checklist(ticked: ["leaseSigned"]).tick("registrationMoved", tenant: rejected, firstLeaseStart: nil, today: day("2026-03-05"))
        }
        #expect(checklist(ticked: ["leaseSigned", "registrationMoved", "licenceCopiesFiled"]).isComplete)
        #expect(!checklist(ticked: ["leaseSigned"]).isComplete)
    }

    @Test("a first lease does not activate an approved firm whose checklist is open")
    func leaseWithOpenChecklist() throws {
        let office = LeasedUnit(unitID: 1, label: "A-1203", area: Area(centiSquareMetres: 12_050), kind: .office)
        func sign(open: Bool) throws -> LeaseSigning {
            try LeaseSigning.decide(
                tenant: try approved(), units: [office], start: day("2026-03-01"), end: day("2027-02-28"), rent: Money(fen: 4_000),
                deposit: .zero, billingDay: 1, holders: UnitHolders(leases: [], projects: []), firstLeaseStart: nil, onboardingOpen: open,
                today: day("2026-03-02"))
        }
        #expect(try sign(open: true).activatesTenant == false)
        #expect(try sign(open: false).activatesTenant == true)
    }
}
