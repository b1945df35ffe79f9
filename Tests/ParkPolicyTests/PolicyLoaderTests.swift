import Foundation
import ParkCore
import Testing

@testable import ParkPolicy

/// Every static problem a policy file can have, reported where it is: file, line and column.
/// The texts put the header keys last (see `Fixtures.policy`), so line 1 here is line 1 of the file.
@Suite struct PolicyLoaderTests {
    /// The one problem of a text, as `file:line:column: message`.
    static func problem(_ body: String) -> String {
        let problems = Fixtures.problems(Fixtures.policy(body))
        guard problems.count == 1 else { return "\(problems.count) problems: \(problems)" }
        return problems[0].description
    }

    /// A monthly rule R whose amount (line 7, from column 13) and eligibility (line 6, from
    /// column 15) are given.
    static func rule(amount: String = "1 yuan", eligible: String = "\"true\"") -> String {
        """
        rules:
          - id: R
            title: Rule R
            clause: clause of R
            period: month
            eligible: \(eligible)
            amount: \(amount)
        """
    }

    /// A larger book crashed a debug build when a function returning it threw across modules
    /// (see `PolicyBook`): this says why, where the crash would not.
    @Test func aPolicyBookStaysFourWords() {
        #expect(MemoryLayout<PolicyBook>.size <= 32)
    }

