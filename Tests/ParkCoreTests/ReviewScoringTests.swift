import ParkCore
import Testing

@Suite("Blind scoring: sheets, quorum and results")
struct ReviewScoringTests {
    static let reviewers = (1...8).map { Reviewer(uid: Int64(1000 + $0), name: "reviewer\($0)") }

    /// Sheets with these totals (in points), by reviewers 1, 2, …; none vetoed.
    static func sheets(_ totals: [Double], veto: Int? = nil) -> [ReviewTally.CountedSheet] {
        totals.enumerated().map { index, total in
            ReviewTally.CountedSheet(
                id: Int64(index + 1), reviewer: reviewers[index], total: Score(halfPoints: Int(total * 2)),
                veto: index == veto ? ScoreSheet.Veto(item: "dishonestDebtor", reason: "(2020)鲁02执123号") : nil)
        }
    }

    static func sheet(_ scores: [(String, String)], veto: String? = nil, reason: String? = nil) throws(DomainError) -> ScoreSheet {
        try ScoreSheet(application: 1, reviewer: reviewers[0], scores: scores, veto: veto, reason: reason, rules: .park)
    }

    static let valid = [("qualifications", "18"), ("brandInfluence", "16.5"), ("serviceCapability", "17"),
                        ("economicContribution", "20.5"), ("industryChainFit", "12")]

    // Hand-computed: the totals sorted, the highest and lowest dropped from 5 on, the mean of
    // the rest rounded half-up to 0.01 once.
    @Test("the trimmed mean from 5 sheets, the plain mean with 3 and 4", arguments: [
        // 60 70 75.5 80 90 → (70 + 75.5 + 80) / 3 = 75.1666… → 75.17
        ([80, 75.5, 90, 60, 70], 7517, [4, 3]),
        // 60 70 72 75.5 80 90 → (70 + 72 + 75.5 + 80) / 4 = 74.375 → 74.38 (the .005 rounds up)
        ([80, 75.5, 90, 60, 70, 72], 7438, [4, 3]),
        // 60 68.5 70 72 75.5 80 90 → 366 / 5 = 73.20
        ([80, 75.5, 90, 60, 70, 72, 68.5], 7320, [4, 3]),
        // 70.5 + 71 + 69 = 210.5 → 70.1666… → 70.17
        ([70.5, 71, 69], 7017, []),
        // 70.5 + 70 + 70 + 70 = 280.5 → 70.125 → 70.13 (the .005 rounds up)
        ([70.5, 70, 70, 70], 7013, []),
    ] as [([Double], Int, [Int64])])
    func means(_ totals: [Double], _ hundredths: Int, _ dropped: [Int64]) throws {
        let tally = try ReviewTally.decide(application: 1, eligible: totals.count, sheets: Self.sheets(totals), thresholdHundredths: 7000)
        #expect(tally.scoreHundredths == hundredths)
        #expect(tally.dropped == dropped)
        #expect(tally.outcome == (hundredths >= 7000 ? .passed : .failed))
    }

    @Test("a result equal to the threshold passes; just below fails")
    func threshold() throws {
        let tie = try ReviewTally.decide(application: 1, eligible: 3, sheets: Self.sheets([69.5, 70, 70.5]), thresholdHundredths: 7000)
        #expect(tie.scoreHundredths == 7000 && tie.outcome == .passed)
        let below = try ReviewTally.decide(application: 1, eligible: 3, sheets: Self.sheets([69.5, 70, 70]), thresholdHundredths: 7000)
        #expect(below.scoreHundredths == 6983 && below.outcome == .failed)
        #expect(ReviewTally.points(hundredths: 7000) == "70.00" && ReviewTally.points(hundredths: 6983) == "69.83")
    }

    @Test("a single veto rejects whatever the score")
    func veto() throws {
        let tally = try ReviewTally.decide(application: 1, eligible: 5, sheets: Self.sheets([95, 92, 90, 98, 60], veto: 4), thresholdHundredths: 7000)
        #expect(tally.scoreHundredths == 9233)
        #expect(tally.outcome == .vetoed)
    }

    @Test("quorum: two thirds of the non-conflicted panel, never fewer than 3 sheets", arguments: [
        (3, 5, false), (4, 5, true), (3, 4, true), (2, 3, false), (3, 3, true), (2, 2, false), (5, 7, true), (4, 7, false), (4, 6, true),
    ])
    func quorum(_ submitted: Int, _ eligible: Int, _ met: Bool) {
        #expect(ReviewTally.hasQuorum(submitted: submitted, eligible: eligible) == met)
    }

