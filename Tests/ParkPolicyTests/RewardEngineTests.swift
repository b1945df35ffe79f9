import Foundation
import ParkCore
import Testing

@testable import ParkPolicy

/// The reward engine on the cases a finance officer checks: calendar edges, a policy replaced
/// mid-month, annual caps across policies, explanations, reproducibility and run errors.
@Suite struct RewardEngineTests {
    // MARK: Calendar edges

    /// Office rent as RENT computes it, without the reference policy's caps and rates.
    static let rentBook: PolicyBook = {
        let text = Fixtures.policy(
            parameters: "  rate_table:\n    type: brackets count -> rate\n    values:\n      2019-01-01: [[1, 100%], [2, 50%], [3, 0%]]",
            rules: [Fixtures.rule(
                "RENT", eligible: "status_is(\"active\", \"exiting\")",
                amount: "tier(lease_year, rate_table) * capped_office_rent(40 yuan/m2, 1000 m2) / days_in_month",
                extra: ["per_day: true"])])
        return (try? Fixtures.book(text)) ?? .empty
    }()

    static func renting(_ start: String, _ end: String = "2030-12-31", office: Int64 = 100, rent: Int64 = 40) -> TenantFacts {
        Fixtures.tenant(activeFrom: start, leases: [Fixtures.lease(start: start, end: end, office: office, rent: rent)])
    }

    @Test func theCalendarsLastYearIsComputedWithoutAnniversariesPastIt() throws {
        let book = try ReferencePolicyTests.referenceBook()
        let tenant = Fixtures.tenant(
            activeFrom: "9999-01-01", leases: [Fixtures.lease(start: "9999-01-01", end: "9999-12-31", office: 100, rent: 40)],
            reports: ["9999-12": ["revenue": 10_000_000_000, "tax": 1_000_000]])
        // Lease year 1, 40 yuan × 100 m², all of it.
        #expect(try Fixtures.amounts(book, "9999-12", [tenant])["RENT"] == 400_000)
        // 100 million yuan of revenue reaches the first tier.
        #expect(try Fixtures.amounts(book, "9999", [tenant]) == ["REVENUE_TIER": 10_000_000])
    }

    @Test(arguments: [
        // One day of a 31-day May: 4,000 ÷ 31.
        ("2021-05-31", "2030-12-31", "2021-05", 12_903),
        ("2021-05-31", "2030-12-31", "2021-06", 400_000),
        // Lease year 2 begins on 31 May 2022: 30 days at 100%, 1 at 50%.
        ("2021-05-31", "2030-12-31", "2022-05", 393_548),
        // A lease ending on the 30th of a 31-day month.
        ("2021-01-01", "2021-03-30", "2021-03", 387_097),
        // Move-in on 29 February 2020: one day of a 29-day February.
        ("2020-02-29", "2030-12-31", "2020-02", 13_793),
        // Lease year 2 begins on 28 February 2021: 27 days at 100%, 1 at 50%.
        ("2020-02-29", "2030-12-31", "2021-02", 392_857),
        // And on 28 February again in 2022 (lease year 3: nothing from that day).
        ("2020-02-29", "2030-12-31", "2022-02", 192_857),
        // In a leap year the anniversary is 29 February again.
        ("2020-02-29", "2030-12-31", "2024-02", 0),
    ] as [(String, String, String, Int64)])
    func rentOnCalendarEdges(start: String, end: String, period: String, fen: Int64) throws {
        #expect(try Fixtures.fen(Self.rentBook, "RENT", period, Self.renting(start, end)) == fen)
    }

    @Test func leaseYearsOfA29FebruaryMoveIn() throws {
        let profile = try TenantProfile(Self.renting("2020-02-29"))
        let day = { (text: String) in (try? CivilDate.parse(text, field: "day")) ?? .distantFuture }
        #expect(profile.leaseYear(on: day("2020-02-28")) == 0)
        #expect(profile.leaseYear(on: day("2020-02-29")) == 1)
        #expect(profile.leaseYear(on: day("2021-02-27")) == 1)
        #expect(profile.leaseYear(on: day("2021-02-28")) == 2)
        #expect(profile.leaseYear(on: day("2024-02-28")) == 4)
        #expect(profile.leaseYear(on: day("2024-02-29")) == 5)
    }

