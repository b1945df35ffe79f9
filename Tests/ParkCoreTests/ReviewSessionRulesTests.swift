import ParkCore
import Testing

@Suite("Review sessions and panels")
struct ReviewSessionRulesTests {
    static let reviewers = (1...8).map { Reviewer(uid: Int64(1000 + $0), name: "reviewer\($0)") }
    static let day = CivilDate(year: 2021, month: 3, day: 20)!

    @Test("a panel has an odd number of at least 5 members, none twice", arguments: [
        (3, "a panel of 3 is fewer than 5; a panel has an odd number of at least 5 reviewers"),
        (4, "a panel of 4 is fewer than 5; a panel has an odd number of at least 5 reviewers"),
        (6, "a panel of 6 is an even number; a panel has an odd number of at least 5 reviewers"),
        (8, "a panel of 8 is an even number; a panel has an odd number of at least 5 reviewers"),
    ])
    func panelSize(_ size: Int, _ reason: String) throws {
        #expect(throws: DomainError.invalid("panel", reason)) { try ReviewPanel(Array(Self.reviewers.prefix(size))) }
    }

    @Test("5 and 7 are panels; a member twice is not")
    func panels() throws {
        #expect(try ReviewPanel(Array(Self.reviewers.prefix(5))).members.count == 5)
        #expect(try ReviewPanel(Array(Self.reviewers.prefix(7))).members.count == 7)
        #expect(throws: DomainError.invalid("panel", "reviewer1 is on the panel twice")) {
            try ReviewPanel(Array(Self.reviewers.prefix(4)) + [Self.reviewers[0]])
        }
    }

    @Test("a panel changes into another valid panel only")
    func changes() throws {
        let panel = try ReviewPanel(Array(Self.reviewers.prefix(5)))
        #expect(throws: DomainError.invalid("add", "a panel of 6 is an even number; a panel has an odd number of at least 5 reviewers")) {
            try panel.changed(adding: [Self.reviewers[5]], removing: [])
        }
        let swapped = try panel.changed(adding: [Self.reviewers[5]], removing: [Self.reviewers[0]])
        #expect(swapped.members.map(\.name) == ["reviewer2", "reviewer3", "reviewer4", "reviewer5", "reviewer6"])
        #expect(throws: DomainError.invalid("remove", "reviewer8 is not on the panel")) {
            try panel.changed(adding: [], removing: [Self.reviewers[7]])
        }
        #expect(throws: DomainError.invalid("add", "reviewer1 is on the panel already")) {
            try panel.changed(adding: [Self.reviewers[0]], removing: [])
        }
    }

    @Test("the agenda holds applications awaiting review and on no other open session")
    func agenda() throws {
        let panel = try ReviewPanel(Array(Self.reviewers.prefix(5)))
        func session(_ candidates: [AgendaCandidate]) throws -> ReviewSession {
            try ReviewSession(heldOn: Self.day, venue: "301", chair: "刘主任", agenda: candidates, panel: panel, today: Self.day)
        }
        // It meets on or after the day each firm applied, and at most a year ahead.
        #expect(throws: DomainError.invalid("heldOn", "the session meets on 2021-03-20, before application 1 was made (2021-04-01)")) {
            try session([AgendaCandidate(application: 1, status: .awaitingReview, onSession: nil, appliedOn: CivilDate(year: 2021, month: 4, day: 1)!)])
        }
        #expect(throws: DomainError.invalid("heldOn", "2021-03-20 is more than a year after today (2020-03-18); a session is added once it is planned, for 2021-03-18 at the latest")) {
            try ReviewSession(
                heldOn: Self.day, venue: "301", chair: "刘主任", agenda: [AgendaCandidate(application: 1, status: .awaitingReview, onSession: nil)],
                panel: panel, today: CivilDate(year: 2020, month: 3, day: 18)!)
        }
        #expect(try session([AgendaCandidate(application: 1, status: .awaitingReview, onSession: nil)]).agenda == [1])
        #expect(throws: DomainError.invalid("applications", "application 2 is prescreenFailed, not awaiting review")) {
            try session([AgendaCandidate(application: 2, status: .prescreenFailed, onSession: nil)])
        }
        #expect(throws: DomainError.invalid("applications", "application 1 is on the agenda of session 4 already")) {
            try session([AgendaCandidate(application: 1, status: .awaitingReview, onSession: 4)])
        }
        #expect(throws: DomainError.invalid("applications", "give at least one application for the agenda")) { try session([]) }
        #expect(throws: DomainError.invalid("applications", "application 1 has a result of review session 3 still to be decided (its notice, objections and final decision come first); only a result withdrawn by an upheld objection, or an accepted appeal, puts it before a panel again")) {
            try session([AgendaCandidate(application: 1, status: .awaitingReview, onSession: nil, undecidedResult: 3)])
        }
        var closed = try session([AgendaCandidate(application: 1, status: .awaitingReview, onSession: nil)])
        closed.status = .closed
        #expect(throws: DomainError.invalid("session", "session 0 is closed: its panel no longer changes")) {
            try closed.changingPanel(adding: [Self.reviewers[5], Self.reviewers[6]], removing: [])
        }
        // Reviewing an appealed application again: the change that gives the first panel a
        // majority is named, a removal as the members removed, an addition as those added.
        let seven = try ReviewSession(
            heldOn: Self.day, venue: "301", chair: "刘主任", agenda: [AgendaCandidate(application: 1, status: .awaitingReview, onSession: nil)],
            panel: try ReviewPanel(Array(Self.reviewers.prefix(7))), today: Self.day)
        let appealed = [Int64(1): AgendaCandidate.Appealed(session: 9, panel: Set(Self.reviewers.prefix(3).map(\.uid)))]
        #expect {
            try seven.changingPanel(adding: [], removing: [Self.reviewers[5], Self.reviewers[6]], appealed: appealed)
        } throws: { ($0 as? DomainError)?.field == "remove" }
        #expect {
            try seven.changingPanel(adding: [Self.reviewers[7]], removing: [Self.reviewers[6]], appealed: [
                1: AgendaCandidate.Appealed(session: 9, panel: Set([Self.reviewers[0], Self.reviewers[1], Self.reviewers[2], Self.reviewers[7]].map(\.uid))),
            ])
        } throws: { ($0 as? DomainError)?.field == "add" }
    }
}