    @Test func aGoodPolicyLoadsWithItsHeader() throws {
        let text = Fixtures.policy(Self.rule(), id: "P9", from: "2020-01-01", until: "2020-12-31")
        let policy = try Fixtures.load(text, file: "P9.yaml")
        #expect(policy.id == "P9")
        #expect(policy.title == "Test policy P9")
        #expect(policy.document == "DOC-P9")
        #expect(policy.inForce == CivilDate(year: 2020, month: 1, day: 1)!...CivilDate(year: 2020, month: 12, day: 31)!)
        #expect(policy.ruleIDs == ["R"])
        #expect(policy.fileName == "P9.yaml")
        #expect(policy.hash == PolicyLoader.hash(text))
        #expect(policy.hash.count == 64)
        #expect(PolicyLoader.hash("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    // MARK: Names and types

    @Test func unknownNameSuggestsTheNearestName() {
        let body = """
            parameters:
              rent_cap:
                type: price
                values:
                  2019-01-01: 40
            rules:
              - id: R
                title: Rule R
                clause: clause of R
                period: month
                eligible: "true"
                amount: rent_capp * 10 m2
            """
        #expect(Self.problem(body) == "T.yaml:12:13: unknown name 'rent_capp'; did you mean 'rent_cap'?")
        #expect(Self.problem(Self.rule(amount: "placement * 1 yuan")) == "T.yaml:7:13: unknown name 'placement'; did you mean 'placements'?")
        #expect(Self.problem(Self.rule(amount: "zzz_nothing_like_it")) == "T.yaml:7:13: unknown name 'zzz_nothing_like_it'")
    }

    @Test(arguments: [
        ("100 yuan + placements", "T.yaml:7:22: cannot add money and a count"),
        ("placements + 1 yuan", "T.yaml:7:24: cannot add a count and money"),
        ("10 yuan - 1", "T.yaml:7:21: cannot subtract money and a count"),
        ("10 yuan * 10 yuan", "T.yaml:7:21: cannot multiply money and money"),
        ("10 m2 / 10 yuan", "T.yaml:7:19: cannot divide an area and money"),
        ("if 1 yuan > 0 then 1 yuan else 0 yuan", "T.yaml:7:23: cannot compare money and a count"),
        ("if 30% > 0 then 1 yuan else 0 yuan", "T.yaml:7:20: cannot compare a rate and a count"),
        ("if 1 and true then 1 yuan else 0 yuan", "T.yaml:7:18: 'and' joins two conditions, not a count and a condition"),
        ("if 1 then 1 yuan else 0 yuan", "T.yaml:7:16: 'if' needs a condition, not a count"),
        ("if true then 1 yuan else 1", "T.yaml:7:13: the branches of this 'if' differ: 'then' is money, 'else' is a count"),
        ("-true", "T.yaml:7:13: '-' needs a number, not a condition"),
        ("if not 1 then 1 yuan else 0 yuan", "T.yaml:7:16: 'not' needs a condition, not a count"),
        ("min(1 yuan, 2)", "T.yaml:7:25: min needs arguments of one type: this is a count, the first is money"),
        ("round(0.5) * 1 yuan", "T.yaml:7:13: round rounds money to the fen; for a rate use floor or ceil"),
        ("round(1 yuan, \"bankers\")", "T.yaml:7:27: 'bankers' is not a rounding mode; use one of half-up, half-even, down, up, floor, ceiling"),
        ("round(1 yuan, 2)", "T.yaml:7:27: the rounding mode is written in quotes, e.g. \"half-even\""),
        ("add_years(1, 2) - 2021-01-01", "T.yaml:7:13: add_years takes a date and a count, not a count and a count"),
        ("capped_office_rent(40 yuan, 100 m2)", "T.yaml:7:13: capped_office_rent takes a rent cap (price) and an area cap (area), not money and an area"),
        ("sum(placements, 12)", "T.yaml:7:29: sum needs a window of months here: this_month, this_year, year_to_date, previous_year, earlier_years or last_months(N)"),
        ("sum(12, this_year)", "T.yaml:7:17: sum needs a report figure first; use one of revenue, tax, employers_served, workers_dispatched, workers_outsourced, job_seekers_served, placements, training_sessions, training_attendees, phd_hires, headcount"),
        ("total(RNET, this_year)", "T.yaml:7:19: unknown rule 'RNET'"),
        ("sum(placements, last_months(0)) * 1 yuan", "T.yaml:7:41: last_months needs 1 to 1200 months"),
    ])
    func typeMismatchesAreReportedAtTheOperator(amount: String, expected: String) {
        #expect(Self.problem(Self.rule(amount: amount)) == expected)
    }

    @Test func theAmountMustBeMoneyAndTheEligibilityACondition() {
        #expect(Self.problem(Self.rule(amount: "placements")) == "T.yaml:7:13: this formula is a count but money is expected here")
        #expect(Self.problem(Self.rule(amount: "placements * 2")) == "T.yaml:7:24: this formula is a count but money is expected here")
        #expect(Self.problem(Self.rule(amount: "10 yuan / 5 yuan")) == "T.yaml:7:21: this formula is a rate but money is expected here")
        #expect(Self.problem(Self.rule(eligible: "placements")) == "T.yaml:6:15: this formula is a count but a condition is expected here")
        #expect(Self.problem(Self.rule(eligible: "2021-01-01")) == "T.yaml:6:15: this formula is a date but a condition is expected here")
    }

    @Test(arguments: [
        ("maxx(1 yuan, 2 yuan)", "T.yaml:7:13: unknown function 'maxx'; did you mean 'max'?"),
        ("abs(1 yuan, 2 yuan)", "T.yaml:7:13: abs takes 1 argument, not 2"),
        ("min(1 yuan)", "T.yaml:7:13: min takes at least 2 arguments, not 1"),
        ("add_years(2021-01-01) - 2021-01-01", "T.yaml:7:13: add_years takes 2 arguments, not 1"),
        ("round() ", "T.yaml:7:13: round takes 1 to 2 arguments, not 0"),
        ("total(RULE) ", "T.yaml:7:13: total takes a rule and a window, e.g. total(RENT, last_months(12))"),
        ("sum(placements) * 1 yuan", "T.yaml:7:13: sum takes a report figure and a window, e.g. sum(revenue, this_year)"),
        ("if has_tag() then 1 yuan else 0 yuan", "T.yaml:7:16: has_tag needs at least one tag in quotes"),
        ("if has_tag(headquarters) then 1 yuan else 0 yuan", "T.yaml:7:24: has_tag takes tags in quotes, e.g. has_tag(\"headquarters\")"),
        ("if has_line(\"hr\") then 1 yuan else 0 yuan", "T.yaml:7:25: 'hr' is not a business line; use one of recruitment, dispatch, training, outsourcing, headhunting, consulting, assessment, other"),
        ("if origin_is(\"foreign\") then 1 yuan else 0 yuan", "T.yaml:7:26: 'foreign' is not an origin; use one of local, external"),
        ("leased_area(\"desk\") * 1 yuan/m2", "T.yaml:7:25: 'desk' is not a unit kind; use one of office, incubator, shared"),
    ])
    func functionsAreCheckedForNameArgumentsAndTexts(amount: String, expected: String) {
        #expect(Self.problem(Self.rule(amount: amount)) == expected)
    }

    @Test func aStatusIsOneOfTheParksStatuses() {
        #expect(Self.problem(Self.rule(eligible: "status_is(\"actif\")"))
            == "T.yaml:6:25: 'actif' is not a status; use one of applicant, reviewing, approved, rejected, active, exiting, exited")
        #expect(Self.problem(Self.rule(eligible: "status_is(\"active\", \"exitd\")"))
            == "T.yaml:6:35: 'exitd' is not a status; use one of applicant, reviewing, approved, rejected, active, exiting, exited")
    }

    @Test func monthlyFiguresNeedAWindowOutsideMonthlyRules() {
        let yearly = """
            rules:
              - id: R
                title: Rule R
                clause: clause of R
                period: year
                eligible: "true"
                amount: revenue * 10%
            """
        #expect(Self.problem(yearly) == "T.yaml:7:13: revenue is one month's figure; in a yearly rule use sum(revenue, this_year)")
        let definition = """
            definitions:
              monthly_revenue: revenue
            """ + "\n" + Self.rule()
        #expect(Self.problem(definition) == "T.yaml:2:20: revenue is one month's figure; a definition must say which months: sum(revenue, this_month)")
    }

    @Test func aRuleOfAnotherKindOfRunIsReadWithTotal() {
        let text = Self.rulesWithAYearlyOne(monthlyAmount: "Y * 10%")
        #expect(Self.problem(text) == "T.yaml:7:13: Y is computed in yearly runs; use total(Y, window) here")
    }

    // MARK: Rules that need each other

    @Test func rulesThatNeedEachOtherForTheSamePeriodAreACycle() {
        let body = """
            rules:
              - id: RULE_A
                title: A
                clause: a
                period: month
                eligible: "true"
                amount: RULE_B + 1 yuan
              - id: RULE_B
                title: B
                clause: b
                period: month
                eligible: "true"
                amount: total(RULE_A, this_year) * 50%
            """
        #expect(Self.problem(body) == "T.yaml:13:19: rules depend on each other for the same period: RULE_A → RULE_B → RULE_A")
        // Earlier periods are no cycle.
        let earlier = body.replacingOccurrences(of: "this_year", with: "previous_year")
        #expect(Fixtures.problems(Fixtures.policy(earlier)).isEmpty)
    }

    @Test func aRuleThatNeedsItselfIsACycle() {
        #expect(Self.problem(Self.rule(amount: "total(R, last_months(3)) + 1 yuan"))
            == "T.yaml:7:19: rules depend on each other for the same period: R → R")
        #expect(Fixtures.problems(Fixtures.policy(Self.rule(amount: "total(R, earlier_years) + 1 yuan"))).isEmpty)
    }

    // MARK: Parameters

    @Test func aParameterNeedsAValueOnThePolicysFirstDay() {
        let body = """
            parameters:
              award:
                type: money
                values:
                  2019-02-01: 100
            """ + "\n" + Self.rule(amount: "award")
        // One problem: the rule using `award` is not reported again.
        let problems = Fixtures.problems(Fixtures.policy(body))
        #expect(problems.map(\.description) == [
            "T.yaml:2:3: parameter award has no value on 2019-01-01, when the policy comes into force (its first value is from 2019-02-01)",
        ])
    }

    @Test func bracketThresholdsMustRise() {
        let body = """
            parameters:
              rate_table:
                type: brackets count -> rate
                values:
                  2019-01-01: [[1, 100%], [3, 50%], [2, 0%]]
              same_table:
                type: brackets count -> rate
                values:
                  2019-01-01: [[1, 100%], [1, 50%]]
            """ + "\n" + Self.rule()
        #expect(Fixtures.problems(Fixtures.policy(body)).map(\.description) == [
            "T.yaml:5:42: the thresholds of rate_table must rise: 2 follows 3",
            "T.yaml:9:32: the thresholds of same_table must rise: 1 follows 1",
        ])
    }

    @Test(arguments: [
        ("count", "1.5", "T.yaml:5:19: award is declared count but this value is rate"),
        ("money", "2021-01-01", "T.yaml:5:19: award is declared money but this value is date"),
        ("money", "40 m2", "T.yaml:5:19: award is declared money but this value is area"),
        ("money", "40 + 1", "T.yaml:5:19: a parameter's value is a literal, such as 40, 30%, 1000000 or 2021-04-16"),
        ("rate", "40", "T.yaml:5:19: award is a rate: a bare 40 is 40 times the whole, not 40%; write 40% for 40 percent, or a fraction of 1 such as 0.4 (a rate above 1 is written with its percent sign)"),
        ("window", "1", "T.yaml:3:11: 'window' is not a parameter type; use money, rate, count, area, price, date, boolean or brackets KEY -> VALUE"),
        ("brackets count -> date", "1", "T.yaml:3:11: 'brackets count -> date' is not a parameter type; use money, rate, count, area, price, date, boolean or brackets KEY -> VALUE"),
    ])
    func parameterValuesAreLiteralsOfTheirType(type: String, value: String, expected: String) {
        let body = """
            parameters:
              award:
                type: \(type)
                values:
                  2019-01-01: \(value)
            """ + "\n" + Self.rule()
        #expect(Self.problem(body) == expected)
    }

    @Test func aBareNumberTakesTheParametersUnit() throws {
        let body = """
            parameters:
              cap:
                type: price
                values:
                  2019-01-01: 35.5
              area:
                type: area
                values:
                  2019-01-01: 500
              when:
                type: date
                values:
                  2019-01-01: 2021-04-16
            """ + "\n" + Self.rule(amount: "if day >= when then cap * area else 0 yuan")
        let policy = try Fixtures.load(Fixtures.policy(body))
        #expect(policy.parameterSummaries.map(\.name) == ["cap", "area", "when"])
        #expect(policy.parameterSummaries[0].values.map(\.value) == ["35.5 yuan/m²·month"])
        #expect(policy.parameterSummaries[1].values.map(\.value) == ["500 m²"])
        #expect(policy.parameterSummaries[0].type == "price")
    }

    // MARK: YAML shape

    @Test func unknownKeysAreReportedWhereTheyAre() {
        let body = """
            note: draft
            parameters:
              award:
                type: money
                desc: per person
                values:
                  2019-01-01: 100
            rules:
              - id: R
                title: Rule R
                clause: clause of R
                period: month
                eligible: "true"
                amount: award
                amout: award
                cap:
                  per_month: award
            """
        #expect(Fixtures.problems(Fixtures.policy(body)).map(\.description) == [
            "T.yaml:1:1: unknown key 'note'; a policy has budgets, definitions, document, id, in_force, issuer, parameters, replaces, rules, title",
            "T.yaml:5:5: unknown key 'desc'; a parameter has type, values and description",
            "T.yaml:15:5: unknown key 'amout' in rule R; a rule has amount, cap, clause, eligible, id, let, per_day, period, rounding, title",
            "T.yaml:17:7: unknown cap 'per_month'; use per_period, per_year or lifetime",
        ])
    }

    @Test func aPeriodIsOneOfFour() {
        let body = Self.rule().replacingOccurrences(of: "period: month", with: "period: weekly")
        #expect(Self.problem(body) == "T.yaml:5:13: 'weekly' is not a period; use one of month, year, once-at-move-in, once-at-exit")
    }

    @Test func onlyAMonthlyRuleIsSummedPerDay() {
        let body = Self.rule().replacingOccurrences(of: "period: month", with: "period: year") + "\n    per_day: true"
        #expect(Self.problem(body) == "T.yaml:8:14: only a monthly rule can be summed per day")
        let notABoolean = Self.rule() + "\n    per_day: yes please"
        #expect(Self.problem(notABoolean) == "T.yaml:8:14: per_day is true or false")
    }

    @Test func aRoundingModeIsOneOfSix() {
        #expect(Self.problem(Self.rule() + "\n    rounding: bankers")
            == "T.yaml:8:15: 'bankers' is not a rounding mode; use one of half-up, half-even, down, up, floor, ceiling")
    }

    @Test func ruleIdsAndNamesFollowTheirSpelling() {
        #expect(Self.problem(Self.rule().replacingOccurrences(of: "id: R", with: "id: Rent"))
            == "T.yaml:2:9: rule ids are written in capitals (RENT, TAX_CONTRIBUTION), not 'Rent'")
        #expect(Self.problem(Self.rule() + "\n" + Self.rule().replacingOccurrences(of: "rules:\n", with: ""))
            == "T.yaml:8:9: rule R is defined twice")
        #expect(Self.problem("definitions:\n  day: 1 yuan\n" + Self.rule())
            == "T.yaml:2:3: 'day' is already a name (a parameter, a value, a fact, a figure or a function); choose another")
        #expect(Self.problem("definitions:\n  BigFirm: true\n" + Self.rule())
            == "T.yaml:2:3: 'BigFirm' is not a valid name: lower-case ASCII letters (a–z), digits and '_', starting with a letter")
    }

    @Test func requiredKeysAreMissingWhereTheyBelong() {
        let body = """
            rules:
              - id: R
                title: Rule R
                period: month
                eligible: "true"
            """
        #expect(Set(Fixtures.problems(Fixtures.policy(body)).map(\.description)) == [
            "T.yaml:2:5: 'clause' is missing",
            "T.yaml:2:5: 'amount' is missing",
        ])
        #expect(Set(Fixtures.problems("rules: []\n").map(\.description)) == [
            "T.yaml:1:1: 'id' is missing", "T.yaml:1:1: 'title' is missing", "T.yaml:1:1: 'issuer' is missing",
            "T.yaml:1:1: 'document' is missing", "T.yaml:1:1: 'in_force' is missing",
        ])
        #expect(Fixtures.problems("").map(\.description) == [
            "T.yaml: the file is empty; a policy needs id, title, issuer, document, in_force and rules",
        ])
        // A file that is a word or a list is not empty: said as what it is, once.
        #expect(Fixtures.problems("aaaa\n").map(\.description) == ["T.yaml:1:1: the policy must be a mapping of keys to values"])
        #expect(Fixtures.problems("- a\n- b\n").map(\.description) == ["T.yaml:1:1: the policy must be a mapping of keys to values"])
    }

    @Test func inForceEndsAfterItStarts() {
        let text = Fixtures.policy(Self.rule(), from: "2021-01-01", until: "2020-12-31")
        #expect(Fixtures.problems(text).map(\.description) == ["T.yaml:13:3: in_force ends (2020-12-31) before it starts (2021-01-01)"])
    }

    @Test func invalidYAMLIsReportedWithItsPosition() {
        let problems = Fixtures.problems("rules:\n  - id: R\n   title: [unclosed\n")
        #expect(problems.count == 1)
        #expect(problems.first?.position != nil)
        #expect(problems.first?.message.hasPrefix("not valid YAML") == true)
        #expect(Fixtures.problems("id: A\nid: B\n").first?.message.contains("more than once") == true)
    }

    // MARK: Syntax

    @Test(arguments: [
        ("(1 yuan + 2 yuan", "T.yaml:7:29: expected ')' to close the '(' at 7:13, found the end of the formula"),
        ("min(1 yuan, 2 yuan", "T.yaml:7:31: expected ',' or ')' in the arguments of min, found the end of the formula"),
        ("min(1 yuan; 2 yuan)", "T.yaml:7:23: unexpected character ';'"),
        ("1 yuan 2 yuan", "T.yaml:7:20: the formula is complete before the number 2; is an operator missing?"),
        ("if true then 1 yuan", "T.yaml:7:32: expected 'else', found the end of the formula"),
        ("if true 1 yuan else 0 yuan", "T.yaml:7:21: expected 'then', found the number 1"),
        ("1 yuan +", "T.yaml:7:21: expected a value, found the end of the formula"),
        ("1 yuan + then", "T.yaml:7:22: expected a value, found 'then'"),
        ("1.2.3 yuan", "T.yaml:7:13: '1.2.3' is not a number"),
        ("0.0000000000001 yuan", "T.yaml:7:13: '0.0000000000001' has more than 12 digits after the point: more precise than a policy's numbers are kept"),
        ("123456789012345678901 yuan", "T.yaml:7:13: '123456789012345678901' has more than 20 digits before the point: too large for a policy"),
        ("if day < 2021-02-29 then 1 yuan else 0 yuan", "T.yaml:7:22: '2021-02-29' is not a day of the calendar"),
        ("if has_tag(\"x) then 1 yuan else 0 yuan", "T.yaml:7:24: this text has no closing '\"'"),
    ])
    func syntaxErrorsPointAtTheToken(amount: String, expected: String) {
        #expect(Self.problem(Self.rule(amount: amount)) == expected)
    }

    @Test func equalsIsNotAComparison() {
        #expect(Self.problem(Self.rule(eligible: "placements = 3")) == "T.yaml:6:26: '=' is not an operator; compare with '=='")
        // In quotes the formula starts one column after the quote.
        #expect(Self.problem(Self.rule(eligible: "\"placements = 3\"")) == "T.yaml:6:27: '=' is not an operator; compare with '=='")
        #expect(Self.problem(Self.rule(eligible: "'placements = 3'")) == "T.yaml:6:27: '=' is not an operator; compare with '=='")
    }

    @Test func comparisonsDoNotChain() {
        #expect(Self.problem(Self.rule(eligible: "1 < 2 < 3")) == "T.yaml:6:21: comparisons do not chain; join them with 'and'")
        #expect(Self.problem(Self.rule(eligible: "day >= 2021-01-01 <= 2022-01-01")) == "T.yaml:6:33: comparisons do not chain; join them with 'and'")
    }

    @Test func formulasInLiteralBlocksAreReportedOnTheirOwnLines() {
        let body = """
            rules:
              - id: R
                title: Rule R
                clause: clause of R
                period: month
                eligible: "true"
                amount: |
                  if placements > 0
                  then placements * 100 yuan + bonus_typo
                  else 0 yuan
            """
        #expect(Self.problem(body) == "T.yaml:9:36: unknown name 'bonus_typo'")
        let unclosed = """
            rules:
              - id: R
                title: Rule R
                clause: clause of R
                period: month
                eligible: "true"
                amount: |
                  min(1 yuan,
                      2 yuan
            """
        #expect(Self.problem(unclosed) == "T.yaml:9:17: expected ',' or ')' in the arguments of min, found the end of the formula")
    }

    @Test func continuationLinesIndentedFurtherKeepTheirColumns() {
        let body = """
            rules:
              - id: R
                title: Rule R
                clause: clause of R
                period: month
                eligible: |
                  has_tag("headquarters")
                    and status_is("actif")
                amount: |
                  if placements > 0
                    then placements * 100 yuan + bonus_typo
                    else 0 yuan
            """
        #expect(Fixtures.problems(Fixtures.policy(body)).map(\.description) == [
            "T.yaml:8:23: 'actif' is not a status; use one of applicant, reviewing, approved, rejected, active, exiting, exited",
            "T.yaml:11:38: unknown name 'bonus_typo'",
        ])
    }

    @Test func foldedBlocksAreRefusedBecauseTheyJoinLines() {
        // Folding joins the lines, so a comment would swallow the lines after it.
        let body = """
            rules:
              - id: R
                title: Rule R
                clause: clause of R
                period: month
                eligible: "true"
                amount: >
                  placements * 100 yuan  # per person placed
                  + 5 yuan
            """
        #expect(Self.problem(body) == "T.yaml:7:13: a formula on several lines is a literal block ('|'), not a folded one ('>')")
    }

    // MARK: Several problems

    @Test func everyProblemIsReportedAtOnceInFileOrder() {
        let body = """
            rules:
              - id: A
                title: A
                clause: a
                period: month
                eligible: placements = 1
                amount: placements + 1 yuan
              - id: B
                title: B
                clause: b
                period: fortnight
                eligible: "true"
                amount: 1 yuan
              - id: C
                title: C
                clause: c
                period: month
                eligible: status_is("actif")
                amount: unknown_thing
            """
        let problems = Fixtures.problems(Fixtures.policy(body), file: "P2030.yaml")
        #expect(problems.map(\.description) == [
            "P2030.yaml:6:26: '=' is not an operator; compare with '=='",
            "P2030.yaml:7:24: cannot add a count and money",
            "P2030.yaml:11:13: 'fortnight' is not a period; use one of month, year, once-at-move-in, once-at-exit",
            "P2030.yaml:18:25: 'actif' is not a status; use one of applicant, reviewing, approved, rejected, active, exiting, exited",
            "P2030.yaml:19:13: unknown name 'unknown_thing'",
        ])
        #expect(problems.allSatisfy { $0.file == "P2030.yaml" })
    }

    // MARK: Budgets

    /// Rule R, monthly (of `monthlyAmount`), and rule Y, yearly, 1 yuan.
    static func rulesWithAYearlyOne(monthlyAmount: String = "1 yuan") -> String {
        rule(amount: monthlyAmount) + "\n" + """
          - id: Y
            title: Rule Y
            clause: clause of Y
            period: year
            eligible: "true"
            amount: 1 yuan
        """
    }

    @Test func budgetsNameAnnualRulesAndAnAmount() {
        let rules = Self.rulesWithAYearlyOne()
        let body = rules + "\n" + """
            budgets:
              - id: BUDGET
                rules: [Y, R, NOPE]
                per_year: lots
                over_budget: first-come-first-served
            """
        #expect(Fixtures.problems(Fixtures.policy(body)).map(\.description) == [
            "T.yaml:16:16: budget BUDGET is per year, but R is paid in monthly runs",
            "T.yaml:16:19: budget BUDGET names rule NOPE, which this policy does not define",
            "T.yaml:17:15: per_year is a money parameter of this policy or an amount in yuan, not 'lots'",
            "T.yaml:18:18: 'first-come-first-served' is not an over-budget rule; the one rule is pro-rata-round-down (each amount × budget ÷ total, rounded down to the fen)",
        ])
    }

    @Test func aRuleIsScaledByOneBudgetNamedOnce() {
        let rules = Self.rulesWithAYearlyOne()
        for (budgets, problem) in [
            ("  - id: B\n    rules: [Y, Y]\n    per_year: 10 yuan", "budget B names rule Y twice"),
            ("  - id: B\n    rules: [Y]\n    per_year: 10 yuan\n  - id: B\n    rules: [Y]\n    per_year: 5 yuan", "budget B is given twice"),
            ("  - id: B\n    rules: [Y]\n    per_year: 10 yuan\n  - id: C\n    rules: [Y]\n    per_year: 5 yuan", "rule Y is in budget B already"),
        ] {
            let problems = Fixtures.problems(Fixtures.policy(rules + "\nbudgets:\n" + budgets))
            #expect(problems.contains { $0.message.hasPrefix(problem) }, "\(problems)")
        }
    }

    // MARK: Books of policies

    @Test func aBookRefusesTwoPoliciesDefiningARuleOnTheSameDays() throws {
        let older = Fixtures.policy(Self.rule(), id: "OLD", from: "2019-01-01")
        let newer = Fixtures.policy(Self.rule(), id: "NEW", from: "2021-01-01")
        #expect(throws: PolicyProblems.self) { try Fixtures.book(older, newer) }
        do {
            _ = try Fixtures.book(older, newer)
        } catch let error as PolicyProblems {
            #expect(error.problems.map(\.description) == [
                "P2.yaml:2:5: rule R is also defined by OLD (P1.yaml), and both are in force from 2021-01-01; end OLD the day before",
            ])
        }
        // Ended the day before, the two may share the rule.
        let ended = Fixtures.policy(Self.rule(), id: "OLD", from: "2019-01-01", until: "2020-12-31")
        let book = try Fixtures.book(ended, newer)
        #expect(book.policies.map(\.id) == ["OLD", "NEW"])
    }

    @Test func aBookRefusesTheSameIdTwiceAndARuleChangingItsPeriod() throws {
        let first = try Fixtures.load(Fixtures.policy(Self.rule(), id: "X", until: "2019-12-31"), file: "a.yaml")
        let second = try Fixtures.load(Fixtures.policy(Self.rule(), id: "X", from: "2020-01-01"), file: "b.yaml")
        #expect(throws: PolicyProblems.self) { try PolicyBook([first, second]) }
        let yearly = try Fixtures.load(
            Fixtures.policy(Self.rule().replacingOccurrences(of: "period: month", with: "period: year"), id: "Y", from: "2020-01-01"), file: "c.yaml")
        do {
            _ = try PolicyBook([first, yearly])
            Issue.record("a rule changing its period was accepted")
        } catch {
            #expect(error.problems.map(\.description) == [
                "a.yaml:2:5: rule R is month here but year in Y; a rule keeps its period across policies",
                "c.yaml:2:5: rule R is year here but month in X; a rule keeps its period across policies",
            ])
        }
    }
}

