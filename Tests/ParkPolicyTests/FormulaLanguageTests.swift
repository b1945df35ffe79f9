import ParkCore
import Testing

@testable import ParkPolicy

/// Every feature of the formula language, as a policy author uses it: a small policy, a tenant,
/// and the amount the rule must give (in fen).
@Suite struct FormulaLanguageTests {
    static func month(_ year: Int, _ month: Int) -> String { "\(year)-" + (month < 10 ? "0\(month)" : "\(month)") }

    /// Reports 2020: 10 placements and 1,000 yuan revenue a month; 2021: as many placements as
    /// the month's number (January 1 … December 12). 2019: no reports.
    static let reporting: TenantFacts = {
        var reports: [String: [String: Int64]] = [:]
        for m in 1...12 {
            reports[month(2020, m)] = ["placements": 10, "revenue": 100_000]
            reports[month(2021, m)] = ["placements": Int64(m), "revenue": Int64(m) * 100_000]
        }
        return Fixtures.tenant(reports: reports)
    }()

    static let withLease = Fixtures.tenant(leases: [
        Fixtures.lease(1, start: "2020-03-01", end: "2024-02-29", office: 120, incubator: 8, shared: 30, rent: 30),
    ])

    // MARK: Literals and units

    @Test(arguments: [
        ("12 yuan", 1200),
        ("1_000 yuan", 100_000),
        ("0.01 yuan", 1),
        ("-0.125 yuan", -13),
        ("30% * 100 yuan", 3000),
        ("0.5 * 10 yuan", 500),
        ("35 yuan/m2 * 100 m2", 350_000),
        ("100 m2 * 35 yuan/m2", 350_000),
        ("3 * 10 yuan", 3000),
        ("10 yuan * 3", 3000),
        ("100 yuan / 400 yuan * 1000 yuan", 25_000),
        ("100 yuan / 3 * 3", 10_000),
        ("100 yuan / 3", 3333),
        ("1 yuan / 3 + 1 yuan / 3 + 1 yuan / 3", 100),
        ("(2 + 3 * 4) * 1 yuan", 1400),
        ("(2 + 3) * 4 yuan", 2000),
        ("(10 - 3 - 2) * 1 yuan", 500),
        ("100 yuan / 2 / 5", 1000),
        ("-(2 yuan - 5 yuan)", 300),
        ("1000 yuan / 8 m2 * 2 m2", 25_000),
        ("3 / 4 * 1 yuan", 75),
        ("12.5% * 1 yuan", 13),
        ("days_between(2021-01-01, 2021-12-31) * 1 yuan", 36_400),
        ("'10 yuan # a comment to the end of the line'", 1000),
    ] as [(String, Int64)])
    func literalsAndArithmeticFollowUnits(amount: String, fen: Int64) throws {
        #expect(try Fixtures.evaluate(amount) == fen)
    }

    @Test func typesOfArithmetic() throws {
        // money × rate = money, price × area = money, money ÷ money = rate, count × money = money.
        #expect(ValueType.product(.money, .rate) == .money)
        #expect(ValueType.product(.price, .area) == .money)
        #expect(ValueType.quotient(.money, .money) == .rate)
        #expect(ValueType.product(.count, .money) == .money)
        #expect(ValueType.product(.count, .count) == .count)
        #expect(ValueType.quotient(.money, .area) == .price)
        #expect(ValueType.quotient(.money, .price) == .area)
        #expect(ValueType.product(.money, .money) == nil)
        #expect(ValueType.quotient(.area, .money) == nil)
        #expect(ValueType.product(.date, .count) == nil)
        #expect(ValueType.parse("brackets money -> rate") == .brackets(key: .money, value: .rate))
        #expect(ValueType.parse("brackets date -> rate") == nil)
        #expect(ValueType.parse("yuan") == nil)
    }

    // MARK: Conditions

    @Test(arguments: [
        ("3 > 2", true), ("2 >= 2", true), ("2 < 2", false), ("2 <= 2", true), ("2 == 2", true), ("2 != 2", false),
        ("100 yuan >= 100 yuan", true), ("99.99 yuan >= 100 yuan", false), ("0.5 == 50%", true), ("1 / 3 == 2 / 6", true),
        ("2021-06-01 < 2021-06-02", true), ("2021-06-02 <= 2021-06-01", false), ("2021-06-01 == 2021-06-01", true),
        ("(1 < 2) == true", true), ("(1 < 2) != (2 < 1)", true),
        ("true and not false", true), ("false or true", true), ("not 1 > 2", true),
        ("true or false and false", true), ("(true or false) and false", false), ("not not true", true),
        ("10 m2 > 9.5 m2", true), ("40 yuan/m2 < 35 yuan/m2", false),
    ])
    func comparisonsAndLogic(condition: String, holds: Bool) throws {
        #expect(try Fixtures.evaluate("if \(condition) then 1 yuan else 2 yuan") == (holds ? 100 : 200))
    }

