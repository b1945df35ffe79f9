import ParkCore
import Testing

@testable import ParkPolicy

/// The columnar engine (`ColumnarRun`) against the exact one (`TenantLedger`, the reference):
/// thousands of random tenants under the reference policies P2019 and P2021, monthly and
/// annual periods, every line equal to the fen; and the cases it must leave to the exact
/// rationals (formulas without an integer form, values beyond its range) computed as they are.
@Suite struct ColumnarEngineTests {
    static let book = try! ReferencePolicyTests.referenceBook()

    /// Both engines on the same inputs: the same lines (amounts, order, names), or the same error.
    static func compare(_ book: PolicyBook, _ period: RewardPeriod, _ prepared: PreparedInputs, rules: [String]? = nil) {
        var exact: RewardCalculation?, columnar: RewardCalculation?
        var exactError: PolicyRunError?, columnarError: PolicyRunError?
        do { exact = try book.calculate(period, prepared: prepared, rules: rules, explain: false, columnar: false) } catch { exactError = error }
        do { columnar = try book.calculate(period, prepared: prepared, rules: rules, explain: false, columnar: true) } catch { columnarError = error }
        #expect(exactError == columnarError, "\(period)")
        guard let exact, let columnar else { return }
        #expect(exact.lines.count == columnar.lines.count, "\(period)")
        #expect(columnar.lines.totalFen == exact.lines.reduce(Int64(0)) { $0 + $1.fen }, "\(period)")
        for (a, b) in zip(exact.lines, columnar.lines) where a != b {
            Issue.record("\(period): tenant \(a.tenantID) \(a.rule) \(a.fen) fen exactly, columnar tenant \(b.tenantID) \(b.rule) \(b.fen) fen")
            break
        }
    }

    @Test(arguments: [UInt64(2019), 2020, 2021, 2022])
    func columnarAmountsEqualTheExactEngineOnRandomTenants(seed: UInt64) throws {
        var random = SeededGenerator(seed: seed)
        let tenants = (0..<500).map { RandomTenant.make(id: Int64(seed) * 1_000 + Int64($0), &random) }
        let prepared = try PreparedInputs(RewardInputs(tenants: tenants))
        var periods: [RewardPeriod] = (2019...2022).map { .year($0) }
        for _ in 0..<10 { periods.append(.month(Month(year: 2019 + Int(random.next() % 4), month: 1 + Int(random.next() % 12)))) }
        periods.append(.month(Month(year: 2021, month: 4)))
        periods.append(.month(Month(year: 2021, month: 5)))
        for period in periods { Self.compare(Self.book, period, prepared) }
        // The columnar engine did compute these tenants: no lane was left to the exact one.
        let run = ColumnarRun(book: Self.book, prepared: prepared)
        for rule in ["PLACEMENT", "TRAINING", "TALENT"] { _ = try run.column(Self.book.number(of: rule)!, .month(Month(year: 2022, month: 12))) }
        for rule in ["REVENUE_TIER", "TAX_CONTRIBUTION", "HQ_SETTLEMENT"] { _ = try run.column(Self.book.number(of: rule)!, .year(2022)) }
        #expect(!run.broken.contains(true))
    }

    @Test(arguments: [false, true])
    func monthsRunOneAfterTheOtherReadTheColumnsOfTheEarlierRuns(shuffled: Bool) throws {
        // RENT and the clawback are computed the exact way; their columns are kept with the
        // prepared inputs, and a later month's annual cap (and a clawback's last 12 months)
        // reads them instead of computing those months again. In order, and in any order.
        var random = SeededGenerator(seed: 31)
        let tenants = (0..<400).map { RandomTenant.make(id: Int64($0), &random) }
        let prepared = try PreparedInputs(RewardInputs(tenants: tenants))
        var months = (2020...2022).flatMap { year in (1...12).map { RewardPeriod.month(Month(year: year, month: $0)) } }
        if shuffled {
            for index in months.indices.reversed() { months.swapAt(index, Int(random.next() % UInt64(index + 1))) }
        }
        for period in months + [.year(2021), .year(2022)] {
            let columnar = try Self.book.calculate(period, prepared: prepared, rules: nil, explain: false, columnar: true)
            let exact = try Self.book.calculate(period, prepared: try PreparedInputs(RewardInputs(tenants: tenants)), rules: nil, explain: false, columnar: false)
            #expect(columnar.lines == exact.lines, "\(period)")
        }
        #expect(prepared.columns.memo.column("RENT", .month(Month(year: 2022, month: 12)), policies: Self.book.policies) != nil)
        // December's annual cap read January to November's amounts: each month's run left the
        // running total one month further for the next.
        if !shuffled {
            let kept = prepared.columns.memo.total("PLACEMENT", from: Month(year: 2022, month: 1).index, policies: Self.book.policies)
            #expect(kept?.through == Month(year: 2022, month: 11).index)
        }
    }