@Suite("A successor policy and the one it replaces")
struct PolicySuccessionTests {
    static func policy(_ id: String, from: String, until: String? = nil, replaces: String? = nil, rule: String) throws -> Policy {
        try Fixtures.load(
            Fixtures.policy(rules: [Fixtures.rule(rule, amount: "1 yuan")], id: id, from: from, until: until) + (replaces.map { "replaces: \($0)\n" } ?? ""),
            file: "\(id).yaml")
    }

    @Test("it starts the day after the replaced one ends: a gap, an overlap or an open end is named")
    func succession() throws {
        _ = try PolicyBook([try Self.policy("P1", from: "2019-01-01", until: "2026-12-31", rule: "A"), try Self.policy("P2", from: "2027-01-01", replaces: "P1", rule: "B")])
        for (until, from, message) in [
            ("2026-12-31", "2027-02-01", "P2.yaml: P2 replaces P1, which ends 2026-12-31, but starts 2027-02-01: no policy of theirs is in force from 2027-01-01 to 2027-01-31; a successor starts the day after the policy it replaces ends"),
            ("2027-01-31", "2027-01-01", "P2.yaml: P2 replaces P1, which ends 2027-01-31, but starts 2027-01-01: both would be in force from 2027-01-01; a successor starts the day after the policy it replaces ends"),
            (nil, "2027-01-01", "P1.yaml: P2 replaces P1 from 2027-01-01, but P1 has no end: give it `until: 2026-12-31`"),
        ] as [(String?, String, String)] {
            #expect {
                try PolicyBook([try Self.policy("P1", from: "2019-01-01", until: until, rule: "A"), try Self.policy("P2", from: from, replaces: "P1", rule: "B")])
            } throws: { error in
                (error as? PolicyProblems)?.problems.map(\.description) == [message]
            }
        }
        #expect {
            try PolicyBook([try Self.policy("P2", from: "2027-01-01", replaces: "P2", rule: "B")])
        } throws: { error in
            (error as? PolicyProblems)?.problems.map(\.description) == ["P2.yaml: P2 names itself in `replaces`; name the policy it follows"]
        }
    }
}
