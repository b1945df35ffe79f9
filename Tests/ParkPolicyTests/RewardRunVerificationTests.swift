import ParkPolicy
import Testing

@Suite("A stored run compared with its recomputation")
struct RewardRunVerificationTests {
    func line(_ tenant: Int64, _ rule: String, _ fen: Int64) -> RewardLine {
        RewardLine(tenantID: tenant, creditCode: "C\(tenant)", tenantName: "T\(tenant)", rule: rule, period: "2021-06", fen: fen, explanation: nil)
    }

    @Test("equal amounts agree; every tenant and rule on either side is counted once")
    func agrees() {
        let verification = RewardRunVerification(
            recorded: [line(1, "RENT", 100), line(2, "RENT", 50)], corrected: [], rules: ["RENT"],
            recomputed: [line(2, "RENT", 50), line(1, "RENT", 100)])
        #expect(verification.agrees)
        #expect(verification.checked == 2)
    }

    @Test("a differing, a missing and an extra amount are each named, in tenant and rule order")
    func differences() {
        let verification = RewardRunVerification(
            recorded: [line(2, "RENT", 50), line(1, "TRAINING", 10)], corrected: [], rules: ["RENT", "TRAINING"],
            recomputed: [line(1, "TRAINING", 11), line(3, "RENT", 7)])
        #expect(verification.differences == [
            .init(tenantID: 1, rule: "TRAINING", recordedFen: 10, recomputedFen: 11),
            .init(tenantID: 2, rule: "RENT", recordedFen: 50, recomputedFen: 0),
            .init(tenantID: 3, rule: "RENT", recordedFen: 0, recomputedFen: 7),
        ])
        #expect(verification.checked == 3)
    }

    @Test("an adjustment agrees when it and the runs it corrects add up, for its own rules only")
    func adjustment() {
        let verification = RewardRunVerification(
            recorded: [line(1, "PLACEMENT", 600)],
            corrected: [line(1, "PLACEMENT", 5_200), line(1, "TRAINING", 2_650)], rules: ["PLACEMENT"],
            recomputed: [line(1, "PLACEMENT", 5_800)])
        #expect(verification.agrees)
        #expect(verification.checked == 1, "TRAINING is not the adjustment's rule")
    }
}