    @Test func andStopsAtTheFirstFalseSoGuardsWork() throws {
        let noLease = Fixtures.tenant()
        // first_move_in fails for a tenant without a lease; `moved_in and` guards it.
        #expect(try Fixtures.evaluate("if moved_in and first_move_in < 2021-01-01 then 1 yuan else 2 yuan", tenant: noLease) == 200)
        #expect(try Fixtures.evaluate("if not moved_in or first_move_in < 2021-01-01 then 1 yuan else 2 yuan", tenant: noLease) == 100)
        #expect(try Fixtures.evaluate("if moved_in and first_move_in < 2021-01-01 then 1 yuan else 2 yuan", tenant: Self.withLease) == 100)
        #expect(throws: PolicyRunError.self) {
            try Fixtures.evaluate("if first_move_in < 2021-01-01 then 1 yuan else 2 yuan", tenant: noLease)
        }
    }

    @Test func ifThenElseChains() throws {
        let chain = "if has_tag(\"a\") then 1 yuan else if has_tag(\"b\") then 2 yuan else 3 yuan"
        #expect(try Fixtures.evaluate(chain, tenant: Fixtures.tenant(tags: ["a", "b"])) == 100)
        #expect(try Fixtures.evaluate(chain, tenant: Fixtures.tenant(tags: ["b"])) == 200)
        #expect(try Fixtures.evaluate(chain, tenant: Fixtures.tenant(tags: [])) == 300)
        // Only the branch taken runs: the other would fail.
        #expect(try Fixtures.evaluate("if moved_in then days_between(first_move_in, day) * 1 yuan else 5 yuan") == 500)
    }

    // MARK: Functions

    @Test(arguments: [
        ("min(3 yuan, 1 yuan, 2 yuan)", 100),
        ("max(3 yuan, 1 yuan, 2 yuan)", 300),
        ("max(-3 yuan, -1 yuan)", -100),
        ("min(40 yuan/m2, 35 yuan/m2) * 10 m2", 35_000),
        ("days_between(2021-01-01, max(2021-03-01, 2021-02-01)) * 1 yuan", 5900),
        ("days_between(2021-01-01, min(2021-03-01, 2021-02-01)) * 1 yuan", 3100),
        ("round(1.005 yuan) * 100", 10_100),
        ("round(0.125 yuan) * 100", 1300),
        ("round(0.125 yuan, \"half-even\") * 100", 1200),
        ("round(0.135 yuan, \"half-even\") * 100", 1400),
        ("round(-0.125 yuan, \"half-even\") * 100", -1200),
        ("round(0.121 yuan, \"up\") * 100", 1300),
        ("round(0.129 yuan, \"down\") * 100", 1200),
        ("round(35.555 yuan/m2) * 100 m2", 355_600),
        ("floor(2.7) * 1 yuan", 200),
        ("ceil(2.1) * 1 yuan", 300),
        ("floor(-2.5) * 1 yuan", -300),
        ("ceil(-2.5) * 1 yuan", -200),
        ("floor(12.345 yuan) * 100", 123_400),
        ("ceil(12.341 yuan) * 100", 123_500),
        ("floor(7 / 2) * 1 yuan", 300),
        ("abs(-5 yuan)", 500),
        ("abs(3 - 10) * 1 yuan", 700),
        ("abs(5 yuan)", 500),
    ] as [(String, Int64)])
    func functionsOnNumbersAndDates(amount: String, fen: Int64) throws {
        #expect(try Fixtures.evaluate(amount) == fen)
    }

    static let brackets = """
          rate_table:
            type: brackets count -> rate
            values:
              2019-01-01: [[1, 100%], [2, 50%], [3, 0%]]
          tax_brackets:
            type: brackets money -> rate
            values:
              2019-01-01: [[0, 10%], [1000, 20%], [5000, 30%]]
          awards:
            type: brackets money -> money
            values:
              2019-01-01: [[100000000, 50000], [500000000, 200000]]
        """

    @Test(arguments: [
        ("tier(0, rate_table) * 1000 yuan", 0),
        ("tier(1, rate_table) * 1000 yuan", 100_000),
        ("tier(2, rate_table) * 1000 yuan", 50_000),
        ("tier(9, rate_table) * 1000 yuan", 0),
        ("tier(999.99 yuan, tax_brackets) * 100 yuan", 1000),
        ("tier(1000 yuan, tax_brackets) * 100 yuan", 2000),
        ("tier(6000 yuan, tax_brackets) * 100 yuan", 3000),
        ("marginal(6000 yuan, tax_brackets)", 120_000),
        ("marginal(1000 yuan, tax_brackets)", 10_000),
        ("marginal(1000.01 yuan, tax_brackets)", 10_000),
        ("marginal(0 yuan, tax_brackets)", 0),
        ("marginal(-5 yuan, tax_brackets)", 0),
        ("tier(499999999.99 yuan, awards)", 5_000_000),
        ("tier(500000000 yuan, awards)", 20_000_000),
        ("tier(99999999.99 yuan, awards)", 0),
    ] as [(String, Int64)])
    func flatTiersAndMarginalBrackets(amount: String, fen: Int64) throws {
        #expect(try Fixtures.evaluate(amount, parameters: Self.brackets) == fen)
    }

    @Test(arguments: [
        // A 29 February moves to 28 February in common years, and stays in leap years.
        ("days_between(2021-02-01, add_years(2020-02-29, 1))", 27),
        ("days_between(2024-02-01, add_years(2020-02-29, 4))", 28),
        ("days_between(2019-02-01, add_years(2020-02-29, -1))", 27),
        // The 31st moves to the month's last day.
        ("days_between(2021-02-01, add_months(2021-01-31, 1))", 27),
        ("days_between(2020-02-01, add_months(2020-01-31, 1))", 28),
        ("days_between(2021-02-01, add_months(2021-03-31, -1))", 27),
        ("days_between(2022-02-01, add_months(2021-12-31, 2))", 27),
        ("days_between(2021-04-01, add_months(2021-01-31, 3))", 29),
        ("days_between(2021-03-01, 2021-02-01)", -28),
        ("2021-03-01 - 2021-02-01", 28),
        ("2020-03-01 - 2020-02-01", 29),
        ("days_between(2021-01-01, 2021-01-01 + 45)", 45),
        ("days_between(2021-02-28, 2021-03-01 - 1)", 0),
        ("days_in_month", 30),
        ("days_in_period", 30),
        ("days_between(period_start, period_end)", 29),
        ("days_between(2021-06-01, day)", 29),
    ] as [(String, Int64)])
    func dateArithmetic(days: String, expected: Int64) throws {
        #expect(try Fixtures.evaluate("(\(days)) * 1 yuan") == expected * 100)
    }

    @Test func daysInMonthFollowsTheDayInADailyRule() throws {
        // February 2020 has 29 days: one yuan a day for the whole month.
        let book = try Fixtures.book(Fixtures.policy(rules: [
            Fixtures.rule(amount: "days_in_month * 1 yuan / days_in_month", extra: ["per_day: true"]),
        ]))
        #expect(try Fixtures.fen(book, "R", "2020-02", Fixtures.tenant()) == 2900)
        #expect(try Fixtures.fen(book, "R", "2021-02", Fixtures.tenant()) == 2800)
    }

    // MARK: Report figures and windows

    @Test(arguments: [
        ("placements", 6),
        ("sum(placements, this_month)", 6),
        ("sum(placements, this_year)", 78),
        ("sum(placements, year_to_date)", 21),
        ("sum(placements, previous_year)", 120),
        ("sum(placements, last_months(3))", 15),
        ("sum(placements, last_months(8))", 41),
        ("sum(placements, last_months(1))", 6),
        ("sum(placements, earlier_years)", 120),
        ("sum(headcount, this_year)", 0),
    ] as [(String, Int64)])
    func monthlyFiguresOverWindows(figure: String, expected: Int64) throws {
        #expect(try Fixtures.evaluate("\(figure) * 1 yuan", tenant: Self.reporting) == expected * 100)
    }

    @Test func averagesDivideByTheMonthsReported() throws {
        #expect(try Fixtures.evaluate("average(placements, year_to_date) * 1 yuan", tenant: Self.reporting) == 350)
        #expect(try Fixtures.evaluate("average(placements, this_year) * 1 yuan", tenant: Self.reporting) == 650)
        #expect(try Fixtures.evaluate("average(revenue, last_months(2))", tenant: Self.reporting) == 550_000)
        // No report at all: the average is 0, not a division by zero.
        #expect(try Fixtures.evaluate("average(placements, this_year) * 1 yuan + 1 yuan") == 100)
    }

    /// Reports for January, February and May 2021 only: the months between have none.
    static let reportingWithGaps = Fixtures.tenant(reports: [
        month(2021, 1): ["placements": 1, "revenue": 100_000],
        month(2021, 2): ["placements": 2, "revenue": 200_000],
        month(2021, 5): ["placements": 5, "revenue": 500_000],
    ])

    @Test func sumsAndAveragesSkipMonthsWithoutAReport() throws {
        #expect(try Fixtures.evaluate("sum(placements, this_year) * 1 yuan", tenant: Self.reportingWithGaps) == 800)
        #expect(try Fixtures.evaluate("sum(revenue, year_to_date)", tenant: Self.reportingWithGaps) == 800_000)
        // 8 placements over the 3 months reported; February and May in the last 5 months.
        #expect(try Fixtures.evaluate("average(placements, this_year) * 3 yuan", tenant: Self.reportingWithGaps) == 800)
        #expect(try Fixtures.evaluate("average(revenue, last_months(5))", tenant: Self.reportingWithGaps) == 350_000)
    }

    /// Reports for 2020 only, read in periods after them and before them.
    static let reportingIn2020 = Fixtures.tenant(reports: [
        month(2020, 11): ["placements": 4, "revenue": 400_000],
        month(2020, 12): ["placements": 7, "revenue": 700_000],
    ])

    @Test func windowsWithoutAReportedMonthSumNothing() throws {
        // 2021-06: no report this year, nor in the last 3 months; 2020 is the previous year.
        #expect(try Fixtures.evaluate("sum(placements, this_year) * 1 yuan", tenant: Self.reportingIn2020) == 0)
        #expect(try Fixtures.evaluate("sum(revenue, last_months(3))", tenant: Self.reportingIn2020) == 0)
        #expect(try Fixtures.evaluate("average(revenue, year_to_date) + 1 yuan", tenant: Self.reportingIn2020) == 100)
        #expect(try Fixtures.evaluate("sum(revenue, previous_year)", tenant: Self.reportingIn2020) == 1_100_000)
        // A year before the first report.
        #expect(try Fixtures.evaluate("sum(revenue, this_year)", period: "2019", rulePeriod: "year", tenant: Self.reportingIn2020) == 0)
    }

    @Test(arguments: [
        "add_years(2021-06-30, 8000)", "add_years(2021-06-30, -2021)", "add_months(2021-06-30, 999999)",
        "add_months(0001-01-31, -1)", "8000-06-30 + 999999", "9999-12-31 + 1", "0001-01-01 - 1",
    ])
    func datesBeyondTheYears1To9999AreAnErrorAtTheFormula(_ date: String) throws {
        do {
            _ = try Fixtures.evaluate("days_between(2021-01-01, \(date)) * 1 yuan")
            Issue.record("\(date) was computed")
        } catch let error as PolicyRunError {
            #expect(error.message.contains("leaves the years 1–9999"), "\(error.message)")
            #expect(error.message.hasPrefix("T.yaml:7:"), "the rule's amount formula is on line 7: \(error.message)")
        } catch {
            Issue.record("\(date): \(error)")
        }
    }

    @Test(arguments: ["2021-06-30 + 1000000", "add_years(2021-06-30, -1000000)", "add_months(2021-06-30, 1000000)"])
    func aDateMovesByLessThanAMillionDaysMonthsOrYears(_ date: String) throws {
        let error = #expect(throws: PolicyRunError.self) { try Fixtures.evaluate("days_between(2021-01-01, \(date)) * 1 yuan") }
        #expect(error?.message.hasSuffix("days, months or years is more than a date can move (999999 at most)") == true, "\(String(describing: error))")
    }

    @Test func sumsBeyondWhatFenCanHoldAreAnError() throws {
        let huge = Fixtures.tenant(reports: [
            Self.month(2021, 1): ["revenue": Int64.max / 2 + 1],
            Self.month(2021, 2): ["revenue": Int64.max / 2 + 1],
        ])
        #expect(throws: PolicyRunError.self) { try Fixtures.evaluate("sum(revenue, this_year)", tenant: huge) }
    }

    @Test func formulasNestedOrLongPastTheLimitsAreRefusedWhereTheyAreNotRunOffTheStack() throws {
        let deep = String(repeating: "(", count: 100) + "1 yuan" + String(repeating: ")", count: 100)
        let long = "1 yuan" + String(repeating: " + 0 yuan", count: 3000)
        for (amount, message) in [
            (deep, "T.yaml:7:77: the formula nests more than 64 deep (brackets, if, arguments); split it into definitions"),
            (long, "the formula has 9002 numbers, names and symbols; at most 1000 are allowed: split it into definitions"),
        ] {
            let problems = Fixtures.problems(Fixtures.policy(rules: [Fixtures.rule(amount: amount)]))
            #expect(problems.contains { "\($0)".contains(message) }, "\(problems)")
        }
        // Each definition using the one before: deeper with them than a formula may go.
        let chain = "  d0: 1 yuan\n" + (1...120).map { "  d\($0): d\($0 - 1) + 1 yuan" }.joined(separator: "\n")
        let problems = Fixtures.problems(Fixtures.policy(definitions: chain, rules: [Fixtures.rule(amount: "d120")]))
        #expect(problems.contains { $0.message.hasPrefix("this formula goes 201 levels deep with the definitions it uses; at most 200 are allowed") }, "\(problems)")
        // Each using the one before twice: shallow, but one evaluation would double at each level
        // (2^20 steps), past any time limit: refused where it is written.
        let doubling = "  d0: 1 yuan\n" + (1...20).map { "  d\($0): d\($0 - 1) + d\($0 - 1)" }.joined(separator: "\n")
        let doubled = Fixtures.problems(Fixtures.policy(definitions: doubling, rules: [Fixtures.rule(amount: "d20")]))
        #expect(doubled.contains { $0.message.hasPrefix("one evaluation of this formula takes more than 100000 steps with the definitions it uses") }, "\(doubled)")
        #expect(try Fixtures.evaluate("d10", definitions: "  d0: 1 yuan\n" + (1...10).map { "  d\($0): d\($0 - 1) + d\($0 - 1)" }.joined(separator: "\n")) == 102_400, "2^10 yuan, within the limits")
        // Within the limits, nesting computes as ever.
        #expect(try Fixtures.evaluate(String(repeating: "(", count: 60) + "1 yuan" + String(repeating: ")", count: 60)) == 100)
        #expect(try Fixtures.evaluate("1 yuan" + String(repeating: " + 1 yuan", count: 150)) == 15_100)
    }

    @Test func anAmountBeyondTheLargestParkdHoldsIsAnErrorAtTheRule() throws {
        let error = #expect(throws: PolicyRunError.self) { try Fixtures.evaluate("1_000_000_000_000_000 yuan") }
        #expect(error?.message.hasSuffix("an amount beyond 9999999999999.99 yuan, the largest parkd holds") == true, "\(String(describing: error))")
        #expect(try Fixtures.evaluate("9_999_999_999_999.99 yuan") == 999_999_999_999_999)
    }

    @Test func revenueIsMoneyExactToTheFen() throws {
        #expect(try Fixtures.evaluate("sum(revenue, this_year)", tenant: Self.reporting) == 7_800_000)
        #expect(try Fixtures.evaluate("revenue * 10%", tenant: Self.reporting) == 60_000)
    }

    @Test func yearlyRulesSumTheCalendarYear() throws {
        let yearly = { (amount: String) throws -> Int64 in
            try Fixtures.evaluate(amount, period: "2021", rulePeriod: "year", tenant: Self.reporting)
        }
        #expect(try yearly("sum(placements, this_year) * 1 yuan") == 7800)
        #expect(try yearly("sum(placements, this_month) * 1 yuan") == 1200)
        #expect(try yearly("sum(placements, year_to_date) * 1 yuan") == 7800)
        #expect(try yearly("sum(placements, previous_year) * 1 yuan") == 12_000)
        #expect(try yearly("sum(placements, last_months(13)) * 1 yuan") == 8800)
        #expect(try yearly("days_in_period * 1 yuan") == 36_500)
    }

    // MARK: Other rules' amounts

    static func rulesBook() throws -> PolicyBook {
        try Fixtures.book(Fixtures.policy(rules: [
            Fixtures.rule("A", amount: "placements * 100 yuan"),
            Fixtures.rule("HALF", amount: "A * 50%"),
            Fixtures.rule("YTD", amount: "total(A, year_to_date)"),
            Fixtures.rule("LAST12", amount: "total(A, last_months(12))"),
            Fixtures.rule("BEFORE", amount: "total(A, earlier_years) + total(A, previous_year)"),
            Fixtures.rule("Y", period: "year", amount: "total(A, this_year)"),
            Fixtures.rule("GROWTH", period: "year", amount: "total(GROWTH, earlier_years) + 1 yuan"),
            Fixtures.rule("Y2", period: "year", amount: "Y * 10%"),
        ]))
    }

    @Test func rulesReadOtherRulesAmounts() throws {
        let june = try Fixtures.amounts(Self.rulesBook(), "2021-06", [Self.reporting])
        #expect(june["A"] == 60_000)
        #expect(june["HALF"] == 30_000)
        #expect(june["YTD"] == 210_000)
        #expect(june["LAST12"] == 810_000)
        // 2019 has no reports (0), 2020 paid 12,000 yuan: earlier years and the previous year agree.
        #expect(june["BEFORE"] == 2_400_000)
        let year = try Fixtures.amounts(Self.rulesBook(), "2021", [Self.reporting])
        #expect(year["Y"] == 780_000)
        #expect(year["Y2"] == 78_000)
        // 2019, 2020 and 2021 (from the tenant's first month, January 2019): 1, 2, 4 yuan.
        #expect(year["GROWTH"] == 400)
    }

    @Test func firstTimeHoldsOnlyTheFirstPeriod() throws {
        let book = try Fixtures.book(Fixtures.policy(rules: [
            Fixtures.rule(period: "year", amount: "if first_time(sum(placements, this_year) >= 50) then 1000 yuan else 0 yuan"),
        ]))
        #expect(try Fixtures.fen(book, "R", "2019", Self.reporting) == 0)
        #expect(try Fixtures.fen(book, "R", "2020", Self.reporting) == 100_000)
        #expect(try Fixtures.fen(book, "R", "2021", Self.reporting) == 0)
        let monthly = try Fixtures.book(Fixtures.policy(rules: [
            Fixtures.rule(amount: "if first_time(placements >= 11) then 1 yuan else 0 yuan"),
        ]))
        #expect(try Fixtures.fen(monthly, "R", "2021-10", Self.reporting) == 0)
        #expect(try Fixtures.fen(monthly, "R", "2021-11", Self.reporting) == 100)
        #expect(try Fixtures.fen(monthly, "R", "2021-12", Self.reporting) == 0)
    }

    // MARK: Facts about the tenant

    static let leaving = Fixtures.tenant(
        lines: ["consulting"], tags: ["headquarters", "hr-top-100"], origin: "external", activeFrom: "2019-01-01",
        statuses: [(to: "exiting", on: "2021-06-10"), (to: "exited", on: "2021-06-20")])

    @Test func statusIsCheckedOnEveryDayOfAMonthlyRule() throws {
        let book = try Fixtures.book(Fixtures.policy(rules: [
            Fixtures.rule("EXITING", eligible: "status_is(\"exiting\")", amount: "10 yuan"),
            Fixtures.rule("ACTIVE", eligible: "status_is(\"active\", \"exiting\")", amount: "10 yuan"),
            Fixtures.rule("EXITED", eligible: "exited", amount: "days_between(2021-06-01, exit_date) * 1 yuan"),
        ]))
        #expect(try Fixtures.amounts(book, "2021-05", [Self.leaving]) == ["ACTIVE": 1000])
        #expect(try Fixtures.amounts(book, "2021-06", [Self.leaving]) == ["EXITING": 1000, "ACTIVE": 1000, "EXITED": 1900])
        #expect(try Fixtures.amounts(book, "2021-07", [Self.leaving]) == ["EXITED": 1900])
        // Before its first status change a tenant is an applicant.
        let applicant = Fixtures.tenant(activeFrom: nil)
        #expect(try Fixtures.evaluate("if status_is(\"applicant\") then 1 yuan else 0 yuan", tenant: applicant) == 100)
    }

    @Test(arguments: [
        ("has_line(\"recruitment\")", false),
        ("has_line(\"recruitment\", \"consulting\")", true),
        ("has_hr_line", true),
        ("has_tag(\"headquarters\")", true),
        ("has_tag(\"global-top-500\")", false),
        ("has_tag(\"global-top-500\", \"hr-top-100\")", true),
        ("origin_is(\"external\")", true),
        ("origin_is(\"local\")", false),
    ])
    func linesTagsAndOrigin(condition: String, holds: Bool) throws {
        #expect(try Fixtures.evaluate("if \(condition) then 1 yuan else 0 yuan", tenant: Self.leaving) == (holds ? 100 : 0))
    }

    @Test func aFirmWithoutAnHRLineHasNone() throws {
        #expect(try Fixtures.evaluate("if has_hr_line then 1 yuan else 2 yuan", tenant: Fixtures.tenant(lines: ["other"])) == 200)
    }

    @Test(arguments: [
        ("lease_year", "2021-06", 2),
        ("lease_year", "2020-02", 0),
        ("lease_year", "2020-03", 1),
        ("lease_year", "2023-03", 4),
        ("months_since_move_in", "2021-06", 15),
        ("months_since_move_in", "2020-03", 0),
        ("months_since_move_in", "2020-01", 0),
        ("office_area * 1 yuan/m2 / 1 yuan", "2021-06", 120),
        ("leased_area(\"incubator\") * 1 yuan/m2 / 1 yuan", "2021-06", 8),
        ("leased_area(\"office\", \"incubator\", \"shared\") * 1 yuan/m2 / 1 yuan", "2021-06", 158),
        ("office_area * 1 yuan/m2 / 1 yuan", "2024-03", 0),
        ("days_between(2020-01-01, first_move_in)", "2021-06", 60),
        ("days_leased(\"office\")", "2020-03", 31),
        ("days_leased(\"office\")", "2020-02", 0),
        ("days_leased(\"shared\")", "2024-02", 29),
    ] as [(String, String, Int64)])
    func leaseFacts(fact: String, period: String, expected: Int64) throws {
        #expect(try Fixtures.evaluate("(\(fact)) * 1 yuan", period: period, tenant: Self.withLease) == expected * 100)
    }

    @Test func daysLeasedCountsOverlappingLeasesOnce() throws {
        let overlapping = Fixtures.tenant(leases: [
            Fixtures.lease(1, start: "2021-06-01", end: "2021-06-20", office: 50, rent: 30),
            Fixtures.lease(2, start: "2021-06-11", end: "2021-06-25", office: 30, rent: 30),
            Fixtures.lease(3, start: "2021-06-26", end: "2021-06-30", incubator: 6, rent: 30),
        ])
        #expect(try Fixtures.evaluate("days_leased(\"office\") * 1 yuan", tenant: overlapping) == 2500)
        #expect(try Fixtures.evaluate("days_leased(\"incubator\") * 1 yuan", tenant: overlapping) == 500)
    }

    @Test func cappedOfficeRentFillsTheAreaCapWithTheEarliestLeaseFirst() throws {
        let twoLeases = Fixtures.tenant(leases: [
            Fixtures.lease(2, start: "2020-06-01", end: "2023-12-31", office: 50, rent: 50),
            Fixtures.lease(1, start: "2020-01-01", end: "2023-12-31", office: 80, incubator: 20, rent: 30),
        ])
        // 80 m² at 30, then 20 m² of the later lease at the rent cap of 40 (incubator seats don't count).
        #expect(try Fixtures.evaluate("capped_office_rent(40 yuan/m2, 100 m2)", tenant: twoLeases) == 320_000)
        #expect(try Fixtures.evaluate("capped_office_rent(25 yuan/m2, 1000 m2)", tenant: twoLeases) == 325_000)
        #expect(try Fixtures.evaluate("capped_office_rent(40 yuan/m2, 1000 m2)", tenant: Fixtures.tenant()) == 0)
    }

    // MARK: Rules: per day, caps, rounding

    @Test func perDayRulesSumTheDaysAndRoundOnce() throws {
        let book = try Fixtures.book(Fixtures.policy(rules: [
            Fixtures.rule(amount: "office_area * 1 yuan/m2 / days_in_month", extra: ["per_day: true"]),
        ]))
        let tenant = Fixtures.tenant(leases: [Fixtures.lease(start: "2021-06-11", end: "2021-12-31", office: 100, rent: 30)])
        // 20 days × 100/30 yuan = 66.666… yuan, rounded once.
        #expect(try Fixtures.fen(book, "R", "2021-06", tenant) == 6667)
        #expect(try Fixtures.fen(book, "R", "2021-07", tenant) == 10_000)
        #expect(try Fixtures.fen(book, "R", "2022-01", tenant) == 0)
    }

    @Test func perDayRulesCheckEligibilityDayByDay() throws {
        let book = try Fixtures.book(Fixtures.policy(rules: [
            Fixtures.rule(eligible: "status_is(\"active\")", amount: "31 yuan / days_in_month", extra: ["per_day: true"]),
        ]))
        // Active 1-9 June (exiting from the 10th): 9 days of 31/30 yuan.
        #expect(try Fixtures.fen(book, "R", "2021-06", Self.leaving) == 930)
    }

    static let capped = Fixtures.policy(rules: [
        Fixtures.rule("PERIOD", amount: "placements * 100 yuan", extra: ["cap:", "  per_period: 500 yuan"]),
        Fixtures.rule("YEAR", amount: "placements * 100 yuan", extra: ["cap:", "  per_year: 1200 yuan"]),
        Fixtures.rule("LIFE", amount: "placements * 100 yuan", extra: ["cap:", "  lifetime: 15000 yuan"]),
        Fixtures.rule("YEARLY", period: "year", amount: "sum(placements, this_year) * 100 yuan",
                      extra: ["cap:", "  per_period: 10000 yuan"]),
    ])

    @Test(arguments: [
        ("PERIOD", "2021-04", 40_000), ("PERIOD", "2021-06", 50_000),
        // 100 + 200 + 300 + 400 by April; May pays the 200 left of 1,200; June nothing.
        ("YEAR", "2021-04", 40_000), ("YEAR", "2021-05", 20_000), ("YEAR", "2021-06", 0), ("YEAR", "2020-02", 20_000),
        // 2020 paid 12,000; 2021 to July 2,800 more; August pays the 200 left of 15,000.
        ("LIFE", "2021-07", 70_000), ("LIFE", "2021-08", 20_000), ("LIFE", "2021-09", 0),
        ("YEARLY", "2020", 1_000_000), ("YEARLY", "2021", 780_000),
    ] as [(String, String, Int64)])
    func capsPerPeriodPerYearAndForLife(rule: String, period: String, fen: Int64) throws {
        #expect(try Fixtures.fen(try Fixtures.book(Self.capped), rule, period, Self.reporting) == fen)
    }

    @Test(arguments: [
        ("half-up", "100 yuan / 3", 3333), ("down", "100 yuan / 3", 3333), ("up", "100 yuan / 3", 3334),
        ("ceiling", "100 yuan / 3", 3334), ("floor", "-100 yuan / 3", -3334), ("down", "-100 yuan / 3", -3333),
        ("half-up", "0.125 yuan", 13), ("half-even", "0.125 yuan", 12), ("half-even", "0.135 yuan", 14),
        ("half-up", "-0.125 yuan", -13), ("half-even", "-0.125 yuan", -12),
    ] as [(String, String, Int64)])
    func ruleRounding(mode: String, amount: String, fen: Int64) throws {
        #expect(try Fixtures.evaluate(amount, extra: ["rounding: \(mode)"]) == fen)
    }

    @Test func roundingIsHalfUpByDefault() throws {
        #expect(try Fixtures.evaluate("0.125 yuan") == 13)
        #expect(try Fixtures.evaluate("0.005 yuan") == 1)
        #expect(try Fixtures.evaluate("0.0049999 yuan") == 0)
    }

    // MARK: Budgets

    static func budgeted(perYear: String, parameters: String? = nil) -> String {
        Fixtures.policy(
            parameters: parameters,
            rules: [
                Fixtures.rule("AWARD", period: "year", amount: "if has_tag(\"big\") then 3000 yuan else 1000 yuan"),
                Fixtures.rule("OTHER", period: "year", amount: "1000 yuan"),
            ],
            budgets: "  - id: AWARDS\n    rules: [AWARD]\n    per_year: \(perYear)\n    over_budget: pro-rata-round-down")
    }

    @Test func overBudgetEveryAmountIsScaledProRata() throws {
        let book = try Fixtures.book(Self.budgeted(perYear: "2000 yuan"))
        let tenants = [Fixtures.tenant(id: 1, tags: ["big"]), Fixtures.tenant(id: 2)]
        let calculation = try book.calculate(.year(2021), inputs: RewardInputs(tenants: tenants), explain: false)
        let award = calculation.lines.filter { $0.rule == "AWARD" }.map(\.fen)
        #expect(award == [150_000, 50_000])
        // Rules outside the budget are not scaled.
        #expect(calculation.lines.filter { $0.rule == "OTHER" }.map(\.fen) == [100_000, 100_000])
    }

    @Test func scaledAmountsAreRoundedDownSoTheyNeverExceedTheBudget() throws {
        let book = try Fixtures.book(Self.budgeted(perYear: "2,000"))
        let tenants = (1...3).map { Fixtures.tenant(id: Int64($0)) }
        let calculation = try book.calculate(.year(2021), inputs: RewardInputs(tenants: tenants), rules: ["AWARD"], explain: false)
        #expect(calculation.lines.map(\.fen) == [66_666, 66_666, 66_666])
        #expect(calculation.lines.map(\.fen).reduce(0, +) <= 200_000)
    }

    @Test func withinBudgetNothingIsScaled() throws {
        let parameter = "  budget:\n    type: money\n    values:\n      2019-01-01: 1000\n      2021-01-01: 5000"
        let book = try Fixtures.book(Self.budgeted(perYear: "budget", parameters: parameter))
        let tenants = [Fixtures.tenant(id: 1, tags: ["big"]), Fixtures.tenant(id: 2)]
        // 2021: 4,000 within 5,000. 2020: 4,000 over 1,000 → a quarter each.
        #expect(try book.calculate(.year(2021), inputs: RewardInputs(tenants: tenants), explain: false)
            .lines.filter { $0.rule == "AWARD" }.map(\.fen) == [300_000, 100_000])
        #expect(try book.calculate(.year(2020), inputs: RewardInputs(tenants: tenants), explain: false)
            .lines.filter { $0.rule == "AWARD" }.map(\.fen) == [75_000, 25_000])
    }

    // MARK: Once per tenant

    @Test func onceAtMoveInPaysInTheAnnualRunOfTheMoveInYear() throws {
        let book = try Fixtures.book(Fixtures.policy(rules: [Fixtures.rule(period: "once-at-move-in", amount: "1000 yuan")]))
        #expect(try Fixtures.fen(book, "R", "2019", Self.withLease) == 0)
        #expect(try Fixtures.fen(book, "R", "2020", Self.withLease) == 100_000)
        #expect(try Fixtures.fen(book, "R", "2021", Self.withLease) == 0)
        #expect(try Fixtures.fen(book, "R", "2020", Fixtures.tenant()) == 0)
        #expect(book.rules(for: .year(2020)) == ["R"])
        #expect(book.rules(for: .month(Month(year: 2020, month: 3))).isEmpty)
    }

    @Test func onceAtExitPaysInTheMonthTheTenantBecomesExited() throws {
        let book = try Fixtures.book(Fixtures.policy(rules: [
            Fixtures.rule(period: "once-at-exit", amount: "-days_between(2021-06-01, exit_date) * 1 yuan"),
        ]))
        #expect(try Fixtures.fen(book, "R", "2021-05", Self.leaving) == 0)
        #expect(try Fixtures.fen(book, "R", "2021-06", Self.leaving) == -1900)
        #expect(try Fixtures.fen(book, "R", "2021-07", Self.leaving) == 0)
        #expect(try Fixtures.fen(book, "R", "2021-06", Fixtures.tenant()) == 0)
    }

    // MARK: Definitions and let

    @Test func definitionsAndLetValuesAreSharedByName() throws {
        let text = Fixtures.policy(
            parameters: "  award:\n    type: money\n    values:\n      2019-01-01: 100\n      2021-06-15: 200",
            definitions: "  hr_firm: has_line(\"recruitment\")\n  double_award: award * 2",
            rules: [Fixtures.rule(eligible: "hr_firm", amount: "times * double_award", extra: ["let:", "  times: placements + 1"])])
        let book = try Fixtures.book(text)
        // June 2021: 7 × 2 × the award in force on 30 June (200).
        #expect(try Fixtures.fen(book, "R", "2021-06", Self.reporting) == 280_000)
        #expect(try Fixtures.fen(book, "R", "2021-05", Self.reporting) == 120_000)
        #expect(try Fixtures.fen(book, "R", "2021-05", Fixtures.tenant(lines: ["other"])) == 0)
    }

    @Test func parametersTakeTheValueInForceOnTheDay() throws {
        let text = Fixtures.policy(
            parameters: "  daily:\n    type: money\n    values:\n      2021-06-15: 2\n      2019-01-01: 1",
            rules: [Fixtures.rule(amount: "daily", extra: ["per_day: true"])])
        // 14 days at 1 yuan, 16 days at 2 yuan (values may be listed in any order).
        #expect(try Fixtures.fen(try Fixtures.book(text), "R", "2021-06", Fixtures.tenant()) == 4600)
    }
}

