import ParkCore
import Testing

@Suite("Applications and their prescreen")
struct ApplicationAdmissionTests {
    static let day = CivilDate(year: 2021, month: 3, day: 1)!
    static let today = CivilDate(year: 2021, month: 3, day: 5)!

    func form(
        creditCode: String = "91370200163562681G", lines: [String] = ["recruitment", "dispatch"], hrLicence: String? = "HR-001",
        dispatchLicence: String? = "LD-001", capital: Int64 = 500_000_000
    ) throws -> ApplicationForm {
        try ApplicationForm(
            name: "青岛英才人力资源有限公司", creditCode: creditCode, businessLines: lines, dispatchLicence: dispatchLicence,
            hrServiceLicence: hrLicence, registeredCapital: Money(fen: capital), headcount: 120,
            plannedOfficeArea: Area(centiSquareMetres: 60_000), expectedAnnualRevenue: Money(fen: 30_000_000_000),
            expectedAnnualTax: Money(fen: 1_200_000_000), legalRepresentative: "张伟",
            shareholders: [Shareholder(name: "青岛英才控股", shareBasisPoints: 6000), Shareholder(name: "李明", shareBasisPoints: 1250)],
            appliedOn: Self.day, today: Self.today)
    }

    func tenant(_ status: TenantStatus, id: Int64 = 7) throws -> Tenant {
        var tenant = try Tenant(name: "青岛英才人力资源有限公司", creditCode: "91370200163562681G", appliedOn: Self.day, today: Self.today)
        tenant.id = id
        if status != .applicant {
            tenant.apply(StatusChange(from: .applicant, to: status, on: Self.day, reason: "earlier"))
        }
        return tenant
    }

