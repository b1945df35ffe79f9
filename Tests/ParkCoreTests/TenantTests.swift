import ParkCore
import Testing

@Suite("Tenant registry rules")
struct TenantTests {
    static let day = CivilDate(year: 2021, month: 3, day: 1)!
    static let today = CivilDate(year: 2021, month: 12, day: 31)!

    func applicant() throws -> Tenant {
        try Tenant(
            name: "  青岛市人力资源服务有限公司 ", creditCode: "91370200163562681G",
            businessLines: ["dispatch", "recruitment", "dispatch"], origin: "external",
            tags: ["headquarters", "china-top-500", "headquarters"], contactPhone: "0532-8888 6666", appliedOn: Self.day, today: Self.day)
    }

    @Test("a new tenant is an applicant with normalised fields")
    func creation() throws {
        let tenant = try applicant()
        #expect(tenant.status == .applicant)
        #expect(tenant.name == "青岛市人力资源服务有限公司")
        #expect(tenant.businessLines == [.recruitment, .dispatch])
        #expect(tenant.tags == ["china-top-500", "headquarters"])
        #expect(tenant.origin == .external)
        #expect(tenant.statusSince == Self.day)
    }

    @Test("bad fields are refused with the field named", arguments: [
        (["name": ""], DomainError.invalid("name", "must not be empty")),
        (["line": "payroll"], DomainError.invalid("businessLines", "'payroll' is not a business line; use one of recruitment, dispatch, training, outsourcing, headhunting, consulting, assessment, other")),
        (["origin": "abroad"], DomainError.invalid("origin", "'abroad' is not an origin; use local or external")),
        (["tag": "Top 100"], DomainError.invalid("tags", "'Top 100' is not a tag: use 1 to 40 lower-case letters, digits and hyphens, not starting with a hyphen")),
        (["phone": "call me"], DomainError.invalid("contactPhone", "'call me' may hold only digits, spaces, +, - and parentheses")),
        (["phone": "123"], DomainError.invalid("contactPhone", "'123' has 3 digits; a phone number has 5 to 20")),
        (["name": "a\u{7}b"], DomainError.invalid("name", "contains a control character, U+0007")),
        (["name": "青岛\u{202E}司公限有"], DomainError.invalid("name", "contains a bidirectional control character, U+202E, which would show the text otherwise than it is stored")),
        (["name": "Firm \u{200F}(1) 2"], DomainError.invalid("name", "contains a bidirectional control character, U+200F, which would show the text otherwise than it is stored")),
        (["name": "\u{200B}"], DomainError.invalid("name", "must not be empty: its characters show nothing (U+200B first)")),
        (["name": "\u{FEFF}\u{00AD}\u{0301}"], DomainError.invalid("name", "must not be empty: its characters show nothing (U+FEFF first)")),
        (["name": "\u{2800}"], DomainError.invalid("name", "must not be empty: its characters show nothing (U+2800 first)")),
        (["name": "青岛\u{FFFF}"], DomainError.invalid("name", "contains U+FFFF, which is no character")),
        (["name": "\u{FFFD}\u{FFFD}人力资源有限公司"], DomainError.invalid(
            "name", "contains U+FFFD, which stands in for bytes that were not UTF-8 text (a file or a terminal in another encoding, such as GBK?): the text as meant is lost")),
        (["name": "青岛\u{2028}人力"], DomainError.invalid("name", "contains a line break, U+2028; the field is one line")),
    ])
    func refusesBadFields(_ input: [String: String], _ expected: DomainError) {
        #expect(throws: expected) {
            try Tenant(
                name: input["name"] ?? "Firm", creditCode: "91370200163562681G",
                businessLines: input["line"].map { [$0] } ?? [], origin: input["origin"] ?? "local",
                tags: input["tag"].map { [$0] } ?? [], contactPhone: input["phone"], appliedOn: Self.day, today: Self.day)
        }
    }

    @Test("prose of several lines keeps its line breaks, written \\n whatever the sender used; other control characters, blanks and length are refused by field")
    func paragraphs() throws {
        #expect(try FieldText.paragraphs(" 第一段\r\n第二段\r第三段\n\n第四段 \n", field: "grounds", maxLength: 20) == "第一段\n第二段\n第三段\n\n第四段")
        #expect(try FieldText.optionalParagraphs(" \r\n ", field: "evidence", maxLength: 20) == nil)
        #expect(throws: DomainError.invalid("grounds", "contains a control character other than a line break, U+0009")) {
            try FieldText.paragraphs("a\tb", field: "grounds", maxLength: 20)
        }
        #expect(throws: DomainError.invalid("reason", "must not be empty")) { try FieldText.paragraphs("\r\n", field: "reason", maxLength: 20) }
        // Unicode's line and paragraph separators are line breaks too; a text of nothing visible is empty.
        #expect(try FieldText.paragraphs("一\u{2028}二\u{2029}三", field: "grounds", maxLength: 20) == "一\n二\n三")
        #expect(throws: DomainError.invalid("reason", "must not be empty: its characters show nothing (U+200B first)")) {
            try FieldText.paragraphs("\u{200B}\n\u{200B}", field: "reason", maxLength: 20)
        }
        // A Windows line break counts as one character, as it is stored.
        #expect(try FieldText.paragraphs("ab\r\ncd", field: "reason", maxLength: 5) == "ab\ncd")
        #expect(throws: DomainError.invalid("reason", "is 6 characters long; at most 5 are allowed")) {
            try FieldText.paragraphs("ab\r\ncde", field: "reason", maxLength: 5)
        }
    }

    @Test("the lifecycle allows only its own steps")
    func lifecycle() throws {
        var tenant = try applicant()
        for (status, day) in [(TenantStatus.reviewing, 2), (.approved, 10), (.active, 15), (.exiting, 20), (.exited, 25)] {
            let change = try tenant.change(to: status, on: CivilDate(year: 2021, month: 4, day: day)!, reason: "step", today: Self.today)
            tenant.apply(change)
        }
        #expect(tenant.status == .exited)
        #expect(tenant.history.map(\.to) == [.reviewing, .approved, .active, .exiting, .exited])
        #expect(throws: DomainError.transition(from: .exited, to: .active, "a tenant that is exited cannot become active; allowed: none: exited is final")) {
            try tenant.change(to: .active, on: Self.today, reason: "back", today: Self.today)
        }
    }

    @Test("skipping a step is refused and lists what is allowed")
    func skipping() throws {
        var tenant = try applicant()
        tenant.apply(try tenant.change(to: .reviewing, on: Self.day, reason: "complete", today: Self.today))
        #expect(throws: DomainError.transition(from: .reviewing, to: .active, "a tenant that is reviewing cannot become active; allowed: approved, rejected")) {
            try tenant.change(to: .active, on: Self.day, reason: "x", today: Self.today)
        }
        #expect(try tenant.change(to: .rejected, on: Self.day, reason: "panel said no", today: Self.today).to == .rejected)
    }

    @Test("while the firm's application awaits its entry review, approving or rejecting it by hand is refused; other steps are not")
    func reviewOwesTheDecision() throws {
        var tenant = try applicant()
        tenant.apply(try tenant.change(to: .reviewing, on: Self.day, reason: "complete", today: Self.today))
        for target in [TenantStatus.approved, .rejected] {
            #expect(throws: DomainError.invalid("to", "the firm's application 7 awaits its entry review, whose notice decides it (one not yet reviewed can be withdrawn instead: application withdraw 7)")) {
                try tenant.change(to: target, on: Self.day, reason: "直接批准", today: Self.today, awaitingReview: 7)
            }
            #expect(try tenant.change(to: target, on: Self.day, reason: "入驻评审会", today: Self.today).to == target)
        }
    }

    @Test("a change may not predate the previous one nor lie in the future")
    func changeDates() throws {
        var tenant = try applicant()
        tenant.apply(try tenant.change(to: .reviewing, on: CivilDate(year: 2021, month: 5, day: 1)!, reason: "ok", today: Self.today))
        #expect(throws: DomainError.invalid("on", "2021-04-30 is before 2021-05-01, when the tenant became reviewing")) {
            try tenant.change(to: .approved, on: CivilDate(year: 2021, month: 4, day: 30)!, reason: "x", today: Self.today)
        }
        #expect(throws: DomainError.invalid("on", "2022-01-01 is in the future (today is 2021-12-31)")) {
            try tenant.change(to: .approved, on: CivilDate(year: 2022, month: 1, day: 1)!, reason: "x", today: Self.today)
        }
        #expect(throws: DomainError.invalid("reason", "must not be empty")) {
            try tenant.change(to: .approved, on: Self.today, reason: "  ", today: Self.today)
        }
    }

    @Test("a firm holds at most 50 tags, given at once or added by edits")
    func tagLimit() throws {
        let fifty = (1...50).map { "tag-\($0)" }
        #expect(try TenantField.tags(fifty + fifty).count == 50)
        #expect(throws: DomainError.invalid("tags", "a firm holds at most 50 tags; this would give it 51")) {
            try TenantField.tags(fifty + ["one-more"])
        }
        var tenant = try applicant()
        #expect(tenant.tags.count == 2)
        var edit = TenantEdit()
        edit.addTags = (1...49).map { "added-\($0)" }
        let before = tenant
        #expect(throws: DomainError.invalid("addTags", "a firm holds at most 50 tags; this would give it 51")) { try tenant.apply(edit) }
        #expect(tenant == before)
        // The count said is the firm's, its tags and the added ones, however many are added.
        var many = TenantEdit()
        many.addTags = (1...60).map { "many-\($0)" }
        #expect(throws: DomainError.invalid("addTags", "a firm holds at most 50 tags; this would give it 62")) { try tenant.apply(many) }
        #expect(throws: DomainError.invalid("tags", "a firm holds at most 50 tags; this would give it 60")) { try TenantField.tags(many.addTags) }
        edit.addTags.removeLast()
        try tenant.apply(edit)
        #expect(tenant.tags.count == 50)
    }

    @Test("edits change only what they name and leave the tenant intact when refused")
    func edits() throws {
        var tenant = try applicant()
        var edit = TenantEdit()
        edit.addTags = ["hr-top-100"]
        edit.removeTags = ["headquarters"]
        edit.contactPhone = ""
        edit.dispatchLicence = "370200202100001"
        try tenant.apply(edit)
        #expect(tenant.tags == ["china-top-500", "hr-top-100"])
        #expect(tenant.contactPhone == nil)
        #expect(tenant.dispatchLicence == "370200202100001")
        let before = tenant
        var bad = TenantEdit()
        bad.name = "New name"
        bad.creditCode = "91370200163562681X"
        #expect(throws: DomainError.self) { try tenant.apply(bad) }
        #expect(tenant == before)
    }

    @Test("references: digits are ids, anything else a credit code")
    func references() {
        #expect(TenantReference("42") == .id(42))
        #expect(TenantReference("91370200163562681g") == .creditCode("91370200163562681G"))
        #expect(TenantReference("913702001635626810") == .creditCode("913702001635626810"))
        #expect(TenantReference("9137 0200-1635 62681g") == .creditCode("91370200163562681G"))
        // What cannot be a credit code is named as typed, not as a tenant's id it was read into.
        #expect(TenantReference("-1").description == "-1")
        #expect(TenantReference(" 1").description == " 1")
        #expect(TenantReference("1; drop").description == "1; drop")
    }

    @Test("an application day after today is refused, today itself is accepted")
    func applicationNotInTheFuture() throws {
        let tomorrow = Self.day.adding(days: 1)
        #expect(throws: DomainError.invalid("appliedOn", "2021-03-02 is in the future (today is 2021-03-01)")) {
            try Tenant(name: "Firm", creditCode: "91370200163562681G", appliedOn: tomorrow, today: Self.day)
        }
        #expect(try Tenant(name: "Firm", creditCode: "91370200163562681G", appliedOn: Self.day, today: Self.day).appliedOn == Self.day)
    }
}