    @Test func parksLargerThanABlockOfLanesWithReportsInAnyOrder() throws {
        // More tenants than several blocks of lanes (`ColumnContext.blockSize`); some give their
        // reports out of order or a month twice (the last given counts), and tenants whose
        // values leave the integer range sit on both sides of a block's edge and in a later block.
        var random = SeededGenerator(seed: 2048)
        var tenants = (0..<(2 * ColumnContext.blockSize + 500)).map { RandomTenant.make(id: Int64($0), &random) }
        for index in stride(from: 3, to: tenants.count, by: 7) {
            var reports = Array(tenants[index].reports)
            guard reports.count > 2 else { continue }
            reports.swapAt(0, reports.count - 1)
            if index % 2 == 0 {
                var again = reports[1]
                again.values[ReportFigure.placements.index] += 7
                reports.append(again)
            }
            tenants[index].reports = ReportFacts(reports)
        }
        let block = ColumnContext.blockSize
        for index in [block - 1, block, 2 * block + 10] {
            tenants[index].reports = ReportFacts((1...12).map {
                ReportFact(month: String(format: "2021-%02d", $0), version: 1, figures: ["revenue": Int64.max / 4, "tax": Int64.max / 5])
            })
        }
        let prepared = try PreparedInputs(RewardInputs(tenants: tenants))
        for period: RewardPeriod in [.year(2021), .year(2022), .month(Month(year: 2021, month: 6)), .month(Month(year: 2022, month: 12))] {
            Self.compare(Self.book, period, prepared)
        }
        let run = ColumnarRun(book: Self.book, prepared: prepared)
        _ = try run.column(Self.book.number(of: "TAX_CONTRIBUTION")!, .year(2021))
        #expect(run.broken.indices.filter { run.broken[$0] } == [block - 1, block, 2 * block + 10])
    }

    @Test func explainedRunsExplainAsTheExactEngineAlone() throws {
        // An explained run finds its non-zero amounts with the columnar engine and explains only
        // those: the lines, explanations included (caps, budgets), are the exact engine's own.
        var random = SeededGenerator(seed: 77)
        let tenants = (0..<250).map { RandomTenant.make(id: Int64($0), &random) }
        let prepared = try PreparedInputs(RewardInputs(tenants: tenants))
        for period: RewardPeriod in [.month(Month(year: 2021, month: 3)), .month(Month(year: 2021, month: 11)), .year(2021), .year(2022)] {
            let explained = try Self.book.calculate(period, prepared: prepared, explain: true)
            let exact = try Self.book.calculate(
                period, prepared: try PreparedInputs(RewardInputs(tenants: tenants)), rules: nil, explain: true, columnar: false)
            #expect(explained.lines.count == exact.lines.count, "\(period)")
            #expect(explained.lines == exact.lines, "\(period)")
            #expect(explained.lines.allSatisfy { $0.explanation != nil })
        }
    }

