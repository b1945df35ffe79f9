import ParkCore

/// Computes rules for every tenant of a run at once (one lane per tenant), in integers, with
/// the plans the policies compiled (`ColumnPlan`): a rule's amounts for a period are one
/// column, remembered for the run, so annual caps and "earlier years" read earlier columns
/// as `TenantLedger` reads earlier amounts. The amounts equal the exact engine's to the fen:
/// a rule with any part not planned is `Unplanned` (the caller computes it the exact way),
/// and a lane whose values leave the integers' safe range is marked `broken` (its tenant is
/// computed the exact way, which also reports any error as it would).
final class ColumnarRun {
    /// A rule (or a rule it reads) has a formula or a definition the columns do not compute.
    struct Unplanned: Error {}

    let book: PolicyBook
    let profiles: [TenantProfile]
    let inputs: ColumnarInputs
    /// Lanes whose tenant the exact engine must compute.
    private(set) var broken: [Bool]
    /// Rule evaluations done: each column computed counts its lanes from their first month on
    /// (more than the exact engine, which computes an earlier period only where a cap needs it);
    /// a column an earlier run kept (`ColumnarMemo`) counts nothing.
    private(set) var evaluations = 0
    /// Columns computed, by rule number and period.
    private var columns: [[RewardPeriod: [Int64]]]
    private var unplanned: Set<Int> = []
    /// By period, the statuses each lane has on the days a status-reading condition is evaluated.
    private var seenStatuses: [RewardPeriod: [UInt8]] = [:]
    /// Σ of a rule's amounts from a window's first month on, by rule and first month, through
    /// the last period summed: each month's annual cap reads a monthly rule's sum up to the
    /// month before, the month after adds one month to it.
    private var runningTotals: [[Int]: (through: Int, sums: [Int64])] = [:]
    /// By month index, every lane's month figures (`figuresByMonth`), figure after
    /// figure: the k-th figure of lane l at k × lanes + l. A tenant's report is read once for
    /// all the rules of a run that read it.
    private var monthFigures: [Int: [Int64]] = [:]
    /// The figures read by month and the figures summed (`PolicyBook.figuresPlansRead`).
    private let figuresByMonth: [ReportFigure]
    private let figuresSummed: [ReportFigure]
    /// By window of months, every lane's sums of the summed figures (`figuresSummed`)
    /// laid out as `monthFigures`, and the lanes whose sum of a figure (by position) overflowed.
    private var windowSums: [ClosedRange<Int>: (values: [Int64], overflowed: [(figure: Int, lane: Int)])] = [:]
    /// Columns being computed inside one another: a policy book whose rules read each other
    /// in a loop goes deeper than any real chain, and is left to the exact engine to report.
    private var depth = 0
    private static let maximumDepth = 64

    init(book: PolicyBook, prepared: PreparedInputs) {
        self.book = book
        profiles = prepared.profiles
        inputs = prepared.columns
        broken = Array(repeating: false, count: prepared.profiles.count)
        columns = Array(repeating: [:], count: book.timelines.count)
        (figuresByMonth, figuresSummed) = book.figuresPlansRead()
    }

    /// The amounts (fen, before any budget) of rule `number` for `period`, lane by lane.
    func column(_ number: Int, _ period: RewardPeriod) throws(Unplanned) -> [Int64] {
        if let known = columns[number][period] { return known }
        let rule = book.ruleIDs[number]
        if let kept = inputs.memo.column(rule, period, policies: book.policies) {
            columns[number][period] = kept
            return kept
        }
        guard !unplanned.contains(number), depth < Self.maximumDepth else { throw Unplanned() }
        depth += 1
        defer { depth -= 1 }
        let computed: [Int64]
        do { computed = try compute(number, period) } catch {
            unplanned.insert(number)
            throw error
        }
        columns[number][period] = computed
        if !broken.contains(true) { inputs.memo.keep(computed, rule, period, policies: book.policies) }
        for lane in 0..<inputs.count where inputs.firstMonth[lane] <= period.lastMonth { evaluations += 1 }
        return computed
    }

