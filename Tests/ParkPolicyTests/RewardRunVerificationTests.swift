import ParkCore
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

@Suite("A reward run as the audit trail records it")
struct RecordedRunTests {
    static func line(_ tenant: Int64, _ rule: String, _ fen: Int64) -> RewardLine {
        RewardLine(tenantID: tenant, creditCode: "C\(tenant)", tenantName: "T\(tenant)", rule: rule, period: "2021-06", fen: fen, explanation: nil)
    }
    static let hash = String(repeating: "ab", count: 32)
    static let run = RecordedRun(
        run: 5, period: "2021-06", status: "approved", total: Money(fen: -150), inputsHash: hash,
        lines: [line(1, "RENT", 100), line(2, "RENT_CLAWBACK", -250)])

    @Test("the outcome it writes reads back as the same run, a negative total too; another outcome reads as none")
    func outcomeReadsBack() {
        #expect(Self.run.outcome == "ok: run 5 2021-06 approved: 2 lines, total -1.50, inputs sha256 \(Self.hash), lines sha256 \(Self.run.digest)")
        #expect(RecordedRun(outcome: Self.run.outcome) == Self.run)
        for outcome in ["ok", "ok: batch 1 approved: 0 items, total 0.00, sha256 \(Self.hash)", "ok: run 5 2021-06 approved: 2 lines"] {
            #expect(RecordedRun(outcome: outcome) == nil)
        }
    }

    @Test("a line's tenant, rule or amount, the total or the inputs changed is named; the lines' order is not a change")
    func differences() {
        func stored(total: Int64 = -150, inputs: String = RecordedRunTests.hash, _ lines: [RewardLine]) -> RecordedRun {
            RecordedRun(run: 5, period: "2021-06", status: "approved", total: Money(fen: total), inputsHash: inputs, lines: lines)
        }
        #expect(stored([Self.line(2, "RENT_CLAWBACK", -250), Self.line(1, "RENT", 100)]).difference(from: Self.run) == nil)
        #expect(stored(total: 9_850, [Self.line(1, "RENT", 10_100), Self.line(2, "RENT_CLAWBACK", -250)]).difference(from: Self.run)
                == "the audit trail recorded 2 lines, total -1.50; the database holds 2 lines, total 98.50")
        #expect(stored([Self.line(1, "RENT", 350), Self.line(2, "RENT_CLAWBACK", -500)]).difference(from: Self.run)
                == "the audit trail recorded 2 lines, total -1.50; the database holds the same count and total, but a line's tenant, rule or amount changed")
        #expect(stored([Self.line(3, "RENT", 100), Self.line(2, "RENT_CLAWBACK", -250)]).difference(from: Self.run) != nil)
        #expect(stored(inputs: String(repeating: "cd", count: 32), [Self.line(1, "RENT", 100), Self.line(2, "RENT_CLAWBACK", -250)]).difference(from: Self.run)
                == "the audit trail recorded 2 lines, total -1.50 computed from inputs abababababab…; the database holds inputs cdcdcdcdcdcd…")
    }
}
