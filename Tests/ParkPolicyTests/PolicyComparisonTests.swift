import ParkCore
import Testing

@testable import ParkPolicy

@Suite("A draft policy compared with the policies in force, tenant by tenant and rule by rule")
struct PolicyComparisonTests {
    static let period = Fixtures.period("2021-06")

    func line(_ tenant: Int64, _ rule: String, _ fen: Int64, name: String? = nil) -> RewardLine {
        RewardLine(
            tenantID: tenant, creditCode: "C\(tenant)", tenantName: name ?? "T\(tenant)", rule: rule, period: "2021-06", fen: fen, explanation: nil)
    }

    @Test("a simulation computes a period up to the end of next year, not one far ahead with no data")
    func simulatedPeriods() throws {
        let today = CivilDate(year: 2026, month: 12, day: 6)!
        #expect(try RewardPeriod.parseSimulated("2027-12", today: today) == .month(Month(year: 2027, month: 12)))
        #expect(try RewardPeriod.parseSimulated("2021", today: today) == .year(2021))
        #expect(throws: DomainError.invalid("period", "5000 is after 2027; a simulation computes the park's data, for a period up to the end of next year")) {
            try RewardPeriod.parseSimulated("5000", today: today)
        }
    }

    func compare(_ inForceRules: [String], _ inForce: [RewardLine], _ draftRules: [String], _ draft: [RewardLine]) throws -> PolicyComparison {
        try PolicyComparison(period: Self.period, inForceRules: inForceRules, inForce: inForce, draftRules: draftRules, draft: draft)
    }

    @Test("only the amounts that differ are listed, by tenant then rule; each rule sums every tenant's, the totals all")
    func differences() throws {
        let comparison = try compare(
            ["RENT", "PLACEMENT"], [line(2, "RENT", 40_000), line(1, "PLACEMENT", 740_000), line(1, "RENT", 10_000), line(3, "PLACEMENT", 500)],
            ["PLACEMENT", "TRAINING", "RENT"],
            [line(2, "RENT", 40_000), line(1, "PLACEMENT", 1_110_000, name: "renamed"), line(1, "RENT", 10_000), line(2, "TRAINING", 1_500)])
        #expect(comparison.period == Self.period)
        #expect(comparison.tenants.map { "\($0.tenant) \($0.name) \($0.rule) \($0.inForce) \($0.draft) \($0.difference)" } == [
            "1 renamed PLACEMENT 7400.00 11100.00 3700.00",
            "2 T2 TRAINING 0.00 15.00 15.00",
            // A tenant the draft pays nothing is named as the policies in force named it.
            "3 T3 PLACEMENT 5.00 0.00 -5.00",
        ])
        // The rules in force first, in their order, then the draft's new ones.
        #expect(comparison.rules.map { "\($0.rule) \($0.inForce) \($0.draft) \($0.difference) \($0.tenants)" } == [
            "RENT 500.00 500.00 0.00 0", "PLACEMENT 7405.00 11100.00 3695.00 2", "TRAINING 0.00 15.00 15.00 1",
        ])
        #expect(comparison.inForceTotal == Money(fen: 790_500) && comparison.draftTotal == Money(fen: 1_161_500))
    }

    @Test("with nothing in force for the period, every amount of the draft is a difference")
    func nothingInForce() throws {
        let comparison = try compare([], [], ["RENT"], [line(1, "RENT", 100), line(2, "RENT", -30)])
        #expect(comparison.tenants.map(\.difference) == [Money(fen: 100), Money(fen: -30)])
        #expect(comparison.rules == [.init(rule: "RENT", inForce: .zero, draft: Money(fen: 70), tenants: 2)])
        #expect(comparison.inForceTotal == .zero && comparison.draftTotal == Money(fen: 70))
        let same = try compare(["RENT"], [line(1, "RENT", 100)], ["RENT"], [line(1, "RENT", 100)])
        #expect(same.tenants.isEmpty && same.rules.map(\.tenants) == [0])
    }

    @Test("a sum past the largest amount parkd holds is refused, naming the rule or the side, never wrapped")
    func totalTooLarge() throws {
        let largest = Money.largest.fen
        let fits = try compare(["R"], [line(1, "R", largest - 1), line(2, "R", 1)], ["R"], [])
        #expect(fits.inForceTotal == Money.largest)
        let ruleInDraft = #expect(throws: PolicyRunError.self) {
            try compare(["R"], [], ["R"], [line(1, "R", largest), line(2, "R", 1)])
        }
        #expect(ruleInDraft?.message == "the amounts of rule R under the draft add up to more than 9999999999999.99 yuan, the largest amount parkd holds; check the formulas")
        let ruleInForce = #expect(throws: PolicyRunError.self) {
            try compare(["R"], (1...10_000).map { line($0, "R", largest) }, ["R"], [])
        }
        #expect(ruleInForce?.message.hasPrefix("the amounts of rule R under the policies in force add up") == true)
        // Each rule within it, the two together not.
        let all = #expect(throws: PolicyRunError.self) {
            try compare(["A", "B"], [], ["A", "B"], [line(1, "A", largest), line(1, "B", largest)])
        }
        #expect(all?.message.hasPrefix("the amounts of the draft add up") == true)
    }

    @Test("lines are grouped per tenant and rule, adding up the amounts of one key")
    func grouping() {
        let amounts = AmountsByTenantAndRule([line(1, "R", 100), line(1, "R", -40), line(2, "R", 5), line(1, "S", 7)])
        #expect(amounts[.init(tenant: 1, rule: "R")] == 60 && amounts[.init(tenant: 1, rule: "S")] == 7 && amounts[.init(tenant: 3, rule: "R")] == 0)
        let other = AmountsByTenantAndRule([line(1, "R", 60), line(2, "R", 6), line(3, "R", 0)])
        // A key absent on one side is 0 there: tenant 3's 0 is no difference, tenant 1's S is.
        #expect(AmountsByTenantAndRule.differing(amounts, other) == [.init(tenant: 1, rule: "S"), .init(tenant: 2, rule: "R")])
    }
}