    /// Rule `number` for `period`: occasion, eligibility on some day, formula on the last day,
    /// caps, rounding; as `TenantLedger.compute` does it for one tenant.
    private func compute(_ number: Int, _ period: RewardPeriod) throws(Unplanned) -> [Int64] {
        let count = inputs.count
        guard let (policy, rule) = book.definition(number, on: period.end) ?? book.lastDefinition(number, during: period) else {
            return Array(repeating: 0, count: count)
        }
        guard !rule.perDay, let eligible = rule.eligible.plan, eligible.scale == nil, rule.eligible.reads.isSubset(of: .status),
              let amount = rule.amount.plan, let amountScale = amount.scale else { throw Unplanned() }
        var caps: [(plan: ColumnPlan, kind: CapKind)] = []
        for (formula, kind) in [(rule.capPerPeriod, CapKind.period), (rule.capPerYear, .year), (rule.capLifetime, .lifetime)] {
            guard let formula else { continue }
            guard let plan = formula.plan, plan.scale != nil else { throw Unplanned() }
            caps.append((plan, kind))
        }
        var open = [Bool](repeating: true, count: count)
        switch rule.period {
        case .onceAtMoveIn:
            for lane in 0..<count { open[lane] = inputs.moveInYear[lane] == period.year }
        case .onceAtExit:
            let first = period.start.dayNumber, last = period.end.dayNumber
            for lane in 0..<count {
                let exitDay = inputs.exitDay[lane]
                guard first <= exitDay, exitDay <= last else {
                    open[lane] = false
                    continue
                }
                // The policy in force on the exit day decides (`TenantLedger.compute`): none with
                // the rule, nothing; another than this column's, the exact engine.
                switch book.definition(number, on: CivilDate(dayNumber: exitDay))?.policy.id {
                case nil: open[lane] = false
                case policy.id: open[lane] = true
                default:
                    open[lane] = false
                    broken[lane] = true
                }
            }
        case .month, .year:
            break
        }
        // What the caps have already counted, for every lane (each the sum of earlier columns;
        // empty when nothing can have been counted yet).
        var spent: [[Int64]] = []
        for (_, kind) in caps {
            switch kind {
            case .period: spent.append([])
            case .year:
                spent.append(rule.period.runKind == .month && period.firstMonth % 12 > 0
                    ? try totals(number, months: (period.year * 12)...(period.firstMonth - 1)) : [])
            case .lifetime: spent.append(try totals(number, months: 0...(period.firstMonth - 1)))
            }
        }
        var fen: [Int64] = []
        fen.reserveCapacity(count)
        for start in stride(from: 0, to: count, by: ColumnContext.blockSize) {
            let lanes = start..<min(start + ColumnContext.blockSize, count)
            let context = ColumnContext(run: self, policy: policy, period: period, lanes: lanes)
            let paying = try context.eligible(eligible.node, open: open)
            var values = try context.numbers(amount.node)
            var scale = amountScale
            for ((cap, _), already) in zip(caps, spent) {
                let ceilings = try context.numbers(cap.node)
                let common = max(scale, cap.scale!, 2)
                let toAmount = ColumnPlanner.tenTo(common - scale), toCeiling = ColumnPlanner.tenTo(common - cap.scale!)
                let toFen = ColumnPlanner.tenTo(common - 2)
                for index in 0..<lanes.count where paying[index] {
                    // Rescaled for every lane, so the column keeps one scale; capped only above zero.
                    let (amount, o1) = values[index].multipliedReportingOverflow(by: toAmount)
                    let (ceiling, o2) = ceilings[index].multipliedReportingOverflow(by: toCeiling)
                    let (counted, o3) = Int128(already.isEmpty ? 0 : already[start + index]).multipliedReportingOverflow(by: toFen)
                    guard !o1, !o2, !o3, amount.magnitude <= ColumnPlan.limit.magnitude, ceiling.magnitude <= ColumnPlan.limit.magnitude else {
                        broken[start + index] = true
                        values[index] = 0
                        continue
                    }
                    values[index] = amount
                    guard amount > 0 else { continue }
                    let allowed = max(0, ceiling - counted)
                    if amount > allowed { values[index] = allowed }
                }
                scale = common
            }
            var rounded = [Int64](repeating: 0, count: lanes.count)
            for index in 0..<lanes.count where paying[index] {
                // Beyond the largest amount, the exact engine computes the lane and names the failure.
                guard let amount = Self.fen(values[index], scale: scale, rule.rounding), amount.magnitude <= Money.largest.fen.magnitude else {
                    broken[start + index] = true
                    continue
                }
                rounded[index] = amount
            }
            fen.append(contentsOf: rounded)
        }
        return fen
    }

