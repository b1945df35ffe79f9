import Foundation
import ParkCore
import Testing

@testable import ParkPolicy

/// The shipped reference policies load cleanly and pass the finance office's test cases.
@Suite struct ReferencePolicyTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func referenceBook() throws -> PolicyBook {
        let folder = repository.appendingPathComponent("Config/policies")
        var policies: [Policy] = []
        for name in ["P2019.yaml", "P2021.yaml"] {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            policies.append(try PolicyLoader.load(text, fileName: name))
        }
        return try PolicyBook(policies)
    }

    @Test func everyReferenceTestCasePasses() throws {
        let book = try Self.referenceBook()
        let text = try String(contentsOf: Self.repository.appendingPathComponent("Config/policies/tests/reference.yaml"), encoding: .utf8)
        let suite = try PolicyTestSuite.parse(text, fileName: "reference.yaml")
        let outcomes = suite.run(with: book)
        #expect(outcomes.count >= 38)
        for outcome in outcomes where !outcome.passed {
            Issue.record("line \(outcome.line) \(outcome.name): \(outcome.failures.joined(separator: "; "))")
        }
    }

    @Test func anExpectationOfARuleNoPolicyHasFailsTheCaseNamingIt() throws {
        let book = try Self.referenceBook()
        let suite = try PolicyTestSuite.parse("""
            cases:
              - name: a misspelt rule
                period: 2021-06
                tenant:
                  active_from: 2021-01-01
                expect: {PLACEMNT: 0.00}
            """, fileName: "typo.yaml")
        let outcome = try #require(suite.run(with: book).first)
        #expect(outcome.failures == ["PLACEMNT: no policy given has a rule PLACEMNT; expected 0.00"])
    }

    @Test func everyRuleOfTheReferencePolicyHasATestCase() throws {
        let book = try Self.referenceBook()
        let text = try String(contentsOf: Self.repository.appendingPathComponent("Config/policies/tests/reference.yaml"), encoding: .utf8)
        let suite = try PolicyTestSuite.parse(text, fileName: "reference.yaml")
        let tested = Set(suite.cases.flatMap { $0.expected.filter { $0.fen != 0 }.map(\.rule) })
        let rules = Set(book.policies.flatMap(\.ruleIDs))
        #expect(rules.subtracting(tested).isEmpty, "rules without a case paying something: \(rules.subtracting(tested).sorted())")
    }
}