    @Test("closing without a quorum is refused, naming the applicant and the counts")
    func quorumRefused() {
        #expect(throws: DomainError.invalid(
            "session", "application 7 has 3 of 5 sheets from its non-conflicted reviewers; closing needs 4 (two thirds, and never fewer than 3)")) {
            try ReviewTally.decide(application: 7, eligible: 5, sheets: Self.sheets([70, 80, 90]), thresholdHundredths: 7000)
        }
        #expect(throws: DomainError.invalid(
            "session", "application 7 has 2 of 2 sheets from its non-conflicted reviewers; closing needs 3 (two thirds, and never fewer than 3); only 2 of the panel are not conflicted with it: replace a conflicted member (`parkctl review panel remove`)")) {
            try ReviewTally.decide(application: 7, eligible: 2, sheets: Self.sheets([70, 80]), thresholdHundredths: 7000)
        }
    }

    @Test("a sheet scores every criterion once, 0 to its weight in steps of 0.5; its total is exact")
    func sheet() throws {
        let sheet = try Self.sheet(Self.valid.reversed())
        #expect(sheet.scores.map(\.criterion) == ScoringRules.park.criteria.map(\.name))
        #expect(sheet.total == Score(halfPoints: 168) && sheet.total.description == "84")
        #expect(try Self.sheet(Self.valid.map { ($0.0, $0.0 == "industryChainFit" ? "15.0" : "0") }).total.description == "15")
    }

    @Test("bad scores name the field and the criterion, never the score", arguments: [
        ([("qualifications", "20.5")], "criterion", "qualifications: above its weight; score 0 to 20 in steps of 0.5"),
        ([("qualifications", "17.3")], "criterion", "qualifications: off the 0.5 step: scores go in steps of 0.5"),
        ([("qualifications", "17.25")], "criterion", "qualifications: off the 0.5 step: scores go in steps of 0.5"),
        ([("qualifications", "-1")], "criterion", "qualifications: below 0: a score is 0 or more, such as 17 or 17.5"),
        ([("qualifications", "")], "criterion", "qualifications: not a score: write a number such as 17 or 17.5"),
        ([("charisma", "5")], "criterion",
         "'charisma' is not a criterion; score qualifications, brandInfluence, serviceCapability, economicContribution, industryChainFit"),
        ([("qualifications", "10"), ("qualifications", "11")], "criterion", "qualifications is scored twice"),
    ])
    func badScores(_ changed: [(String, String)], _ field: String, _ reason: String) {
        let scores = changed + Self.valid.filter { entry in !changed.contains { $0.0 == entry.0 } }
        #expect(throws: DomainError.invalid(field, reason)) { try Self.sheet(scores) }
    }

    @Test("every criterion is scored; a veto names a veto item and gives its reason")
    func missingAndVetoes() throws {
        #expect(throws: DomainError.invalid("criterion", "brandInfluence, industryChainFit not scored; score every criterion")) {
            try Self.sheet(Self.valid.filter { $0.0 != "brandInfluence" && $0.0 != "industryChainFit" })
        }
        #expect(throws: DomainError.invalid("veto", "'rude' is not a veto item; veto on dishonestDebtor")) {
            try Self.sheet(Self.valid, veto: "rude", reason: "x")
        }
        #expect(throws: DomainError.invalid("reason", "a veto needs its reason")) { try Self.sheet(Self.valid, veto: "dishonestDebtor") }
        #expect(throws: DomainError.invalid("reason", "a reason goes with a veto; name the veto item")) { try Self.sheet(Self.valid, reason: "x") }
        let vetoed = try Self.sheet(Self.valid, veto: "dishonestDebtor", reason: "(2020)鲁02执123号")
        #expect(vetoed.veto == ScoreSheet.Veto(item: "dishonestDebtor", reason: "(2020)鲁02执123号"))
    }

    @Test("the commitment binds the salt and every field of the sheet")
    func commitment() throws {
        let sheet = try Self.sheet(Self.valid)
        let amended = try Self.sheet(Self.valid.map { ($0.0, $0.0 == "qualifications" ? "18.5" : $0.1) })
        #expect(sheet.commitment(salt: "a") == sheet.commitment(salt: "a"))
        #expect(sheet.commitment(salt: "a") != sheet.commitment(salt: "b"))
        #expect(sheet.commitment(salt: "a") != amended.commitment(salt: "a"))
        #expect(sheet.commitment(salt: "a").count == 64 && !sheet.commitment(salt: "a").contains("18"))
    }

    @Test("configured rules: at least one criterion, plain unique names, weights above 0, a threshold a sheet can reach")
    func rules() throws {
        #expect(throws: DomainError.invalid("criteria", "give at least one criterion")) {
            try ScoringRules(criteria: [], vetoes: [], thresholdHundredths: 7000)
        }
        #expect(throws: DomainError.invalid("criteria", "a is named twice")) {
            try ScoringRules(criteria: [.init(name: "a", weight: Score(halfPoints: 2))], vetoes: [.init(name: "a", description: "x")], thresholdHundredths: 1)
        }
        #expect(throws: DomainError.invalid("criteria", "a has no weight; a weight is above 0")) {
            try ScoringRules(criteria: [.init(name: "a", weight: Score(halfPoints: 0))], vetoes: [], thresholdHundredths: 1)
        }
        #expect(ScoringRules.park.maximumHalfPoints == 200)
        let weights = [ScoringRules.Criterion(name: "a", weight: Score(halfPoints: 120)), .init(name: "b", weight: Score(halfPoints: 81))]
        #expect(throws: DomainError.invalid("pass_threshold", "100.51 is above the most a sheet totals, 100.50: no applicant could pass")) {
            try ScoringRules(criteria: weights, vetoes: [], thresholdHundredths: 10_051)
        }
        #expect(try ScoringRules(criteria: weights, vetoes: [], thresholdHundredths: 10_050).thresholdHundredths == 10_050, "the most passes")
    }
}