    // MARK: A policy replaced in the middle of a month

    static let older = Fixtures.policy("""
        parameters:
          daily:
            type: money
            values:
              2019-01-01: 10
          annual_cap:
            type: money
            values:
              2019-01-01: 1000
          monthly_award:
            type: money
            values:
              2019-01-01: 100
        rules:
          - id: D
            title: Daily amount
            clause: A 1
            period: month
            per_day: true
            eligible: status_is("active")
            amount: daily
            cap:
              per_year: annual_cap
          - id: M
            title: Monthly award
            clause: A 2
            period: month
            eligible: status_is("active")
            amount: monthly_award
          - id: ONLY_A
            title: A rule P2 dropped
            clause: A 3
            period: month
            eligible: "true"
            amount: 1 yuan
        """, id: "A", from: "2019-01-01", until: "2021-04-15")

    static let newer = Fixtures.policy("""
        parameters:
          daily:
            type: money
            values:
              2021-04-16: 20
          annual_cap:
            type: money
            values:
              2021-04-16: 1500
          monthly_award:
            type: money
            values:
              2021-04-16: 200
        rules:
          - id: D
            title: Daily amount
            clause: B 1
            period: month
            per_day: true
            eligible: status_is("active")
            amount: daily
            cap:
              per_year: annual_cap
          - id: M
            title: Monthly award
            clause: B 2
            period: month
            eligible: status_is("active")
            amount: monthly_award
          - id: Y
            title: Yearly
            clause: B 3
            period: year
            eligible: "true"
            amount: total(D, this_year)
        """, id: "B", from: "2021-04-16")

    static func replacedBook() throws -> PolicyBook { try Fixtures.book(older, newer) }
    static let tenant = Fixtures.tenant(activeFrom: "2021-01-01")

    @Test(arguments: [
        // January to March under A: 310 + 280 + 310 = 900.
        ("D", "2021-03", 31_000),
        // 15 days at A's 10, 15 at B's 20; the annual cap is B's (1,500), not A's (1,000).
        ("D", "2021-04", 45_000),
        // 900 + 450 already computed: 150 left of B's cap.
        ("D", "2021-05", 15_000),
        ("D", "2021-06", 0),
        // A new year, a new cap.
        ("D", "2022-01", 62_000),
        // A monthly rule takes the policy in force on the month's last day.
        ("M", "2021-03", 10_000),
        ("M", "2021-04", 20_000),
        ("ONLY_A", "2021-03", 100),
    ] as [(String, String, Int64)])
    func dailyRulesUseEachDaysPolicyAndCapsThePolicyOfTheLastDay(rule: String, period: String, fen: Int64) throws {
        #expect(try Fixtures.fen(Self.replacedBook(), rule, period, Self.tenant) == fen)
    }

    @Test func theRulesOfARunComeFromThePoliciesInForce() throws {
        let book = try Self.replacedBook()
        #expect(book.rules(for: Fixtures.period("2021-03")) == ["D", "M", "ONLY_A"])
        #expect(book.rules(for: Fixtures.period("2021-04")) == ["D", "M"])
        #expect(book.rules(for: Fixtures.period("2021")) == ["Y"])
        #expect(book.rules(for: Fixtures.period("2020")).isEmpty)
        // The annual total counts every month as its own policy computed it.
        #expect(try Fixtures.fen(book, "Y", "2021", Self.tenant) == 150_000)
    }

    @Test func eachMonthIsAFunctionOfTheDataWhateverWasRunBefore() throws {
        // May alone, then the whole year in order, with fresh books: the same amounts.
        let alone = try Fixtures.fen(Self.replacedBook(), "D", "2021-05", Self.tenant)
        let book = try Self.replacedBook()
        var inOrder: [Int64] = []
        for month in 1...5 { inOrder.append(try Fixtures.fen(book, "D", "2021-0\(month)", Self.tenant)) }
        #expect(inOrder == [31_000, 28_000, 31_000, 45_000, 15_000])
        #expect(alone == inOrder[4])
    }