    @Test func explainedRunsPayWhatTheColumnarRunsPay() throws {
        var random = SeededGenerator(seed: 7)
        let tenants = (0..<300).map { RandomTenant.make(id: Int64($0), &random) }
        let prepared = try PreparedInputs(RewardInputs(tenants: tenants))
        for period in [RewardPeriod.month(Month(year: 2021, month: 3)), .month(Month(year: 2021, month: 9)), .year(2020), .year(2022)] {
            let columnar = try Self.book.calculate(period, prepared: prepared, explain: false)
            let explained = try Self.book.calculate(period, prepared: prepared, explain: true)
            #expect(columnar.lines.map { [$0.tenantID, $0.fen] } == explained.lines.map { [$0.tenantID, $0.fen] }, "\(period)")
            #expect(columnar.lines.map(\.rule) == explained.lines.map(\.rule))
            for line in explained.lines { #expect(line.explanation?.amount == Money(fen: line.fen).description) }
        }
    }

    @Test func theReferenceRulesArePlannedExceptThoseSummedPerDayOrReadingDates() throws {
        let prepared = try PreparedInputs(RewardInputs(tenants: [Fixtures.tenant()]))
        let run = ColumnarRun(book: Self.book, prepared: prepared)
        func planned(_ rule: String, _ period: RewardPeriod) -> Bool {
            (try? run.column(Self.book.number(of: rule)!, period)) != nil
        }
        let june = RewardPeriod.month(Month(year: 2021, month: 6))
        for rule in ["PLACEMENT", "TRAINING", "TALENT"] { #expect(planned(rule, june), "\(rule)") }
        for rule in ["REVENUE_TIER", "TAX_CONTRIBUTION", "HQ_SETTLEMENT"] { #expect(planned(rule, .year(2021)), "\(rule)") }
        // RENT is summed day by day (and divides by the days of the month); the clawback
        // compares dates; job fair awards read the events: all computed the exact way.
        #expect(!planned("RENT", june))
        #expect(!planned("RENT_CLAWBACK", june))
        #expect(!planned("EVENT_HOSTING", june))
    }

    @Test(arguments: [
        ("placements * 100 yuan / 3", false),
        ("placements * (1 / 3) * 1 yuan", false),
        ("round(placements * 0.125 yuan)", false),
        ("if day > 2021-06-15 then 1 yuan else 2 yuan", false),
        ("months_since_move_in * 1 yuan", false),
        ("placements * 0.125 yuan", true),
        ("placements * 12.5% * 1.005 yuan - 3 yuan", true),
        ("max(0 yuan, min(placements * 0.00000001 yuan, 1 yuan))", true),
        ("placements * 0.000000001 yuan", false),
    ])
    func formulasWithoutAnExactIntegerFormAreLeftToTheExactRationals(amount: String, planned: Bool) throws {
        let book = try PolicyBook([try Fixtures.load(Fixtures.policy(rules: [Fixtures.rule(amount: amount)]))])
        #expect((book.timelines[0][0].rule.amount.plan != nil) == planned)
        let tenants = [Fixtures.tenant(reports: ["2021-06": ["placements": 37]]), Fixtures.tenant(id: 2, reports: ["2021-06": ["placements": 3]])]
        Self.compare(book, .month(Month(year: 2021, month: 6)), try PreparedInputs(RewardInputs(tenants: tenants)))
    }

    @Test func aTenantBeyondTheIntegerRangeIsComputedExactly() throws {
        // Scaled to the fen, revenue × headcount × headcount leaves the columnar range (10^24),
        // though the exact rationals reach the capped result without trouble.
        let book = try PolicyBook([try Fixtures.load(Fixtures.policy(rules: [
            Fixtures.rule(amount: "min(revenue * headcount * headcount, 100 yuan) + placements * 1 yuan"),
        ]))])
        let tenants = [
            Fixtures.tenant(id: 1, reports: ["2021-06": ["revenue": 9_000_000_000_000_000_000, "headcount": 1_000_000, "placements": 2]]),
            Fixtures.tenant(id: 2, reports: ["2021-06": ["revenue": 500, "headcount": 2, "placements": 2]]),
        ]
        let prepared = try PreparedInputs(RewardInputs(tenants: tenants))
        let run = ColumnarRun(book: book, prepared: prepared)
        _ = try run.column(0, .month(Month(year: 2021, month: 6)))
        #expect(run.broken == [true, false])
        let lines = try book.calculate(.month(Month(year: 2021, month: 6)), prepared: prepared, explain: false).lines
        #expect(lines.map(\.fen) == [10_200, 2_200])
        Self.compare(book, .month(Month(year: 2021, month: 6)), prepared)
    }

    @Test func anOverflowIsTheSameErrorInBothEngines() throws {
        let book = try PolicyBook([try Fixtures.load(Fixtures.policy(rules: [
            Fixtures.rule(period: "year", amount: "sum(revenue, this_year) * 1%"),
        ]))])
        let tenants = [
            Fixtures.tenant(id: 1, reports: ["2021-01": ["revenue": 9_000_000_000_000_000_000], "2021-02": ["revenue": 9_000_000_000_000_000_000]]),
        ]
        let prepared = try PreparedInputs(RewardInputs(tenants: tenants))
        Self.compare(book, .year(2021), prepared)
        #expect(throws: PolicyRunError.self) { try book.calculate(.year(2021), prepared: prepared, explain: false) }
    }

    @Test func columnsKeptWithThePreparedInputsServeOnlyTheSamePolicies() throws {
        // Two books with a rule of the same name over the same prepared inputs: each run finds
        // the columns of its own policies (the months before, for the annual cap), never the other's.
        func book(_ award: String) throws -> PolicyBook {
            try PolicyBook([try Fixtures.load(Fixtures.policy(rules: [
                Fixtures.rule(amount: "placements * \(award)", extra: ["cap:", "  per_year: 500 yuan"]),
            ]))])
        }
        let cheap = try book("1 yuan"), dear = try book("3 yuan")
        let tenants = [Fixtures.tenant(reports: Dictionary(uniqueKeysWithValues: (1...12).map {
            (String(format: "2021-%02d", $0), ["placements": Int64(20 + $0)])
        }))]
        let prepared = try PreparedInputs(RewardInputs(tenants: tenants))
        for month in [6, 12, 7] {
            let period = RewardPeriod.month(Month(year: 2021, month: month))
            for book in [cheap, dear, cheap] {
                let columnar = try book.calculate(period, prepared: prepared, rules: nil, explain: false, columnar: true)
                let exact = try book.calculate(period, prepared: try PreparedInputs(RewardInputs(tenants: tenants)), rules: nil, explain: false, columnar: false)
                #expect(columnar.lines == exact.lines, "\(period)")
            }
        }
        // July under the dear book: 3 × (21 + … + 26) = 423 yuan before it, so 77 of 81 yuan are left.
        #expect(try dear.calculate(.month(Month(year: 2021, month: 7)), prepared: prepared, explain: false).lines.map(\.fen) == [7_700])
    }

    @Test(arguments: ["sum(placements, this_year)", "sum(revenue, previous_year)", "sum(placements, last_months(24))",
                      "sum(placements, last_months(25))", "sum(tax, earlier_years)", "sum(placements, year_to_date)"])
    func reportSumsOverShortAndLongWindowsMatch(sum: String) throws {
        // Up to two years a sum is read month column by month column, beyond lane by lane;
        // tenants with gaps in their reports and several versions of a month.
        let book = try PolicyBook([try Fixtures.load(Fixtures.policy(rules: [
            Fixtures.rule(amount: "\(sum) * \(sum.contains("placements") ? "1 yuan" : "1%")"),
            Fixtures.rule("Y", period: "year", amount: "\(sum) * \(sum.contains("placements") ? "1 yuan" : "1%")"),
        ]))])
        #expect(book.timelines[0][0].rule.amount.plan != nil)
        var random = SeededGenerator(seed: 29)
        let tenants = (0..<300).map { RandomTenant.make(id: Int64($0), &random) }
        let prepared = try PreparedInputs(RewardInputs(tenants: tenants))
        for month in [1, 6, 12] { Self.compare(book, .month(Month(year: 2021, month: month)), prepared) }
        for year in 2020...2022 { Self.compare(book, .year(year), prepared) }
        let run = ColumnarRun(book: book, prepared: prepared)
        _ = try run.column(0, .month(Month(year: 2022, month: 12)))
        #expect(!run.broken.contains(true))
    }

    @Test func rulesReadingEachOtherAcrossPeriodsMatch() throws {
        // Annual and lifetime caps, amounts of other rules and of earlier years, per-period
        // caps: the columns read earlier columns as the ledger reads earlier amounts.
        let parameters = """
              award:
                type: money
                values:
                  2019-01-01: 70
                  2021-03-01: 90.5
              revenue_levels:
                type: brackets money -> money
                values:
                  2019-01-01: [[1000, 10], [5000, 30.333]]
            """
        let book = try PolicyBook([try Fixtures.load(Fixtures.policy(parameters: parameters, rules: [
            Fixtures.rule("A", amount: "placements * award", extra: ["cap:", "  per_year: 1000 yuan", "  lifetime: 2500 yuan"]),
            Fixtures.rule("B", amount: "A * 10% + total(A, last_months(3)) * 0.5%", extra: ["cap:", "  per_period: 77.77 yuan"]),
            Fixtures.rule("Y", period: "year", amount: "max(0 yuan, tier(sum(revenue, this_year), revenue_levels) - total(Y, earlier_years))"),
        ]))])
        var random = SeededGenerator(seed: 11)
        let tenants = (0..<200).map { RandomTenant.make(id: Int64($0), &random) }
        let prepared = try PreparedInputs(RewardInputs(tenants: tenants))
        for month in 1...12 { Self.compare(book, .month(Month(year: 2021, month: month)), prepared) }
        for year in 2019...2022 { Self.compare(book, .year(year), prepared) }
        let run = ColumnarRun(book: book, prepared: prepared)
        _ = try run.column(book.number(of: "B")!, .month(Month(year: 2021, month: 12)))
        _ = try run.column(book.number(of: "Y")!, .year(2022))
    }
}

/// Random tenants for the property tests: any status history (odd ones too), zero to three
/// leases of any kind of unit, reports with gaps and versions, figures around the policies'
/// thresholds, lines, tags and job fairs.
enum RandomTenant {
    static func make(id: Int64, _ random: inout SeededGenerator) -> TenantFacts {
        func pick(_ count: Int) -> Int { Int(random.next() % UInt64(count)) }
        let moveIn = CivilDate(dayNumber: CivilDate(year: 2017, month: 6, day: 1)!.dayNumber + pick(2_000))
        var changes: [StatusFact] = []
        switch pick(10) {
        case 0: break
        case 1: changes = [StatusFact(to: "exiting", on: moveIn.description)]
        default:
            let active = moveIn.adding(days: pick(81) - 40)
            changes = [StatusFact(to: "approved", on: active.adding(days: -20).description), StatusFact(to: "active", on: active.description)]
            if pick(4) == 0 {
                let exiting = active.adding(days: 1 + pick(1_500))
                changes.append(StatusFact(to: "exiting", on: exiting.description))
                changes.append(StatusFact(to: "exited", on: exiting.adding(days: pick(60)).description))
            }
        }
        var leases: [LeaseFact] = []
        for index in 0..<pick(4) {
            let start = index == 0 && pick(8) > 0 ? moveIn : moveIn.adding(days: pick(900) - 100)
            let kinds = ["office", "office", "incubator", "shared"]
            let units = (0...pick(2)).map { unit in
                LeasedUnitFact(label: "U\(id)-\(index)-\(unit)", kind: kinds[pick(4)], centiSquareMetres: Int64(1_000 + pick(150_000)))
            }
            var rents = [RentFact(from: start.description, fenPerSquareMetre: Int64(2_000 + pick(4_000)))]
            if pick(3) == 0 { rents.append(RentFact(from: start.adding(days: 100 + pick(600)).description, fenPerSquareMetre: Int64(2_000 + pick(5_000)))) }
            leases.append(LeaseFact(id: id * 10 + Int64(index), start: start.description,
                                    lastDay: start.adding(days: 200 + pick(2_000)).description, units: units, rents: rents))
        }
        var reports: [ReportFact] = []
        let scale = Int64(pick(200)), taxScale = Int64(pick(6_000_000))
        let onThreshold = pick(10) == 0
        var month = Month(year: moveIn.year, month: moveIn.month).index - pick(3)
        while month <= Month(year: 2022, month: 12).index {
            defer { month += 1 }
            guard pick(10) > 0 else { continue }
            var figures: [String: Int64] = [
                "revenue": scale * 100_000_000 + Int64(pick(100_000_000)), "tax": taxScale * Int64(1 + pick(12)),
                "placements": Int64(pick(90)), "training_attendees": Int64(pick(120)), "training_sessions": Int64(pick(5)),
                "phd_hires": pick(30) == 0 ? Int64(1 + pick(2)) : 0, "headcount": Int64(pick(500)),
            ]
            if onThreshold {
                // Exactly on the tiers and the tax threshold in December, nothing before.
                let december = month % 12 == 11
                figures["revenue"] = december ? [10_000_000_000, 20_000_000_000, 50_000_000_000][pick(3)] : 0
                figures["tax"] = december ? [50_000_000, 100_000_000][pick(2)] : 0
            }
            reports.append(ReportFact(month: Month(index: month).description, version: 1 + pick(3), figures: figures))
        }
        let allLines = ["recruitment", "dispatch", "training", "outsourcing", "headhunting", "consulting", "assessment", "other"]
        let lines = allLines.filter { _ in pick(4) == 0 }
        let allTags = ["headquarters", "global-top-500", "china-top-500", "hr-top-100"]
        let tags = allTags.filter { _ in pick(3) == 0 }
        var events: [EventFact]?
        if pick(5) == 0 {
            events = (0..<(1 + pick(3))).map { index in
                EventFact(id: id * 10 + Int64(index), kind: ["job-fair", "online-job-fair", "forum"][pick(3)],
                          ends: moveIn.adding(days: pick(1_500)).description, cancelled: pick(6) == 0, employers: pick(4) == 0 ? nil : pick(80))
            }
        }
        return TenantFacts(
            id: id, name: "随机人力资源 \(id)", creditCode: "", businessLines: lines.isEmpty && pick(2) == 0 ? ["recruitment"] : lines,
            tags: tags, origin: ["local", "national", "foreign"][pick(3)], appliedOn: moveIn.adding(days: -60).description,
            statusChanges: changes, leases: leases, reports: reports, events: events)
    }
}
