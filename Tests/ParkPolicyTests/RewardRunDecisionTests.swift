import ParkCore
import ParkPolicy
import Testing

@Suite("A new run decided against the approved runs of its period")
struct RewardRunDecisionTests {
    func line(_ tenant: Int64, _ rule: String, _ fen: Int64, period: String = "2021-06") -> RewardLine {
        RewardLine(tenantID: tenant, creditCode: "C\(tenant)", tenantName: "T\(tenant)", rule: rule, period: period, fen: fen, explanation: nil)
    }

    func summary(_ decision: RewardRunDecision) -> [String] {
        decision.lines.map { "\($0.line.tenantID) \($0.line.rule) \($0.line.fen) \($0.kind.rawValue)" }
    }

    @Test("with nothing approved every amount is a first amount")
    func nothingApproved() throws {
        let decision = try RewardRunDecision.decide(
            period: "2021-06", rules: ["RENT", "TRAINING"], computed: [line(1, "RENT", 100), line(1, "TRAINING", 50)], approved: [])
        #expect(summary(decision) == ["1 RENT 100 regular", "1 TRAINING 50 regular"])
        #expect(!decision.isAdjustment)
    }

    @Test("a run whose lines add up past the largest amount parkd holds is refused, not left to overflow")
    func totalTooLarge() throws {
        let largest = Money.largest.fen
        let fits = try RewardRunDecision.decide(period: "2021-06", rules: ["R"], computed: [line(1, "R", largest - 1), line(2, "R", 1)], approved: [])
        #expect(fits.total == Money.largest)
        #expect(throws: RewardRunRefused.totalTooLarge(period: "2021-06")) {
            try RewardRunDecision.decide(period: "2021-06", rules: ["R"], computed: [line(1, "R", largest), line(2, "R", 1)], approved: [])
        }
        let many = (1...10_000).map { line($0, "R", largest) }
        #expect(throws: RewardRunRefused.totalTooLarge(period: "2021-06")) {
            try RewardRunDecision.decide(period: "2021-06", rules: ["R"], computed: many, approved: [])
        }
    }

    @Test("a rule covered by an approved run gets differences; an uncovered one first amounts")
    func mixedCoverage() throws {
        let approved = [ApprovedRewardRun(id: 4, rules: ["PLACEMENT"], lines: [line(1, "PLACEMENT", 5_200), line(2, "PLACEMENT", 800)])]
        let decision = try RewardRunDecision.decide(
            period: "2021-06", rules: ["RENT", "PLACEMENT"],
            computed: [line(1, "RENT", 100), line(1, "PLACEMENT", 5_200), line(3, "PLACEMENT", 400)], approved: approved)
        // Tenant 2's placement is no longer computed: taken back whole.
        #expect(summary(decision) == ["1 RENT 100 regular", "2 PLACEMENT -800 adjustment", "3 PLACEMENT 400 adjustment"])
        #expect(decision.adjusts == [4])
    }

    @Test("approved amounts add up over the runs of the period, whatever rules each was limited to")
    func severalApproved() throws {
        let approved = [
            ApprovedRewardRun(id: 1, rules: ["RENT", "TRAINING"], lines: [line(1, "TRAINING", 2_650), line(1, "RENT", 900)]),
            ApprovedRewardRun(id: 2, rules: ["TRAINING"], lines: [line(1, "TRAINING", 350)]),
            ApprovedRewardRun(id: 3, rules: ["TALENT"], lines: [line(1, "TALENT", 9)]),
        ]
        let same = [line(1, "TRAINING", 3_000)]
        #expect(throws: RewardRunRefused.noDifferences(period: "2021-06", approved: [1, 2])) {
            try RewardRunDecision.decide(period: "2021-06", rules: ["TRAINING"], computed: same, approved: approved)
        }
        let more = try RewardRunDecision.decide(period: "2021-06", rules: ["TRAINING"], computed: [line(1, "TRAINING", 3_100)], approved: approved)
        #expect(summary(more) == ["1 TRAINING 100 adjustment"])
        #expect(more.adjusts == [1, 2])
    }

    @Test("a draft is approvable only against the approved runs it was computed with")
    func approvable() throws {
        let full = ApprovedRewardRun(id: 7, rules: ["RENT", "TRAINING"], lines: [])
        let other = ApprovedRewardRun(id: 8, rules: ["TALENT"], lines: [])
        try RewardRunDecision.checkApprovable(run: 9, period: "2021-06", rules: ["TRAINING"], adjusts: [7], approvedNow: [full, other])
        #expect(throws: RewardRunRefused.outdated(run: 9, period: "2021-06", approvedSince: [7])) {
            try RewardRunDecision.checkApprovable(run: 9, period: "2021-06", rules: ["TRAINING"], adjusts: [], approvedNow: [full, other])
        }
    }

    @Test("a draft is approvable only while it holds what the data gives now: each amount changed, gone or new is named")
    func unchangedSinceComputed() throws {
        let draft = [line(1, "RENT", 10_000), line(2, "PLACEMENT", 5_200), line(3, "TRAINING", 0)]
        try RewardRunDecision.checkUnchanged(run: 4, period: "2021-06", draft: draft, now: draft.reversed())
        // A zero line and no line are the same amount.
        try RewardRunDecision.checkUnchanged(run: 4, period: "2021-06", draft: draft, now: Array(draft.prefix(2)))
        #expect(throws: RewardRunRefused.changed(run: 4, period: "2021-06", changes: [
            "tenant 1 RENT: 100.00 in the draft, 120.00 now", "tenant 2 PLACEMENT: 52.00 in the draft, 0.00 now",
            "tenant 5 TRAINING: 0.00 in the draft, 7.00 now",
        ])) {
            try RewardRunDecision.checkUnchanged(
                run: 4, period: "2021-06", draft: draft, now: [line(1, "RENT", 12_000), line(3, "TRAINING", 0), line(5, "TRAINING", 700)])
        }
    }
}