    // MARK: Choosing rules

    @Test func aRunComputesTheRulesChosen() throws {
        let book = try Self.replacedBook()
        let calculation = try book.calculate(Fixtures.period("2021-04"), inputs: RewardInputs(tenants: [Self.tenant]), rules: ["M"])
        #expect(calculation.rules == ["M"])
        #expect(calculation.lines.map(\.rule) == ["M"])
        #expect(calculation.period == .month(Month(year: 2021, month: 4)))
    }

    @Test(arguments: [
        ("2021-04", "ONLY_A", "rule ONLY_A is not computed in a run of 2021-04: no policy in force then computes it in monthly runs"),
        ("2021-04", "Y", "rule Y is not computed in a run of 2021-04: no policy in force then computes it in monthly runs"),
        ("2021", "D", "rule D is not computed in a run of 2021: no policy in force then computes it in yearly runs"),
        ("2021-04", "NOPE", "unknown rule 'NOPE'; the rules for 2021-04 are D, M"),
    ])
    func aRuleNotComputedInTheRunIsRefused(period: String, rule: String, message: String) throws {
        let book = try Self.replacedBook()
        #expect(throws: PolicyRunError(message, field: "rules")) {
            try book.calculate(Fixtures.period(period), inputs: RewardInputs(tenants: [Self.tenant]), rules: [rule])
        }
    }

    @Test func aPeriodWithoutPoliciesIsRefused() throws {
        #expect(throws: PolicyRunError("no policy in force computes anything for 2018-06")) {
            try Self.replacedBook().calculate(Fixtures.period("2018-06"), inputs: RewardInputs(tenants: [Self.tenant]))
        }
    }

    // MARK: Explanations

    @Test func aParameterChangingWithinAPolicyIsExplainedWithTheDayOfEachValue() throws {
        let book = try Fixtures.book(Fixtures.policy("""
            parameters:
              daily:
                type: money
                values:
                  2019-01-01: 10
                  2021-04-11: 30
              rate:
                type: brackets count -> rate
                values:
                  2019-01-01: [[0, 50%], [3, 25%]]
                  2021-04-21: [[0, 100%]]
            rules:
              - id: D
                title: Daily amount
                clause: T 1
                period: month
                per_day: true
                eligible: status_is("active")
                amount: daily * tier(1, rate)
            """))
        let explanation = try #require(try Fixtures.explanation(book, "D", "2021-04", [Self.tenant]))
        // 10 days at 5.00, 10 at 15.00, 10 at 30.00.
        #expect(explanation.amount == "500.00")
        let parameters = explanation.steps.filter { $0.kind == .parameter }
        #expect(parameters == [
            ExplanationStep(kind: .parameter, name: "daily", value: "10.00 yuan", source: "T, in force from 2019-01-01", context: "2021-04-01…2021-04-10"),
            ExplanationStep(
                kind: .parameter, name: "rate", value: "from 0: 50%, from 3: 25%", source: "T, in force from 2019-01-01", context: "2021-04-01…2021-04-10"),
            ExplanationStep(kind: .parameter, name: "daily", value: "30.00 yuan", source: "T, in force from 2021-04-11", context: "2021-04-11…2021-04-20"),
            ExplanationStep(
                kind: .parameter, name: "rate", value: "from 0: 50%, from 3: 25%", source: "T, in force from 2019-01-01", context: "2021-04-11…2021-04-20"),
            ExplanationStep(kind: .parameter, name: "daily", value: "30.00 yuan", source: "T, in force from 2021-04-11", context: "2021-04-21…2021-04-30"),
            ExplanationStep(kind: .parameter, name: "rate", value: "from 0: 100%", source: "T, in force from 2021-04-21", context: "2021-04-21…2021-04-30"),
        ])
    }

    @Test func aDailyRuleExplainsEachSpanWithItsPolicy() throws {
        let explanation = try #require(try Fixtures.explanation(Self.replacedBook(), "D", "2021-04", [Self.tenant]))
        #expect(explanation.policy == "B")
        #expect(explanation.amount == "450.00")
        #expect(explanation.clause == "B 1")
        #expect(explanation.policyDocument == "Test policy B (DOC-B)")
        let steps = explanation.steps
        #expect(steps.contains(ExplanationStep(
            kind: .parameter, name: "daily", value: "10.00 yuan", source: "A, in force from 2019-01-01", context: "2021-04-01…2021-04-15")))
        #expect(steps.contains(ExplanationStep(
            kind: .parameter, name: "daily", value: "20.00 yuan", source: "B, in force from 2021-04-16", context: "2021-04-16…2021-04-30")))
        #expect(steps.contains(ExplanationStep(
            kind: .result, name: "days", value: "15 × 10.00 yuan = 150.00 yuan", source: "A", context: "2021-04-01…2021-04-15")))
        #expect(steps.contains(ExplanationStep(
            kind: .result, name: "days", value: "15 × 20.00 yuan = 300.00 yuan", source: "B", context: "2021-04-16…2021-04-30")))
        #expect(steps.contains(ExplanationStep(
            kind: .result, name: "cap per year", value: "1500.00 yuan, 900.00 already computed: not reached", source: "B", context: nil)))
        #expect(steps.last == ExplanationStep(
            kind: .result, name: "amount", value: "450.00 yuan", source: "rounded half-up to the fen, once", context: nil))
    }

    @Test func aCappedMonthExplainsTheCap() throws {
        let explanation = try #require(try Fixtures.explanation(Self.replacedBook(), "D", "2021-05", [Self.tenant]))
        #expect(explanation.steps.contains(ExplanationStep(
            kind: .result, name: "cap per year",
            value: "1500.00 yuan less 1350.00 already computed: 620.00 yuan capped to 150.00 yuan", source: "B", context: nil)))
        #expect(explanation.amount == "150.00")
    }

    @Test func rentIsExplainedWithParametersLeaseSpansCapAndRounding() throws {
        let book = try ReferencePolicyTests.referenceBook()
        let tenant = Fixtures.tenant(activeFrom: "2021-01-01", leases: [
            Fixtures.lease(start: "2021-01-01", end: "2023-12-31", office: 1200, rent: 45),
        ])
        let explanation = try #require(try Fixtures.explanation(book, "RENT", "2021-04", [tenant]))
        #expect(explanation.amount == "28750.00")
        #expect(explanation.policy == "P2021")
        #expect(explanation.rule == "RENT")
        #expect(explanation.period == "2021-04")
        let steps = explanation.steps
        let early = "2021-04-01…2021-04-15", late = "2021-04-16…2021-04-30"
        // Parameters with the policy and the day their value took effect, span by span.
        #expect(steps.contains(ExplanationStep(
            kind: .parameter, name: "rent_cap", value: "35 yuan/m²·month", source: "P2019, in force from 2019-01-01", context: early)))
        #expect(steps.contains(ExplanationStep(
            kind: .parameter, name: "rent_cap", value: "40 yuan/m²·month", source: "P2021, in force from 2021-04-16", context: late)))
        #expect(steps.contains(ExplanationStep(
            kind: .parameter, name: "rent_area_cap", value: "1000 m²", source: "P2021, in force from 2021-04-16", context: late)))
        // The lease used, with the area and rent counted under each policy's caps.
        let lease = "lease 1 (A1-office), 2021-01-01…2023-12-31, rent 45.00/m²·month"
        #expect(steps.contains(ExplanationStep(
            kind: .input, name: "office lease 1", value: "500 m² counted at 35 yuan/m²·month", source: lease, context: early)))
        #expect(steps.contains(ExplanationStep(
            kind: .input, name: "office lease 1", value: "1000 m² counted at 40 yuan/m²·month", source: lease, context: late)))
        #expect(steps.contains { $0.kind == .input && $0.name == "lease_year" && $0.value == "1" && $0.context == late })
        // Each span of days with its policy.
        #expect(steps.contains { $0.name == "days" && $0.context == early && $0.source == "P2019" && $0.value.hasPrefix("15 × ") })
        #expect(steps.contains { $0.name == "days" && $0.context == late && $0.source == "P2021" && $0.value.hasSuffix("= 20000.00 yuan") })
        // The annual cap of the policy in force on 30 April, counting January to March as P2019 computed them.
        #expect(steps.contains(ExplanationStep(
            kind: .result, name: "cap per year", value: "300000.00 yuan, 52500.00 already computed: not reached", source: "P2021", context: nil)))
        #expect(steps.last == ExplanationStep(
            kind: .result, name: "amount", value: "28750.00 yuan", source: "rounded half-up to the fen, once", context: nil))
    }

    @Test func aBudgetScaledLineExplainsTheBudget() throws {
        let book = try Fixtures.book(FormulaLanguageTests.budgeted(perYear: "2000 yuan"))
        let tenants = [Fixtures.tenant(id: 1, tags: ["big"]), Fixtures.tenant(id: 2)]
        let explanation = try #require(try Fixtures.explanation(book, "AWARD", "2021", tenants))
        #expect(explanation.amount == "1500.00")
        #expect(explanation.steps.last == ExplanationStep(
            kind: .result, name: "budget AWARDS",
            value: "4000.00 yuan computed in all exceeds 2000.00 yuan: 3000.00 × 2000 ÷ 4000.00 rounded down = 1500.00 yuan",
            source: "T", context: nil))
        let within = try Fixtures.book(FormulaLanguageTests.budgeted(perYear: "5000 yuan"))
        let unscaled = try #require(try Fixtures.explanation(within, "AWARD", "2021", tenants))
        #expect(unscaled.amount == "3000.00")
        #expect(unscaled.steps.last?.value == "4000.00 yuan computed in all within 5000.00 yuan: not scaled")
    }

    @Test func withoutExplainNoExplanationIsKept() throws {
        let calculation = try Self.replacedBook().calculate(
            Fixtures.period("2021-04"), inputs: RewardInputs(tenants: [Self.tenant]), explain: false)
        #expect(!calculation.lines.isEmpty)
        #expect(calculation.lines.allSatisfy { $0.explanation == nil })
    }

    @Test func aLineKeepsItsExplanationThroughStorageCopiesAndChanges() throws {
        let line = try #require(try Self.replacedBook().calculate(
            Fixtures.period("2021-04"), inputs: RewardInputs(tenants: [Self.tenant]), explain: true).lines.first)
        let compact = try #require(line.compactExplanation)
        let explanation = try #require(line.explanation)
        #expect(explanation.amount == Money(fen: line.fen).description)
        // What the store writes reads back the same, and is shown the same.
        let stored = try CompactExplanation(encoded: compact.encoded)
        #expect(stored == compact)
        #expect(stored.formatted() == explanation)
        // A copy changed keeps the original as it was; lines differing only in their explanation differ.
        var changed = line
        changed.compactExplanation?.setAmount(fen: 100)
        #expect(line.explanation == explanation)
        #expect(changed.explanation?.amount == "1.00")
        #expect(changed != line)
        changed.compactExplanation = nil
        #expect(changed.explanation == nil)
        #expect(changed != line)
    }

    @Test func reportsReadAndWriteAsTheListOfReportsTheyHold() throws {
        // A tenant's reports are held as one table; stored inputs keep the form they had as a
        // list of reports (so runs stored before read, and hash, as they did).
        let list = [ReportFact(month: "2021-05", version: 2, figures: ["revenue": 100, "placements": 3]),
                    ReportFact(month: "2021-04", version: 1, figures: ["tax": 7, "headcount": 40])]
        let reports = ReportFacts(list)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        #expect(try encoder.encode(reports) == encoder.encode(list))
        #expect(Array(reports) == list)
        #expect(try JSONDecoder().decode(ReportFacts.self, from: try encoder.encode(list)) == reports)
        let short = Data(#"[{"month":"2021-05","version":1,"values":[1,2,3]}]"#.utf8)
        #expect {
            try JSONDecoder().decode(ReportFacts.self, from: short)
        } throws: { error in
            String(describing: error).contains("report 2021-05 has 3 figures, not \(ReportFigure.allCases.count)")
        }
    }

    @Test func canonicalInputsAreWhatJSONEncoderWrites() throws {
        // Runs store the hash of their canonical inputs: written directly, they must stay the
        // encoder's bytes (sorted keys, slashes unescaped), or runs stored before would no
        // longer verify. Random tenants (events, tags, leases, reports with gaps), one with
        // every kind of character in its strings, and none.
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var random = SeededGenerator(seed: 9)
        var tenants = (0..<120).map { RandomTenant.make(id: Int64($0), &random) }
        let odd = String((0..<0x80).map { Character(UnicodeScalar(UInt8($0))) }) + "é中😀\u{2028}"
        tenants[3].name = odd
        tenants[3].creditCode = "a/b\\c\"d"
        tenants[3].tags = [odd, ""]
        tenants[3].events = []
        tenants[4].events = nil
        // Every integer at its extremes, and zero.
        tenants[5].id = .max
        tenants[5].reports = ReportFacts([
            ReportFact(month: "2021-01", version: .min) { $0 == .revenue ? .min : $0 == .tax ? 0 : .max },
            ReportFact(month: "2021-02", version: .max) { _ in -1 },
        ])
        for inputs in [RewardInputs(tenants: tenants), RewardInputs(tenants: [])] {
            let written = inputs.canonical()
            let encoded = Array(try encoder.encode(inputs))
            #expect(written.json == encoded)
            #expect(written.hash == RewardInputs.hash(encoded))
            #expect(try RewardInputs.decode(written.json) == inputs)
        }
    }

    @Test func explanationsStoredAsJSONOrCompactReadBackAsTheyWere() throws {
        // Lines stored before compact explanations hold JSON text: any text, kept part for part.
        var random = SeededGenerator(seed: 5)
        let alphabet: [Character] = (0..<0x80).map { Character(UnicodeScalar(UInt8($0))) } + ["é", "中", "\u{2028}", "😀", "\u{7F}", "\u{FEFF}"]
        func text() -> String { String((0..<Int(random.next() % 12)).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }) }
        for _ in 0..<200 {
            let explanation = Explanation(
                rule: text(), title: text(), clause: text(), policy: text(), policyDocument: text(), period: text(), amount: text(),
                steps: (0..<Int(random.next() % 4)).map { _ in
                    ExplanationStep(kind: [.input, .parameter, .value, .rule, .result][Int(random.next() % 5)], name: text(), value: text(),
                                    source: random.next() % 3 == 0 ? nil : text(), context: random.next() % 2 == 0 ? nil : text())
                })
            let compact = CompactExplanation(explanation)
            #expect(compact.formatted() == explanation)
            #expect(try CompactExplanation(encoded: compact.encoded).formatted() == explanation)
        }
        // The explanations of real runs, with spans of days, parameters, caps and budgets.
        var tenants = SeededGenerator(seed: 6)
        let park = RewardInputs(tenants: (0..<60).map { RandomTenant.make(id: Int64($0), &tenants) })
        var explained = 0
        for period in [Fixtures.period("2021-06"), .year(2021)] {
            for line in try ColumnarEngineTests.book.calculate(period, inputs: park, explain: true).lines {
                let compact = try #require(line.compactExplanation)
                #expect(try CompactExplanation(encoded: compact.encoded) == compact)
                explained += 1
            }
        }
        #expect(explained > 60)
    }

    @Test func storedExplanationBytesThatAreNotWellFormedAreRefusedWithoutACrash() throws {
        var tenants = SeededGenerator(seed: 7)
        let park = RewardInputs(tenants: (0..<20).map { RandomTenant.make(id: Int64($0), &tenants) })
        let lines = try ColumnarEngineTests.book.calculate(Fixtures.period("2021-06"), inputs: park, explain: true).lines
        let encoded = try #require(lines.first { ($0.compactExplanation?.formatted().steps.count ?? 0) > 5 }?.compactExplanation?.encoded)
        // Every truncation is refused: the steps end exactly where the bytes do.
        for length in 0..<encoded.count {
            #expect(throws: CompactExplanationUnreadable.self) { try CompactExplanation(encoded: encoded[..<length]) }
        }
        // Bytes changed at random either read as some explanation or are refused.
        var random = SeededGenerator(seed: 8)
        var refused = 0
        for _ in 0..<3_000 {
            var bytes = encoded
            for _ in 0...Int(random.next() % 3) { bytes[Int(random.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: random.next()) }
            do {
                _ = try CompactExplanation(encoded: bytes).formatted()
            } catch {
                refused += 1
            }
        }
        #expect(refused > 0)
        #expect(throws: CompactExplanationUnreadable.self) { try CompactExplanation(encoded: [2] + encoded.dropFirst()) }
    }

    // MARK: Reproducibility

    @Test func theSameInputsGiveTheSameLines() throws {
        let tenants = [
            Self.tenant,
            Fixtures.tenant(id: 2, name: "Shanghai FESCO Qingdao", activeFrom: "2021-02-10",
                            statuses: [(to: "exiting", on: "2021-04-20")]),
        ]
        let inputs = RewardInputs(tenants: tenants)
        let first = try Self.replacedBook().calculate(Fixtures.period("2021-04"), inputs: inputs)
        let second = try Self.replacedBook().calculate(Fixtures.period("2021-04"), inputs: inputs)
        #expect(first.lines == second.lines)
        #expect(first.lines.map { "\($0.tenantID) \($0.rule) \($0.fen)" } == ["1 D 45000", "1 M 20000", "2 D 23000", "2 M 20000"])
        #expect(first.lines.first?.tenantName == Self.tenant.name)
        #expect(first.lines.first?.creditCode == Self.tenant.creditCode)
        // The inputs a run stores read back to the same inputs, and hash alike.
        let canonical = inputs.canonical()
        #expect(try RewardInputs.decode(canonical.json) == inputs)
        #expect(inputs.canonical().hash == canonical.hash)
        #expect(canonical.hash.count == 64)
    }

    // MARK: Errors while running

    @Test func aDivisionByTheLiteralZeroIsFoundWhenTheFileIsRead() {
        for amount in ["placements * 200 yuan / 0", "revenue / 0.00", "(placements / 0) * 1 yuan"] {
            let problems = Fixtures.problems(Fixtures.policy(rules: [Fixtures.rule(amount: amount)]))
            #expect(problems.map(\.message) == ["division by zero: the divisor is 0"], "\(amount): \(problems)")
        }
    }

    @Test func aFormulaFailingAtRunTimeNamesFileRuleAndTenant() throws {
        let book = try Fixtures.book(Fixtures.policy(rules: [Fixtures.rule(amount: "revenue / placements")]))
        let tenant = Fixtures.tenant(reports: ["2021-06": ["revenue": 100_000, "placements": 0]])
        #expect(throws: PolicyRunError("P1.yaml:7:21: R for tenant 1 (青岛测试人力资源有限公司), 2021-06: division by zero")) {
            try book.calculate(.month(Month(year: 2021, month: 6)), inputs: RewardInputs(tenants: [tenant]))
        }
        // With a placement there is nothing to fail.
        let placed = Fixtures.tenant(reports: ["2021-06": ["revenue": 100_000, "placements": 4]])
        #expect(try Fixtures.fen(book, "R", "2021-06", placed) == 25_000)
    }

    @Test func aMissingFactIsARunErrorAtItsName() throws {
        let book = try Fixtures.book(Fixtures.policy(rules: [Fixtures.rule(amount: "if first_move_in < 2021-01-01 then 1 yuan else 2 yuan")]))
        #expect(throws: PolicyRunError(
            "P1.yaml:7:16: R for tenant 1 (青岛测试人力资源有限公司), 2021-06: tenant 1 has no lease, so no first move-in; test moved_in first")) {
            try book.calculate(.month(Month(year: 2021, month: 6)), inputs: RewardInputs(tenants: [Fixtures.tenant()]))
        }
    }

    @Test func overflowAtRunTimeIsAnErrorNotACrash() throws {
        let book = try Fixtures.book(Fixtures.policy(rules: [
            Fixtures.rule(amount: "revenue * 99999999999999999999 * 99999999999999999999"),
        ]))
        let tenant = Fixtures.tenant(reports: ["2021-06": ["revenue": 100]])
        do {
            _ = try book.calculate(.month(Month(year: 2021, month: 6)), inputs: RewardInputs(tenants: [tenant]))
            Issue.record("an overflow was computed")
        } catch {
            #expect(error.message.hasPrefix("P1.yaml:7:"))
            #expect(error.message.contains("R for tenant 1"))
            #expect(error.message.hasSuffix("overflow)"))
        }
    }

    @Test func aRuleFailingInAnEarlierMonthIsReportedThroughTheCap() throws {
        let book = try Fixtures.book(Fixtures.policy(rules: [
            Fixtures.rule(amount: "revenue / placements", extra: ["cap:", "  per_year: 1000 yuan"]),
        ]))
        let tenant = Fixtures.tenant(activeFrom: "2021-05-01", reports: [
            "2021-05": ["revenue": 100, "placements": 0], "2021-06": ["revenue": 100, "placements": 1],
        ])
        do {
            _ = try book.calculate(.month(Month(year: 2021, month: 6)), inputs: RewardInputs(tenants: [tenant]))
            Issue.record("the failing month was not reported")
        } catch {
            #expect(error.message.hasPrefix("P1.yaml:2:5: R for tenant 1 (青岛测试人力资源有限公司), 2021-06: while computing R for 2021-05: "))
            #expect(error.message.hasSuffix("2021-05: division by zero"))
        }
    }

    @Test func inputsThatDoNotHoldTogetherAreRefused() throws {
        let book = try Self.replacedBook()
        var tenant = Self.tenant
        tenant.leases = [LeaseFact(id: 9, start: "2021-02-30", lastDay: "2021-12-31", units: [], rents: [])]
        #expect(throws: PolicyRunError("tenant 1: leases.start '2021-02-30' is not a date")) {
            try book.calculate(Fixtures.period("2021-04"), inputs: RewardInputs(tenants: [tenant]))
        }
        var unknown = Self.tenant
        unknown.statusChanges.append(StatusFact(to: "sleeping", on: "2021-05-01"))
        #expect(throws: PolicyRunError("tenant 1: unknown status 'sleeping'")) {
            try book.calculate(Fixtures.period("2021-04"), inputs: RewardInputs(tenants: [unknown]))
        }
    }
}