    @Test("a firm meeting every criterion waits for review, and a new applicant record moves to reviewing")
    func passes() throws {
        let admission = ApplicationAdmission.decide(try form(), facts: PrescreenFacts(), rules: .park, today: Self.today)
        #expect(admission.passed)
        #expect(admission.status == .awaitingReview)
        #expect(admission.checks.map(\.criterion) == PrescreenCriterion.allCases)
        #expect(admission.checks.map(\.reason) == [
            "91370200163562681G is a valid credit code", "HR service licence HR-001, dispatch licence LD-001",
            "registered capital 5000000.00 yuan, at least 2000000.00", "not in the registry", "no other open application",
            "not on the park's blocklist",
        ])
        guard case .new(let tenant) = admission.registry else { Issue.record("no new tenant"); return }
        #expect(tenant.status == .applicant && tenant.creditCode.value == "91370200163562681G")
        #expect(admission.statusChange == StatusChange(from: .applicant, to: .reviewing, on: Self.day, reason: "application passed the prescreen"))
    }

    @Test("every failed criterion is listed with its reason, and the applicant is rejected")
    func failsWithEveryReason() throws {
        let blocklisted = try BlocklistEntry(
            creditCode: "91370200163562681G", name: "青岛英才", reason: "失信被执行人 (2020) 鲁02执123号", listedOn: Self.day, today: Self.today)
        let admission = ApplicationAdmission.decide(
            try form(hrLicence: nil, dispatchLicence: nil, capital: 199_999_999),
            facts: PrescreenFacts(tenant: try tenant(.applicant), openApplication: nil, blocklisted: blocklisted), rules: .park,
            today: Self.today)
        #expect(admission.status == .prescreenFailed)
        #expect(admission.failures.map(\.criterion) == [.licences, .registeredCapital, .notBlocklisted])
        #expect(admission.failures.map(\.reason) == [
            "no HR service licence, needed for recruitment; no dispatch licence, needed for dispatch",
            "registered capital 1999999.99 yuan is below the minimum of 2000000.00",
            "on the park's blocklist since 2021-03-01: 失信被执行人 (2020) 鲁02执123号",
        ])
        guard case .existing(let record) = admission.registry else { Issue.record("the applicant record is not reused"); return }
        #expect(record.id == 7)
        #expect(admission.statusChange?.to == .rejected)
        #expect(admission.statusChange?.reason == "application failed the prescreen: licences, registeredCapital, notBlocklisted")
    }

    @Test("exactly the minimum capital passes; a dispatch-only firm needs no HR service licence")
    func boundaries() throws {
        let admission = ApplicationAdmission.decide(
            try form(lines: ["dispatch"], hrLicence: nil, capital: 200_000_000), facts: PrescreenFacts(), rules: .park, today: Self.today)
        #expect(admission.passed)
        let other = ApplicationAdmission.decide(
            try form(lines: ["other"], hrLicence: nil, dispatchLicence: nil), facts: PrescreenFacts(), rules: .park, today: Self.today)
        #expect(other.checks[1].reason == "no line of business needs a licence")
    }

    @Test("an invalid credit code fails the prescreen and leaves the registry alone")
    func invalidCode() throws {
        let admission = ApplicationAdmission.decide(try form(creditCode: "91370200163562681X"), facts: PrescreenFacts(), rules: .park, today: Self.today)
        #expect(admission.failures.map(\.criterion) == [.creditCode])
        #expect(admission.failures[0].reason == "check character is 'X' but the first 17 characters require 'G'")
        #expect(admission.registry == .none)
        #expect(admission.statusChange == nil)
    }

    @Test("a tenant already in the park, or one under review, fails and its record is left as it is", arguments: [
        (TenantStatus.active, PrescreenCriterion.notATenant, "already tenant 7, active since 2021-03-01"),
        (.rejected, .notATenant, "tenant 7 of the registry is rejected since 2021-03-01, a status it cannot leave"),
        (.reviewing, .noOpenApplication, "tenant 7 is under review since 2021-03-01"),
    ])
    func existingTenant(status: TenantStatus, criterion: PrescreenCriterion, reason: String) throws {
        let admission = ApplicationAdmission.decide(
            try form(), facts: PrescreenFacts(tenant: try tenant(status)), rules: .park, today: Self.today)
        #expect(admission.failures.map(\.criterion) == [criterion])
        #expect(admission.failures.map(\.reason) == [reason])
        #expect(admission.statusChange == nil)
    }

    @Test("another open application fails the prescreen")
    func openApplication() throws {
        let admission = ApplicationAdmission.decide(try form(), facts: PrescreenFacts(openApplication: 3), rules: .park, today: Self.today)
        #expect(admission.failures.map(\.reason) == ["application 3 of the firm is still open"])
    }

    @Test("only the configured criteria apply, with the configured threshold")
    func configured() throws {
        let rules = PrescreenRules(criteria: [.notBlocklisted, .registeredCapital], minimumRegisteredCapital: Money(fen: 1_000_000_000))
        let admission = ApplicationAdmission.decide(
            try form(hrLicence: nil, dispatchLicence: nil), facts: PrescreenFacts(), rules: rules, today: Self.today)
        #expect(admission.checks.map(\.criterion) == [.registeredCapital, .notBlocklisted])
        #expect(admission.failures.map(\.reason) == ["registered capital 5000000.00 yuan is below the minimum of 10000000.00"])
    }

    @Test("bad fields name the field", arguments: [
        ("shareholder", DomainError.invalid("shareholders", "the share of 李明, '0', is not a percentage above 0 and at most 100 with at most two decimals")),
        ("shares", DomainError.invalid("shareholders", "the shares add up to 110%, more than 100%")),
        ("lines", DomainError.invalid("businessLines", "give at least one line of business")),
        ("future", DomainError.invalid("appliedOn", "2021-03-06 is in the future (today is 2021-03-05)")),
        ("headcount", DomainError.invalid("headcount", "-1 is out of range; give 0 to 1000000")),
    ])
    func badFields(_ what: String, _ expected: DomainError) throws {
        #expect(throws: expected) {
            switch what {
            case "shareholder": _ = try Shareholder.parse("李明=0")
            case "shares":
                _ = try ApplicationForm(
                    name: "A", creditCode: "91370200163562681G", businessLines: ["recruitment"], registeredCapital: .zero, headcount: 1,
                    plannedOfficeArea: .zero, expectedAnnualRevenue: .zero, expectedAnnualTax: .zero, legalRepresentative: "张伟",
                    shareholders: [try Shareholder.parse("甲=60"), try Shareholder.parse("乙=50")], appliedOn: Self.day, today: Self.today)
            default:
                _ = try ApplicationForm(
                    name: "A", creditCode: "91370200163562681G", businessLines: what == "lines" ? [] : ["recruitment"],
                    registeredCapital: .zero, headcount: what == "headcount" ? -1 : 1, plannedOfficeArea: .zero,
                    expectedAnnualRevenue: .zero, expectedAnnualTax: .zero, legalRepresentative: "张伟",
                    appliedOn: what == "future" ? Self.today.adding(days: 1) : Self.day, today: Self.today)
            }
        }
    }

    @Test("shares read and print exactly")
    func shares() throws {
        #expect(try Shareholder.parse("青岛英才控股 = 60").shareBasisPoints == 6000)
        #expect(try Shareholder.parse("李明=12.5").description == "李明=12.5")
        #expect(Shareholder.percent(1250) == "12.5" && Shareholder.percent(1) == "0.01")
    }

    @Test("only an open application is withdrawn; the record under review becomes rejected")
    func withdrawal() throws {
        let withdrawal = try ApplicationWithdrawal.decide(
            application: 4, status: .awaitingReview, appliedOn: Self.day, tenant: try tenant(.reviewing), reason: "另选园区",
            on: Self.today, today: Self.today)
        #expect(withdrawal.statusChange == StatusChange(from: .reviewing, to: .rejected, on: Self.today, reason: "application 4 withdrawn: 另选园区"))
        #expect(throws: DomainError.invalid("application", "application 4 is withdrawn, not open: only an open application can be withdrawn")) {
            try ApplicationWithdrawal.decide(
                application: 4, status: .withdrawn, appliedOn: Self.day, tenant: nil, reason: "again", on: Self.today, today: Self.today)
        }
    }
}
