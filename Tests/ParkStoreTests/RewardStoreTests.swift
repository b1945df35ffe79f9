import Foundation
import GRDB
import ParkCore
import ParkPolicy
import ParkStore
import Testing

@Suite("Reward runs in the store")
struct RewardStoreTests {
    func line(_ tenant: Int64, _ rule: String, _ fen: Int64) -> RewardLine {
        RewardLine(tenantID: tenant, creditCode: creditCode(Int(tenant)), tenantName: "T\(tenant)", rule: rule, period: "2021-06", fen: fen, explanation: nil)
    }

    func run(_ lines: [RewardLine], rules: [String] = ["RENT", "PLACEMENT"]) -> NewRewardRun {
        NewRewardRun(
            period: "2021-06", rules: rules, lines: lines, policyVersions: [("P2021", "abc")], inputs: Array("{}".utf8),
            inputsHash: RewardInputs.hash(Array("{}".utf8)))
    }

    @Test("a re-run after approval holds only the differences, reversals included")
    func adjustments() async throws {
        try await withTemporaryDirectory { directory in
            let database = try ParkDatabase(path: directory + "/parkd.sqlite")
            let computed = [line(1, "RENT", 10_000), line(2, "PLACEMENT", 5_000)]
            let first = try await database.createRewardRun(run(computed), context: context("io.parkd.Reward.Run"))
            #expect(first.kind == .regular && first.status == .draft && first.totalFen == 15_000)
            _ = try await database.approveRewardRun(first.id, computing: { _, _, _ in computed }, context: context("io.parkd.Reward.Approve"))

            // Tenant 1's rent went up; tenant 2 no longer gets anything; tenant 3 is new.
            let adjustment = try await database.createRewardRun(
                run([line(1, "RENT", 12_000), line(3, "RENT", 700)]), context: context("io.parkd.Reward.Run"))
            #expect(adjustment.kind == .adjustment && adjustment.adjusts == [first.id])
            let lines = try await database.rewardLines(run: adjustment.id, explanations: false).map { ($0.tenantID, $0.rule, $0.fen) }
            #expect(lines.map(\.0) == [1, 2, 3] && lines.map(\.2) == [2_000, -5_000, 700])
            #expect(adjustment.totalFen == -2_300)

            // The same data again: nothing to adjust, and the draft stays as it was.
            _ = try await database.approveRewardRun(
                adjustment.id, computing: { _, _, _ in [line(1, "RENT", 12_000), line(3, "RENT", 700)] }, context: context("io.parkd.Reward.Approve"))
            await #expect(throws: RewardRunRefused.noDifferences(period: "2021-06", approved: [first.id, adjustment.id])) {
                _ = try await database.createRewardRun(self.run([self.line(1, "RENT", 12_000), self.line(3, "RENT", 700)]), context: context("io.parkd.Reward.Run"))
            }
        }
    }

    @Test("a run limited to some rules after an approved full run holds only differences, and the reverse", arguments: [
        (first: ["RENT", "PLACEMENT"], second: ["PLACEMENT"]),
        (first: ["PLACEMENT"], second: ["RENT", "PLACEMENT"]),
    ])
    func limitedRuns(first: [String], second: [String]) async throws {
        try await withTemporaryDirectory { directory in
            let database = try ParkDatabase(path: directory + "/parkd.sqlite")
            let everything = [line(1, "RENT", 10_000), line(1, "PLACEMENT", 5_000), line(2, "PLACEMENT", 2_600)]
            let firstRun = try await database.createRewardRun(
                run(everything.filter { first.contains($0.rule) }, rules: first), context: context("io.parkd.Reward.Run"))
            _ = try await database.approveRewardRun(
                firstRun.id, computing: { _, _, _ in everything.filter { first.contains($0.rule) } }, context: context("io.parkd.Reward.Approve"))

            let secondLines = everything.filter { second.contains($0.rule) }
            if Set(second).isSubset(of: first) {
                // Nothing new for PLACEMENT: the limited run is refused, nothing is stored.
                await #expect(throws: RewardRunRefused.noDifferences(period: "2021-06", approved: [firstRun.id])) {
                    _ = try await database.createRewardRun(self.run(secondLines, rules: second), context: context("io.parkd.Reward.Run"))
                }
                #expect(try await database.rewardRuns(period: "2021-06").count == 1)
                return
            }
            // The full run after a PLACEMENT-only one: RENT is new, PLACEMENT is not paid again.
            let secondRun = try await database.createRewardRun(run(secondLines, rules: second), context: context("io.parkd.Reward.Run"))
            #expect(secondRun.kind == .adjustment && secondRun.adjusts == [firstRun.id])
            let lines = try await database.rewardLines(run: secondRun.id, explanations: false)
            #expect(lines.map { "\($0.tenantID) \($0.rule) \($0.fen)" } == ["1 RENT 10000"])
            _ = try await database.approveRewardRun(secondRun.id, computing: { _, _, _ in secondLines }, context: context("io.parkd.Reward.Approve"))
        }
    }

    @Test("an explanation is stored compact and read back as it was; one stored as JSON by an earlier parkd reads too; damaged bytes are an error")
    func explanationsStoredCompactOrAsJSON() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory + "/parkd.sqlite"
            let database = try ParkDatabase(path: path)
            // An explanation as an earlier parkd stored it: JSON with sorted keys.
            let json = #"{"amount":"100.00","clause":"Art. 6","period":"2021-06","policy":"P2021","policyDocument":"Reference policy (ref\/2021)","#
                + #""rule":"RENT","steps":[{"kind":"input","name":"days_leased(office)","source":"leases of tenant 1 in 2021-06","value":"30"},"#
                + #"{"context":"2021-06-01…2021-06-30","kind":"result","name":"days","source":"P2021","value":"30 × 3.33 yuan = 100.00 yuan"}],"#
                + #""title":"Rent subsidy"}"#
            let explanation = try JSONDecoder().decode(Explanation.self, from: Data(json.utf8))
            #expect(explanation.steps.count == 2 && explanation.steps[1].context == "2021-06-01…2021-06-30")
            var explained = line(1, "RENT", 10_000)
            explained.compactExplanation = CompactExplanation(explanation)
            let stored = try await database.createRewardRun(run([explained]), context: context("io.parkd.Reward.Run"))
            #expect(try await database.rewardLines(run: stored.id, explanations: true).map(\.explanation) == [explanation])
            #expect(try await database.rewardLines(run: stored.id, explanations: false).map(\.explanation) == [nil])
            try database.close()

            // As parkd kept explanations before they were compact: JSON text in `explanation`.
            let queue = try DatabaseQueue(path: path)
            try await queue.write { db in
                try db.execute(sql: "UPDATE rewardLine SET compactExplanation = NULL, explanation = ?", arguments: [json])
            }
            try queue.close()
            let reopened = try ParkDatabase(path: path)
            #expect(try await reopened.rewardLines(run: stored.id, explanations: true).map(\.explanation) == [explanation])
            try reopened.close()

            let damaged = try DatabaseQueue(path: path)
            try await damaged.write { db in
                try db.execute(sql: "UPDATE rewardLine SET compactExplanation = X'01030000', explanation = NULL")
            }
            try damaged.close()
            let again = try ParkDatabase(path: path)
            await #expect {
                _ = try await again.rewardLines(run: stored.id, explanations: true)
            } throws: { error in
                "\(error)".contains("rewardLine") && "\(error)".contains("its explanation")
            }
        }
    }

    @Test("a draft computed before another run of its period and rules was approved cannot be approved (two such drafts, as an earlier parkd left them)")
    func outdatedDraft() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory + "/parkd.sqlite"
            var database = try ParkDatabase(path: path)
            let full = try await database.createRewardRun(
                run([line(1, "RENT", 10_000), line(1, "PLACEMENT", 5_000)]), context: context("io.parkd.Reward.Run"))
            let placementOnly = try await database.createRewardRun(
                run([line(1, "PLACEMENT", 5_000)], rules: ["PLACEMENT"]), context: context("io.parkd.Reward.Run"))
            // An earlier parkd superseded only a draft of the same rules: both stayed drafts.
            try database.close()
            try await DatabaseQueue(path: path).write { db in
                try db.execute(sql: "UPDATE rewardRun SET status = 'draft' WHERE id = ?", arguments: [full.id])
            }
            database = try ParkDatabase(path: path)
            _ = try await database.approveRewardRun(
                full.id, computing: { _, _, _ in [line(1, "RENT", 10_000), line(1, "PLACEMENT", 5_000)] }, context: context("io.parkd.Reward.Approve"))
            await #expect(throws: RewardRunRefused.outdated(run: placementOnly.id, period: "2021-06", approvedSince: [full.id])) {
                _ = try await database.approveRewardRun(
                    placementOnly.id, computing: { _, _, _ in [self.line(1, "PLACEMENT", 5_000)] }, context: context("io.parkd.Reward.Approve"))
            }
            #expect(try await database.rewardRun(placementOnly.id).status == .draft)
        }
    }

    @Test("the database itself refuses a second approved first amount for a tenant, rule and period")
    func firstAmountOnceInTheFile() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory + "/parkd.sqlite"
            let database = try ParkDatabase(path: path)
            let placementOnly = try await database.createRewardRun(
                run([line(1, "PLACEMENT", 5_000)], rules: ["PLACEMENT"]), context: context("io.parkd.Reward.Run"))
            let full = try await database.createRewardRun(
                run([line(1, "RENT", 10_000), line(1, "PLACEMENT", 5_000)]), context: context("io.parkd.Reward.Run"))
            _ = try await database.approveRewardRun(
                full.id, computing: { _, _, _ in [line(1, "RENT", 10_000), line(1, "PLACEMENT", 5_000)] }, context: context("io.parkd.Reward.Approve"))
            try database.close()
            // Approving the superseded draft behind parkd's back, as an old parkd could have approved an outdated one.
            let queue = try DatabaseQueue(path: path)
            #expect {
                try queue.write { db in try db.execute(sql: "UPDATE rewardRun SET status = 'approved' WHERE id = ?", arguments: [placementOnly.id]) }
            } throws: { error in
                (error as? DatabaseError)?.message == "a first amount for this tenant, rule and period was already approved"
            }
            // An adjustment's differences are not first amounts; a second line of one amount in a run is refused too.
            #expect(throws: DatabaseError.self) {
                try queue.write { db in
                    try db.execute(sql: """
                        INSERT INTO rewardLine (rewardRunId, tenantId, creditCode, tenantName, rule, period, amountFen)
                        SELECT rewardRunId, tenantId, creditCode, tenantName, rule, period, amountFen FROM rewardLine WHERE rewardRunId = ?
                        """, arguments: [placementOnly.id])
                }
            }
        }
    }

    @Test("amounts an earlier parkd approved twice survive the upgrade and are reported, adjustments marked as such")
    func upgradeReportsDoubleApprovals() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory + "/parkd.sqlite"
            try ParkDatabase.migrate(path: path, upTo: "v5-policiesAndRewards")
            let queue = try DatabaseQueue(path: path)
            try await queue.write { db in
                for (id, rules, kind) in [(1, "RENT,TRAINING", "regular"), (2, "TRAINING", "regular"), (3, "RENT,TRAINING", "adjustment")] {
                    try db.execute(sql: """
                        INSERT INTO rewardRun (id, period, kind, status, rules, policyVersions, inputsHash, inputs, totalFen, lineCount, adjusts, createdAt, createdBy)
                        VALUES (?, '2021-06', ?, 'draft', ?, '', '', x'', 0, 1, '', 'now', 'root')
                        """, arguments: [id, kind, rules])
                    try db.execute(sql: """
                        INSERT INTO rewardLine (rewardRunId, tenantId, creditCode, tenantName, rule, period, amountFen)
                        VALUES (?, 1, 'C', 'T', 'TRAINING', '2021-06', 2650)
                        """, arguments: [id])
                    try db.execute(sql: "UPDATE rewardRun SET status = 'approved' WHERE id = ?", arguments: [id])
                }
            }
            try queue.close()
            let database = try ParkDatabase(path: path)
            #expect(try await database.amountsApprovedTwice() == ["tenant 1 TRAINING 2021-06 in runs 1, 2"])
        }
    }

    @Test("a newer draft supersedes every older draft of its period that shares a rule with it, whatever rules either was limited to, and no other")
    func overlappingDrafts() async throws {
        try await withTemporaryDirectory { directory in
            let database = try ParkDatabase(path: directory + "/parkd.sqlite")
            let all = try await database.createRewardRun(
                run([line(1, "RENT", 100), line(1, "PLACEMENT", 300)]), context: context("io.parkd.Reward.Run"))
            let training = try await database.createRewardRun(run([line(1, "TRAINING", 50)], rules: ["TRAINING"]), context: context("io.parkd.Reward.Run"))
            let placement = try await database.createRewardRun(run([line(1, "PLACEMENT", 300)], rules: ["PLACEMENT"]), context: context("io.parkd.Reward.Run"))
            #expect(try await database.rewardRun(all.id).status == .superseded, "it shares PLACEMENT")
            #expect(try await database.rewardRun(training.id).status == .draft, "it shares no rule")
            #expect(try await database.rewardRun(placement.id).status == .draft)
            // The ledger's computed column counts one draft of an amount, not each.
            let ledger = try await database.paymentLedger(tenant: nil, year: 2021)
            #expect(ledger.drafts[1] == Money(fen: 350))
        }
    }

    @Test("a newer draft supersedes the older one; approving twice is refused")
    func drafts() async throws {
        try await withTemporaryDirectory { directory in
            let database = try ParkDatabase(path: directory + "/parkd.sqlite")
            let older = try await database.createRewardRun(run([line(1, "RENT", 100)]), context: context("io.parkd.Reward.Run"))
            let newer = try await database.createRewardRun(run([line(1, "RENT", 200)]), context: context("io.parkd.Reward.Run"))
            #expect(try await database.rewardRun(older.id).status == .superseded)
            #expect(newer.kind == .regular)
            await #expect(throws: StoreError.runNotDraft(older.id, status: "superseded")) {
                _ = try await database.approveRewardRun(older.id, computing: { _, _, _ in [self.line(1, "RENT", 100)] }, context: context("io.parkd.Reward.Approve"))
            }
            // Computed again now, the data gives something else: the draft is refused, and stays a draft.
            await #expect(throws: RewardRunRefused.changed(run: newer.id, period: "2021-06", changes: ["tenant 1 RENT: 2.00 in the draft, 2.50 now"])) {
                _ = try await database.approveRewardRun(newer.id, computing: { _, _, _ in [self.line(1, "RENT", 250)] }, context: context("io.parkd.Reward.Approve"))
            }
            #expect(try await database.rewardRun(newer.id).status == .draft)
            _ = try await database.approveRewardRun(newer.id, computing: { _, _, _ in [line(1, "RENT", 200)] }, context: context("io.parkd.Reward.Approve"))
            await #expect(throws: StoreError.runNotDraft(newer.id, status: "approved")) {
                _ = try await database.approveRewardRun(newer.id, computing: { _, _, _ in [self.line(1, "RENT", 200)] }, context: context("io.parkd.Reward.Approve"))
            }
        }
    }

    @Test("an approved run cannot be changed even by writing to the file directly")
    func immutability() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory + "/parkd.sqlite"
            let database = try ParkDatabase(path: path)
            let approved = try await database.approveRewardRun(
                try await database.createRewardRun(run([line(1, "RENT", 100)]), context: context("io.parkd.Reward.Run")).id,
                computing: { _, _, _ in [line(1, "RENT", 100)] }, context: context("io.parkd.Reward.Approve"))
            try database.close()
            let queue = try DatabaseQueue(path: path)
            for statement in [
                "UPDATE rewardLine SET amountFen = 1", "DELETE FROM rewardLine", "UPDATE rewardRun SET totalFen = 1",
                "DELETE FROM rewardRun", "INSERT INTO rewardLine (rewardRunId, tenantId, creditCode, tenantName, rule, period, amountFen) VALUES (\(approved.id), 9, 'x', 'x', 'RENT', '2021-06', 1)",
            ] {
                #expect(throws: DatabaseError.self, "\(statement)") { try queue.write { db in try db.execute(sql: statement) } }
            }
            let sum: Int64? = try await queue.read { db in try Int64.fetchOne(db, sql: "SELECT SUM(amountFen) FROM rewardLine") }
            #expect(sum == 100)
        }
    }

    @Test("a policy load is recorded only when the set in force changes, and the last set can be read back")
    func policyLoads() async throws {
        try await withTemporaryDirectory { directory in
            let database = try ParkDatabase(path: directory + "/parkd.sqlite")
            let text = """
                id: P1
                title: T
                issuer: I
                document: D
                in_force: {from: 2021-01-01}
                rules:
                  - {id: R, title: R, clause: C, period: month, eligible: "true", amount: 1 yuan}
                """
            let policy = try PolicyLoader.load(text, fileName: "P1.yaml")
            #expect(try await database.recordPolicyLoad([], context: context("io.parkd.Policy.Load")) == false)
            #expect(try await database.recordPolicyLoad([policy], context: context("io.parkd.Policy.Load")) == true)
            #expect(try await database.recordPolicyLoad([policy], context: context("io.parkd.Policy.Load")) == false)
            #expect(try await database.policiesLastInForce().map(\.source) == [text])
            #expect(try await database.policyVersions(hashes: [policy.hash, "nothing"]).map(\.policyID) == ["P1"])
            let loads = try await database.auditEntries(AuditQuery(limit: 10, methods: ["io.parkd.Policy.Load"]))
            #expect(loads.count == 1)
        }
    }
}