/// Eligibility holds for a period when it holds on one of its days, also when what it reads
/// changes mid-period.
@Suite struct EligibilityWithinPeriodTests {
    @Test func aParameterChangingMidMonthMakesTheTenantEligibleFromThatDay() throws {
        let book = try Fixtures.book(Fixtures.policy(
            parameters: "  open:\n    type: boolean\n    values:\n      2019-01-01: false\n      2021-06-20: true",
            rules: [Fixtures.rule(eligible: "open", amount: "1 yuan")]))
        #expect(try Fixtures.fen(book, "R", "2021-06", Fixtures.tenant()) == 100)
        #expect(try Fixtures.fen(book, "R", "2021-05", Fixtures.tenant()) == 0)
    }

    @Test func aStatusChangeMidMonthMakesTheTenantEligibleFromThatDay() throws {
        let book = try Fixtures.book(Fixtures.policy(rules: [Fixtures.rule(eligible: "status_is(\"exiting\")", amount: "1 yuan")]))
        var tenant = Fixtures.tenant()
        tenant.statusChanges.append(StatusFact(to: "exiting", on: "2021-06-25"))
        #expect(try Fixtures.fen(book, "R", "2021-06", tenant) == 100)
        #expect(try Fixtures.fen(book, "R", "2021-05", tenant) == 0)
    }
}