    private enum CapKind {
        case period, year, lifetime
    }

    /// Σ per lane of rule `number`'s amounts for its periods inside `months`, none before the
    /// lane's first month (as `TenantLedger.total`).
    func totals(_ number: Int, months: ClosedRange<Int>) throws(Unplanned) -> [Int64] {
        let count = inputs.count
        let yearly = book.timelines[number][0].rule.period.runKind == .year
        let last = yearly ? (months.upperBound + 1) / 12 - 1 : months.upperBound
        let key = [number, months.lowerBound]
        // Known when a block of lanes before asked for the same, or an earlier run on these
        // inputs did (`ColumnarMemo`).
        let rule = book.ruleIDs[number]
        if runningTotals[key] == nil, let kept = inputs.memo.total(rule, from: months.lowerBound, policies: book.policies) {
            runningTotals[key] = (kept.through, kept.sums)
        }
        if let kept = runningTotals[key], kept.through == last { return kept.sums }
        // Each lane's first period counted (a month, or a year), none for a lane that never
        // could earn (`Int.max`); lanes going back further than a century are left to the
        // exact engine.
        @inline(__always) func firstCounted(_ lane: Int) -> Int {
            let month = inputs.firstMonth[lane]
            guard month != Int.max, max(months.lowerBound, month) >= months.upperBound - 1_200 else { return Int.max }
            return yearly ? max((months.lowerBound + 11) / 12, month / 12) : max(months.lowerBound, month)
        }
        var earliest = Int.max
        for lane in 0..<count {
            let first = firstCounted(lane)
            if first == Int.max, inputs.firstMonth[lane] != Int.max { broken[lane] = true }
            earliest = min(earliest, first)
        }
        guard earliest <= last else { return [Int64](repeating: 0, count: count) }
        // A monthly rule's sum up to the month before, when kept, is this one's start (taken out
        // of the table, so that adding to it does not copy it).
        var sums: [Int64], next: Int
        if !yearly, let kept = runningTotals.removeValue(forKey: key), kept.through == last - 1 {
            (sums, next) = (kept.sums, last)
        } else {
            (sums, next) = ([Int64](repeating: 0, count: count), earliest)
        }
        var overflowed: [Int] = []
        for index in next...last {
            let amounts = try column(number, yearly ? .year(index) : .month(Month(index: index)))
            for lane in 0..<count where firstCounted(lane) <= index {
                let (sum, overflow) = sums[lane].addingReportingOverflow(amounts[lane])
                if overflow { overflowed.append(lane) } else { sums[lane] = sum }
            }
        }
        for lane in overflowed { broken[lane] = true }
        runningTotals[key] = (last, sums)
        if !broken.contains(true) { inputs.memo.keep(RunningTotal(through: last, sums: sums), rule, from: months.lowerBound, policies: book.policies) }
        return sums
    }

