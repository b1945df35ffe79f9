import ParkCore
import Testing

@testable import ParkPolicy

@Suite("Approved periods under other policies")
struct ApprovedPeriodRepricingTests {
    static let tenants = [Fixtures.tenant(reports: ["2021-06": ["placements": 10], "2021-07": ["placements": 4]])]

    static func book(_ values: String, rules: [String] = [Fixtures.rule("PLACEMENT", amount: "placements * subsidy")], until: String? = nil) throws -> PolicyBook {
        try Fixtures.book(Fixtures.policy(parameters: "  subsidy:\n    type: money\n    values:\n\(values)", rules: rules, until: until))
    }

    static func check(_ period: String, approved: Set<String>, _ inForce: PolicyBook, _ proposed: PolicyBook) throws -> ApprovedPeriodRepricing? {
        try ApprovedPeriodRepricing.check(
            Fixtures.period(period), approvedRules: approved, inForce: inForce, proposed: proposed,
            inputs: try PreparedInputs(RewardInputs(tenants: tenants)))
    }

    @Test("a value changed back to a day of an approved period re-prices it; one from a later day does not")
    func datedValues() throws {
        let inForce = try Self.book("      2019-01-01: 200\n")
        let retroactive = try Self.book("      2019-01-01: 150\n")
        let repriced = try #require(try Self.check("2021-06", approved: ["PLACEMENT"], inForce, retroactive))
        #expect(repriced.changes.map { [$0.rule, $0.inForce.description, $0.draft.description] } == [["PLACEMENT", "2000.00", "1500.00"]])
        #expect(repriced.summary() == "2021-06: tenant 1 (青岛测试人力资源有限公司) PLACEMENT 2000.00 → 1500.00")
        let later = try Self.book("      2019-01-01: 200\n      2021-07-01: 300\n")
        #expect(try Self.check("2021-06", approved: ["PLACEMENT"], inForce, later) == nil)
        // July was not approved: its amounts are not money yet.
        #expect(try Self.check("2021-07", approved: [], inForce, later) == nil)
        #expect(try Self.check("2021-07", approved: ["PLACEMENT"], inForce, later) != nil)
    }

    @Test("an approved rule no policy computes any more is named; rules not approved are not compared")
    func rulesGone() throws {
        let rules = [Fixtures.rule("PLACEMENT", amount: "placements * subsidy"), Fixtures.rule("FLAT", amount: "5 yuan")]
        let inForce = try Self.book("      2019-01-01: 200\n", rules: rules)
        let withoutFlat = try Self.book("      2019-01-01: 200\n")
        let gone = try #require(try Self.check("2021-06", approved: ["PLACEMENT", "FLAT"], inForce, withoutFlat))
        #expect(gone.rulesGone == ["FLAT"] && gone.changes.map(\.rule) == ["FLAT"])
        #expect(gone.summary().hasSuffix("; no policy computes FLAT any more"))
        #expect(try Self.check("2021-06", approved: ["PLACEMENT"], inForce, withoutFlat) == nil)
        let ended = try Self.book("      2019-01-01: 200\n", until: "2021-05-31")
        #expect(try Self.check("2021-06", approved: ["PLACEMENT"], inForce, ended)?.rulesGone == ["PLACEMENT"])
    }

    @Test("what a policy says through the last approved day: its rules, values dated then and days in force; not comments, titles or later values")
    func rewritten() throws {
        let values = "      2019-01-01: 200\n"
        let inForce = try Self.book(values)
        let approved = [Fixtures.period("2021-06")]
        func found(_ proposed: PolicyBook) -> [RewrittenPolicy] {
            RewrittenPolicy.find(inForce: inForce, proposed: proposed, approvedPeriods: approved)
        }
        let through = try CivilDate.parse("2021-06-30", field: "day")
        // Today's data may not reach an edit of a formula: it is found all the same.
        #expect(found(try Self.book(values, rules: [Fixtures.rule("PLACEMENT", amount: "if headcount >= 10000 then 0 yuan else placements * subsidy")]))
            == [RewrittenPolicy(policy: "T", through: through, change: .edited)])
        #expect(found(try Self.book("      2019-01-01: 150\n")).map(\.policy) == ["T"])
        #expect(found(try Self.book(values, until: "2021-05-31")).map(\.policy) == ["T"])
        // A later value, an end after the approved days, a comment or a title say nothing new about them.
        #expect(found(try Self.book(values + "      2021-07-01: 300\n")).isEmpty)
        #expect(found(try Self.book(values, until: "2021-06-30")).isEmpty)
        let commented = try Fixtures.book("# 说明\n" + Fixtures.policy(parameters: "  subsidy:\n    type: money\n    values:\n\(values)",
                                                                     rules: [Fixtures.rule("PLACEMENT", amount: "placements * subsidy")]))
        #expect(commented.policies[0].hash != inForce.policies[0].hash && found(commented).isEmpty)
        let retitled = try Fixtures.book(Fixtures.policy(parameters: "  subsidy:\n    type: money\n    values:\n\(values)",
                                                         rules: [Fixtures.rule("PLACEMENT", amount: "placements * subsidy")])
            .replacingOccurrences(of: "title: Test policy T", with: "title: 测试政策"))
        #expect(retitled.policies[0].hash != inForce.policies[0].hash && found(retitled).isEmpty)
        // Removed, it is found; with no approved period from its first day, nothing is.
        #expect(RewrittenPolicy.find(inForce: inForce, proposed: .empty, approvedPeriods: approved) == [RewrittenPolicy(policy: "T", through: through, change: .removed)])
        #expect(RewrittenPolicy.find(inForce: inForce, proposed: .empty, approvedPeriods: [Fixtures.period("2018-06")]).isEmpty)
        // Added over approved days, or brought forward into them, it is found too; from a later day, not.
        let added = try PolicyBook(inForce.policies + [try Fixtures.load(
            Fixtures.policy(rules: [Fixtures.rule("BONUS", amount: "1 yuan")], id: "U", from: "2021-06-01"), file: "U.yaml")])
        #expect(found(added) == [RewrittenPolicy(policy: "U", through: through, change: .added)])
        let later = try PolicyBook(inForce.policies + [try Fixtures.load(
            Fixtures.policy(rules: [Fixtures.rule("BONUS", amount: "1 yuan")], id: "U", from: "2021-07-01"), file: "U.yaml")])
        #expect(found(later).isEmpty)
        #expect(RewrittenPolicy.find(inForce: later, proposed: added, approvedPeriods: approved) == [RewrittenPolicy(policy: "U", through: through, change: .edited)])
    }
}
