import Foundation
import ParkCore
import Testing

@testable import ParkPolicy

/// `policy check`, `policy test` and `policy simulate` hand parkd whatever text a client sends.
/// Thousands of damaged versions of the reference policy (lines dropped, doubled, swapped or cut
/// short, tokens replaced by odd numbers, names, operators and characters) must each be refused
/// with problems placed inside the file, or load and then compute or fail with an error: a trap
/// here would take the daemon down.
@Suite struct PolicyMutationTests {
    static let reference = try! String(
        contentsOf: ReferencePolicyTests.repository.appendingPathComponent("Config/policies/P2021.yaml"), encoding: .utf8)
    static let older = try! PolicyLoader.load(
        String(contentsOf: ReferencePolicyTests.repository.appendingPathComponent("Config/policies/P2019.yaml"), encoding: .utf8),
        fileName: "P2019.yaml")

    /// Tenants that reach every rule: leases, reports over three years, a headquarters, an exit.
    static let tenants: [TenantFacts] = [
        Fixtures.tenant(
            id: 1, lines: ["recruitment", "training"], tags: ["headquarters", "global-top-500"], activeFrom: "2019-03-01",
            leases: [Fixtures.lease(1, start: "2019-03-01", end: "2024-02-29", office: 1_200, incubator: 30, rent: 45)],
            reports: Dictionary(uniqueKeysWithValues: (2019...2021).flatMap { year in
                (1...12).map { month in
                    (String(format: "%04d-%02d", year, month),
                     ["revenue": 30_000_000_000, "tax": 90_000_000, "placements": 37, "training_attendees": 30, "phd_hires": 1])
                }
            })),
        Fixtures.tenant(
            id: 2, lines: ["dispatch"], activeFrom: "2020-01-31", statuses: [("exiting", "2021-05-20"), ("exited", "2021-06-15")],
            leases: [Fixtures.lease(2, start: "2020-01-31", end: "2021-06-15", office: 300, rent: 30)],
            reports: ["2021-05": ["revenue": 1, "tax": 0], "2021-06": ["revenue": Int64.max / 4, "tax": Int64.max / 4]]),
        Fixtures.tenant(id: 3, lines: ["other"], activeFrom: nil),
    ]

    static let replacements = [
        "0", "-1", "1", "0.005", "99999999999999999999", "9223372036854775807", "1e400", "1/0", "100%", "-100%", "0 yuan",
        "2021-02-29", "2021-13-01", "9999-12-31", "last_months(0)", "last_months(-1)", "last_months(99999999)",
        "this_year", "earlier_years", "previous_year", "REVENUE_TIER", "RENT", "total(RENT, this_year)", "first_time(true)",
        "sum(revenue, last_months(12))", "average(tax, this_year)", "round(1 yuan, \"down\")", "tier(1, revenue_tiers)",
        "(", ")", "[", "]", ",", "+", "-", "*", "/", "and", "or", "not", "if", "then", "else", ":", "-", "|", ">", "'", "\"",
        "add_years(period_end, 999999)", "add_months(first_move_in, -999999)", "period_start - 999999", "day + 2913000",
        "days_between(0001-01-01, 9999-12-31)", "months_since_move_in * 9223372036854775807", "lease_year / 0",
        "\t", "\u{0}", "\r", "测试", "\u{1F600}", "&anchor", "*anchor", "!!binary", "{a: 1}", "[[1, 100%]]", "",
    ]

    @Test func damagedReferencePoliciesAreRefusedOrComputeNeverTrap() throws {
        var random = SeededGenerator(seed: 2021)
        let lines = Self.reference.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var refused = 0, loaded = 0
        for round in 0..<1_500 {
            var mutant = lines
            for _ in 0...(round % 4 / 3) { Self.mutate(&mutant, &random) }
            let text = mutant.joined(separator: "\n")
            do {
                let policy = try PolicyLoader.load(text, fileName: "P2021.yaml")
                loaded += 1
                guard let book = try? PolicyBook([Self.older, policy]) else { continue }
                for period in [RewardPeriod.month(Month(year: 2021, month: 6)), .year(2021), .year(2019)] {
                    _ = try? book.calculate(period, inputs: RewardInputs(tenants: Self.tenants), explain: round % 2 == 0)
                }
            } catch {
                refused += 1
                for problem in error.problems {
                    #expect(problem.file == "P2021.yaml")
                    guard let position = problem.position else { continue }
                    #expect((1...mutant.count + 1).contains(position.line) && position.column >= 1,
                            "round \(round): \(problem) is outside the file of \(mutant.count) lines")
                }
            }
        }
        // Both outcomes must be exercised, or the mutations test nothing.
        #expect(refused > 500 && loaded > 100, "refused \(refused), loaded \(loaded)")
    }

    @Test func damagedTestSuitesAreRefusedOrRunNeverTrap() throws {
        let book = try ReferencePolicyTests.referenceBook()
        let text = try String(
            contentsOf: ReferencePolicyTests.repository.appendingPathComponent("Config/policies/tests/reference.yaml"), encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var random = SeededGenerator(seed: 38)
        var refused = 0, ran = 0
        for round in 0..<400 {
            var mutant = lines
            for _ in 0...(round % 4 / 3) { Self.mutate(&mutant, &random) }
            guard let suite = try? PolicyTestSuite.parse(mutant.joined(separator: "\n"), fileName: "reference.yaml") else {
                refused += 1
                continue
            }
            _ = suite.run(with: book)
            ran += 1
        }
        #expect(refused > 100 && ran > 60, "refused \(refused), ran \(ran)")
    }

    /// One damage to the text: mostly one token of a value (a formula, a number, a date, a
    /// bracket table) replaced, so that many damaged files still load and run; else a line
    /// dropped, doubled, swapped with another or cut short.
    static func mutate(_ lines: inout [String], _ random: inout SeededGenerator) {
        guard !lines.isEmpty else { return }
        let index = Int(random.next() % UInt64(lines.count))
        switch random.next() % 10 {
        case 0:
            lines.remove(at: index)
        case 1:
            lines.insert(lines[index], at: index)
        case 2:
            lines.swapAt(index, Int(random.next() % UInt64(lines.count)))
        case 3:
            let line = lines[index]
            lines[index] = String(line.prefix(Int(random.next() % UInt64(line.count + 1))))
        default:
            let valued = lines.indices.filter { lines[$0].contains(": ") && !lines[$0].hasSuffix(": |") }
            guard !valued.isEmpty else { return }
            let target = valued[Int(random.next() % UInt64(valued.count))]
            let line = lines[target], split = line.range(of: ": ")!
            var tokens = line[split.upperBound...].split(separator: " ").map(String.init)
            guard !tokens.isEmpty else { return }
            tokens[Int(random.next() % UInt64(tokens.count))] = replacements[Int(random.next() % UInt64(replacements.count))]
            lines[target] = line[..<split.upperBound] + tokens.joined(separator: " ")
        }
    }
}

/// A small deterministic generator (xorshift64*): every run damages the same way.
struct SeededGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed | 1 }

    mutating func next() -> UInt64 {
        state ^= state >> 12
        state ^= state << 25
        state ^= state >> 27
        return state &* 0x2545_F491_4F6C_DD1D
    }
}
