import ParkCore
import ParkStore
import Testing

@Suite("Review sheets and the close in the store")
struct ReviewSheetStoreTests {
    static let today = CivilDate(year: 2021, month: 3, day: 20)!
    static let panel = (1...5).map { Reviewer(uid: Int64(2000 + $0), name: "reviewer\($0)") }

    func sheet(_ application: Int64, by member: Int, _ scores: [String]) throws -> ScoreSheet {
        try ScoreSheet(
            application: application, reviewer: Self.panel[member], scores: Array(zip(ScoringRules.park.criteria.map(\.name), scores)),
            veto: nil, reason: nil, rules: .park)
    }

    @Test("a refused close writes nothing; a withdrawn application is listed as withdrawn; after the close no sheet is taken")
    func close() async throws {
        try await withTemporaryDirectory { directory in
            let database = try ParkDatabase(path: directory + "/parkd.sqlite")
            for (index, code) in ["91370200MA3C1234XQ", "91370200MA3D0001A6"].enumerated() {
                let form = try ApplicationForm(
                    name: "申请企业\(index + 1)", creditCode: code, businessLines: ["recruitment"], hrServiceLicence: "HR-1",
                    registeredCapital: Money(fen: 500_000_000), headcount: 12, plannedOfficeArea: Area(centiSquareMetres: 12_000),
                    expectedAnnualRevenue: Money(fen: 1_000_000), expectedAnnualTax: Money(fen: 10_000), legalRepresentative: "张伟",
                    shareholders: [], statements: [], appliedOn: Self.today, today: Self.today)
                _ = try await database.receiveApplication(form, rules: .park, today: Self.today, context: context("io.parkd.Application.Create"))
            }
            _ = try await database.createReviewSession(
                heldOn: Self.today, venue: "301", chair: "刘主任", agenda: [1, 2], panel: try ReviewPanel(Self.panel),
                today: CivilDate(year: 2030, month: 1, day: 1)!, context: context("io.parkd.Review.CreateSession"))
            for (member, scores) in [(0, ["16", "16", "16", "20", "12"]), (1, ["14", "14", "14", "17.5", "10.5"]), (2, ["15", "15", "15", "20", "5"]),
                                     (3, ["20", "20", "20", "25", "15"])] {
                let sheet = try sheet(1, by: member, scores)
                _ = try await database.submitSheet(sheet, rules: .park, salt: "s", commitment: sheet.commitment(salt: "s"), context: context("io.parkd.Review.Score"))
            }
            // The rules are the session's from its first sheet: a sheet under other rules (a reload) is refused.
            var reloaded = ScoringRules.park
            reloaded.thresholdHundredths = 6000
            let underOther = try sheet(1, by: 4, ["1", "1", "1", "1", "1"])
            await #expect(throws: DomainError.invalid("criterion", "the scoring rules changed while this sheet was written; submit it again")) {
                try await database.submitSheet(underOther, rules: reloaded, salt: "s", commitment: "c", context: context("io.parkd.Review.Score"))
            }
            // Two dissents, one of them by the reviewer who then declares a conflict.
            for member in [0, 3] {
                let dissent = try Dissent(application: 1, reviewer: Self.panel[member], text: "意见\(member)")
                _ = try await database.submitDissent(dissent, salt: "s", commitment: dissent.commitment(salt: "s"), context: context("io.parkd.Review.Dissent"))
            }
            // A conflict declared after scoring takes the sheet out of every count, and the dissent with it.
            _ = try await database.declareConflict(
                application: 1, reviewer: Self.panel[3], ReviewerConflicts.Declared(type: .kinship, note: nil), context: context("io.parkd.Review.DeclareConflict"))
            await #expect(throws: DomainError.invalid(
                "session", "application 2 has 0 of 5 sheets from its non-conflicted reviewers; closing needs 4 (two thirds, and never fewer than 3)")) {
                try await database.closeReviewSession(1, rules: .park, today: Self.today, context: context("io.parkd.Review.CloseSession"))
            }
            #expect(try await database.reviewSession(1).session.status == .open)
            await #expect(throws: StoreError.sessionOpen(1)) { try await database.reviewResults(session: 1) }

            _ = try await database.withdrawApplication(2, reason: "另选园区", on: Self.today, today: Self.today, context: context("io.parkd.Application.Withdraw"))
            let results = try await database.closeReviewSession(1, rules: .park, today: Self.today, context: context("io.parkd.Review.CloseSession"))
            // 80, 70 and 70 (reviewer4's 100 sits out with the conflict): the plain mean of 3 sheets of 4 eligible, 73.33.
            #expect(results.applicants.map(\.outcome) == ["passed", "withdrawn"])
            #expect(results.applicants.map(\.scoreHundredths) == [7333, nil])
            #expect(results.applicants[0].eligible == 4)
            #expect(results.applicants[0].sheets.map(\.sheet.reviewer) == Array(Self.panel.prefix(3)))
            #expect(results.applicants[0].dissents.map(\.dissent.text) == ["意见0"])
            let late = try sheet(1, by: 4, ["1", "1", "1", "1", "1"])
            await #expect(throws: DomainError.invalid("application", "session 1, which reviewed application 1, is closed: its sheets are final")) {
                try await database.submitSheet(late, rules: .park, salt: "s", commitment: late.commitment(salt: "s"), context: context("io.parkd.Review.Score"))
            }
            // Nor is a conflict declared once the session is closed: it says which sessions count.
            await #expect(throws: DomainError.invalid("application", "application 1 is on no open session whose panel holds reviewer1")) {
                try await database.declareConflict(
                    application: 1, reviewer: Self.panel[0], ReviewerConflicts.Declared(type: .kinship, note: nil), context: context("io.parkd.Review.DeclareConflict"))
            }
            // The results agree; the test's audit entries do not hold the sheets' commitments, and verify says so.
            let verification = try await database.verifyReviewSession(1)
            #expect(verification.checkedVersions == 6 && verification.differences.count == 6)
            #expect(verification.differences.allSatisfy { $0.hasSuffix(": its commitment is in no audit entry") }, "\(verification.differences)")
            try database.close()
        }
    }
}