@Suite("job_fair_awards")
struct JobFairAwardTests {
    static let awards = "  award:\n    type: brackets count -> money\n    values:\n      2019-01-01: [[20, 10000], [50, 20000]]"

    @Test("is typed at load time: brackets count -> money, then a count")
    func typed() {
        let wrongTable = Fixtures.problems(Fixtures.policy(
            parameters: "  cap:\n    type: money\n    values:\n      2019-01-01: 5", rules: [Fixtures.rule(amount: "job_fair_awards(cap, 2)")]))
        #expect(wrongTable.contains { $0.message.contains("job_fair_awards needs brackets count -> money") }, "\(wrongTable)")
        let wrongLimit = Fixtures.problems(Fixtures.policy(parameters: Self.awards, rules: [Fixtures.rule(amount: "job_fair_awards(award, 2 yuan)")]))
        #expect(wrongLimit.contains { $0.message.contains("needs a count (job fairs paid per calendar year)") }, "\(wrongLimit)")
        let asCondition = Fixtures.problems(Fixtures.policy(parameters: Self.awards, rules: [Fixtures.rule(eligible: "job_fair_awards(award, 2)", amount: "1 yuan")]))
        #expect(!asCondition.isEmpty, "money is no condition")
    }

    @Test("pays the bracket of each paying fair ending in the period, at most so many a year, the earliest first; explained")
    func paid() throws {
        let book = try Fixtures.book(Fixtures.policy(parameters: Self.awards, rules: [Fixtures.rule(amount: "job_fair_awards(award, 2)")]))
        var tenant = Fixtures.tenant()
        tenant.events = [
            EventFact(id: 1, kind: "job-fair", ends: "2021-05-14", cancelled: false, employers: 50),
            EventFact(id: 2, kind: "online-job-fair", ends: "2021-05-28", cancelled: false, employers: 20),
            EventFact(id: 3, kind: "job-fair", ends: "2021-05-31", cancelled: false, employers: 99),
            EventFact(id: 4, kind: "forum", ends: "2021-05-31", cancelled: false, employers: 99),
        ]
        #expect(try Fixtures.fen(book, "R", "2021-05", tenant) == 3_000_000)
        let explanation = try #require(try Fixtures.explanation(book, "R", "2021-05", [tenant]))
        #expect(explanation.steps.contains { "\($0)".contains("not paid: paying job fair number 3 of 2021, and at most 2 a year are paid") },
                "\(explanation.steps)")
    }
}