@Suite("Conflicts of interest")
struct ConflictTests {
    static let day = CivilDate(year: 2021, month: 3, day: 20)!
    static let reviewer = Reviewer(uid: 1001, name: "wangli")

    static func applicant() throws -> ApplicationForm {
        try ApplicationForm(
            name: "青岛英才人力资源有限公司", creditCode: "91370200163562681G", businessLines: ["recruitment"], registeredCapital: .zero,
            headcount: 1, plannedOfficeArea: .zero, expectedAnnualRevenue: .zero, expectedAnnualTax: .zero, legalRepresentative: "张伟",
            shareholders: [Shareholder(name: "李明", shareBasisPoints: 4000), Shareholder(name: "英才控股", shareBasisPoints: 6000)],
            groupParent: "英才集团", appliedOn: day, today: day)
    }

    func affiliation(_ kind: AffiliationKind, _ party: String, until: CivilDate? = nil) -> Affiliation {
        Affiliation(restoring: kind, party: party, until: until)
    }

    @Test("ties are matched against the applicant's name, legal representative, shareholders and group parent")
    func detection() throws {
        let found = DetectedConflict.detect([
            affiliation(.employer, "英才集团", until: CivilDate(year: 2018, month: 3, day: 20)),
            affiliation(.employer, "青岛英才人力资源有限公司", until: CivilDate(year: 2018, month: 3, day: 19)),
            affiliation(.investment, "英才控股"),
            affiliation(.kin, "李明"),
            affiliation(.legalRepresentative, "张伟"),
            affiliation(.kin, "王芳"),
            affiliation(.other, "英才集团"),
        ], applicant: try Self.applicant(), on: Self.day)
        #expect(found == [
            DetectedConflict(type: .employment, detail: "employed by 英才集团 until 2018-03-20"),
            DetectedConflict(type: .investment, detail: "invests in or controls 英才控股"),
            DetectedConflict(type: .kinship, detail: "kin of 李明"),
            DetectedConflict(type: .sharedLegalRepresentative, detail: "张伟 is the legal representative of both"),
            DetectedConflict(type: .other, detail: "declared a tie to 英才集团"),
        ])
    }

    @Test("names match whatever their case, runs of spaces or full-width forms")
    func detectionAcrossSpellings() throws {
        var form = try Self.applicant()
        form.shareholders = [Shareholder(name: "Talent Holdings（Qingdao）", shareBasisPoints: 10000)]
        form.legalRepresentative = "Zhang Wei"
        let found = DetectedConflict.detect([
            affiliation(.investment, "talent  holdings(qingdao)"),
            affiliation(.legalRepresentative, " Zhang\u{3000}Wei "),
            affiliation(.kin, "ＺＨＡＮＧ WEI"),
            affiliation(.kin, "Zhang Wen"),
        ], applicant: form, on: Self.day)
        #expect(found.map(\.type) == [.investment, .sharedLegalRepresentative, .kinship])
    }

    @Test("a declared conflict always counts; a detected one until it is dismissed, which only it can be, once")
    func dismissal() throws {
        let detected = ReviewerConflicts(
            application: 1, reviewer: Self.reviewer, declared: [], detected: [DetectedConflict(type: .kinship, detail: "kin of 李明")],
            dismissal: nil)
        #expect(detected.isConflicted)
        #expect(try detected.dismissing(reason: " 同名不同人 ") == "同名不同人")
        var dismissed = detected
        dismissed.dismissal = "同名不同人"
        #expect(!dismissed.isConflicted)
        #expect(throws: DomainError.invalid("reviewer", "the detected conflicts of wangli with application 1 are dismissed already")) {
            try dismissed.dismissing(reason: "again")
        }
        let declared = ReviewerConflicts(
            application: 1, reviewer: Self.reviewer, declared: [.init(type: .other, note: nil)], detected: [], dismissal: nil)
        #expect(declared.isConflicted)
        #expect(throws: DomainError.invalid("reviewer", "wangli has no detected conflict with application 1 to dismiss; a declared conflict stands")) {
            try declared.dismissing(reason: "no")
        }
        #expect(throws: DomainError.invalid("reason", "must not be empty")) { try detected.dismissing(reason: " ") }
        // A dismissal covers what was detected when it was made; a tie detected since stands.
        var later = dismissed
        later.dismissed = ["kinship: kin of 李明"]
        #expect(!later.isConflicted)
        later.detected.append(DetectedConflict(type: .employment, detail: "employed by 英才 now"))
        #expect(later.isConflicted && later.standingDetections.map(\.key) == ["employment: employed by 英才 now"])
        #expect(throws: DomainError.invalid("reviewer", "the detected conflicts of wangli with application 1 are dismissed already; detected since, and standing: employment: employed by 英才 now")) {
            try later.dismissing(reason: "again")
        }
        // One made before parkd kept what it covered covers whatever is detected, as it did.
        later.dismissed = nil
        #expect(!later.isConflicted)
    }
}