    /// Report figure `figure` of month index `month` for every lane (0: no report that month),
    /// as the values and the position of lane 0 in them. Every figure a plan of the book reads
    /// is among the book's (`figuresByMonth`); any other is not planned.
    func monthFigure(_ figure: ReportFigure, month: Int) throws(Unplanned) -> (values: [Int64], offset: Int) {
        let figures = figuresByMonth
        guard let position = figures.firstIndex(of: figure) else { throw Unplanned() }
        let count = inputs.count
        if let known = monthFigures[month] { return (known, position * count) }
        var values = [Int64](repeating: 0, count: figures.count * count)
        values.withUnsafeMutableBufferPointer { values in
            for lane in 0..<count {
                for (index, figure) in figures.enumerated() {
                    values[index * count + lane] = inputs.reports[lane].figure(figure, month: month) ?? 0
                }
            }
        }
        monthFigures[month] = values
        return (values, position * count)
    }

    /// Σ of report figure `figure` over the months of `months` for every lane, as the values
    /// and the position of lane 0 in them; a lane whose sum overflows is broken (0). As for
    /// `monthFigure`, a figure not among the book's is not planned.
    func windowSum(_ figure: ReportFigure, months: ClosedRange<Int>) throws(Unplanned) -> (values: [Int64], offset: Int) {
        let count = inputs.count
        guard let position = figuresSummed.firstIndex(of: figure) else { throw Unplanned() }
        let sums: (values: [Int64], overflowed: [(figure: Int, lane: Int)])
        if let known = windowSums[months] {
            sums = known
        } else {
            let figures = figuresSummed
            var overflowed: [(figure: Int, lane: Int)] = []
            var values = [Int64](repeating: 0, count: figures.count * count)
            values.withUnsafeMutableBufferPointer { values in
                for lane in 0..<count {
                    for (index, figure) in figures.enumerated() {
                        if let total = inputs.reports[lane].total(of: figure, in: months) {
                            values[index * count + lane] = total
                        } else {
                            overflowed.append((index, lane))
                        }
                    }
                }
            }
            sums = (values, overflowed)
            windowSums[months] = sums
        }
        for (index, lane) in sums.overflowed where index == position { broken[lane] = true }
        return (sums.values, position * count)
    }

    /// The statuses each lane has on the days of `period` a status-reading condition is
    /// evaluated (`ColumnarInputs.statusesSeen`), known once per period.
    func statusesSeen(in period: RewardPeriod) -> [UInt8] {
        if let known = seenStatuses[period] { return known }
        let first = period.start.dayNumber, last = period.end.dayNumber
        let seen = (0..<inputs.count).map { inputs.statusesSeen($0, from: first, to: last) }
        seenStatuses[period] = seen
        return seen
    }

    func markBroken(_ lane: Int) {
        broken[lane] = true
    }

    /// `value` ÷ 10^`scale` in fen, rounded as `mode` says (as `Exact.fen`); nil beyond Int64.
    static func fen(_ value: Int128, scale: Int, _ mode: RoundingMode) -> Int64? {
        if scale <= 2 {
            let (fen, overflow) = value.multipliedReportingOverflow(by: ColumnPlanner.tenTo(2 - scale))
            return overflow ? nil : Int64(exactly: fen)
        }
        let divisor = ColumnPlanner.tenTo(scale - 2)
        var quotient = value / divisor
        let remainder = value % divisor
        if remainder != 0 {
            let positive = value > 0
            let twice = remainder.magnitude * 2
            let away: Bool = switch mode {
            case .halfUp: twice >= divisor.magnitude
            case .halfEven: twice > divisor.magnitude || (twice == divisor.magnitude && quotient % 2 != 0)
            case .down: false
            case .up: true
            case .floor: !positive
            case .ceiling: positive
            }
            if away { quotient += positive ? 1 : -1 }
        }
        return Int64(exactly: quotient)
    }
}
