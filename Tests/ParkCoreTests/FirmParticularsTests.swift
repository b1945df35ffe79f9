import ParkCore
import Testing

@Suite("A firm's particulars: one rule each, on a form, a new tenant and an edit")
struct FirmParticularsTests {
    static let day = CivilDate(year: 2026, month: 2, day: 2)!

    /// Each way a firm's particulars arrive, given one particular's raw value.
    enum Path: CaseIterable {
        case form, tenant, edit

        func particulars(_ field: String, _ value: String) throws -> FirmParticulars {
            func given(_ name: String) -> String? { field == name ? value : nil }
            switch self {
            case .form:
                return try ApplicationForm(
                    name: given("name") ?? "青岛英才人力资源有限公司", creditCode: "91370200163562681G", businessLines: ["recruitment"],
                    contactPerson: given("contactPerson"), contactPhone: given("contactPhone"), dispatchLicence: given("dispatchLicence"),
                    hrServiceLicence: given("hrServiceLicence"), registeredCapital: .zero, headcount: 1, plannedOfficeArea: .zero,
                    expectedAnnualRevenue: .zero, expectedAnnualTax: .zero, legalRepresentative: "张伟", appliedOn: FirmParticularsTests.day,
                    today: FirmParticularsTests.day
                ).particulars
            case .tenant:
                return try Tenant(
                    name: given("name") ?? "青岛英才人力资源有限公司", creditCode: "91370200163562681G", businessLines: ["recruitment"],
                    contactPerson: given("contactPerson"), contactPhone: given("contactPhone"), dispatchLicence: given("dispatchLicence"),
                    hrServiceLicence: given("hrServiceLicence"), appliedOn: FirmParticularsTests.day, today: FirmParticularsTests.day
                ).particulars
            case .edit:
                var tenant = try Tenant(
                    name: "青岛英才人力资源有限公司", creditCode: "91370200163562681G", businessLines: ["recruitment"],
                    appliedOn: FirmParticularsTests.day, today: FirmParticularsTests.day)
                var edit = TenantEdit()
                edit.name = given("name")
                edit.contactPerson = given("contactPerson")
                edit.contactPhone = given("contactPhone")
                edit.dispatchLicence = given("dispatchLicence")
                edit.hrServiceLicence = given("hrServiceLicence")
                try tenant.apply(edit)
                return tenant.particulars
            }
        }
    }

    @Test("a particular too long or malformed is refused with the same error whichever way it comes", arguments: [
        ("name", String(repeating: "企", count: 101), DomainError.invalid("name", "is 101 characters long; at most 100 are allowed")),
        ("contactPerson", String(repeating: "张", count: 51), DomainError.invalid("contactPerson", "is 51 characters long; at most 50 are allowed")),
        ("contactPhone", "call me", DomainError.invalid("contactPhone", "'call me' may hold only digits, spaces, +, - and parentheses")),
        ("dispatchLicence", String(repeating: "L", count: 65), DomainError.invalid("dispatchLicence", "is 65 characters long; at most 64 are allowed")),
        ("hrServiceLicence", "HR\u{7}001", DomainError.invalid("hrServiceLicence", "contains a control character, U+0007")),
    ])
    func oneRulePerParticular(_ field: String, _ value: String, _ expected: DomainError) {
        for path in Path.allCases {
            #expect(throws: expected, "\(path)") { try path.particulars(field, value) }
        }
    }

    @Test("a particular within its limits is normalised the same way whichever way it comes", arguments: [
        ("contactPerson", "  " + String(repeating: "张", count: 50) + " ", String(repeating: "张", count: 50)),
        ("dispatchLicence", String(repeating: "L", count: 64), String(repeating: "L", count: 64)),
        ("hrServiceLicence", " 鲁人社 HR-001 ", "鲁人社 HR-001"),
    ])
    func acceptedTheSameWay(_ field: String, _ value: String, _ stored: String) throws {
        let read: [String: KeyPath<FirmParticulars, String?>] = [
            "contactPerson": \.contactPerson, "dispatchLicence": \.dispatchLicence, "hrServiceLicence": \.hrServiceLicence,
        ]
        for path in Path.allCases {
            #expect(try path.particulars(field, value)[keyPath: read[field]!] == stored, "\(path)")
        }
    }

    @Test("a form's tenant carries the firm's particulars as the form gave them, and its code checked")
    func admittedTenant() throws {
        let form = try ApplicationForm(
            name: "青岛英才人力资源有限公司", creditCode: "91370200163562681G", businessLines: ["dispatch", "recruitment"], origin: "external",
            tags: ["headquarters"], contactPerson: "李明", contactPhone: "0532-8888 6666", dispatchLicence: "LD-001",
            hrServiceLicence: "HR-001", registeredCapital: .zero, headcount: 1, plannedOfficeArea: .zero, expectedAnnualRevenue: .zero,
            expectedAnnualTax: .zero, legalRepresentative: "张伟", appliedOn: Self.day, today: Self.day)
        let admission = ApplicationAdmission.decide(
            form, facts: PrescreenFacts(), rules: .park, today: Self.day.adding(days: 3))
        guard case .new(let tenant) = admission.registry else {
            Issue.record("a form with a valid code makes a new tenant")
            return
        }
        #expect(tenant.particulars == form.particulars)
        #expect(tenant.businessLines == [.recruitment, .dispatch])
        #expect(tenant.creditCode.value == "91370200163562681G")
        #expect(tenant.status == .applicant)
        #expect(tenant.appliedOn == Self.day)
    }
}
