import ParkCore

/// One rule's formulas evaluated over a block of a run's lanes (`lanes`) at once: each node of
/// a plan is one pass over the block, whose values (index 0 for the block's first lane) stay in
/// the processor's caches between passes. Formulas read the period's last day (the day a
/// monthly or annual rule is evaluated on), except eligibility, whose status may be given
/// (`status`): a condition that reads only the status holds on some day of the period exactly
/// when it holds for one of the statuses the tenant has on those days.
struct ColumnContext {
    let run: ColumnarRun
    let policy: Policy
    let period: RewardPeriod
    let lanes: Range<Int>
    /// Held here, so that reading a column in a loop does not go through the run each time.
    private let inputs: ColumnarInputs
    private let count: Int
    private let first: Int

    /// Lanes evaluated at once: a block's values (16 bytes a lane) fit in a core's caches.
    static let blockSize = 2048

    init(run: ColumnarRun, policy: Policy, period: RewardPeriod, lanes: Range<Int>) {
        self.run = run
        self.policy = policy
        self.period = period
        self.lanes = lanes
        inputs = run.inputs
        count = lanes.count
        first = lanes.lowerBound
    }

    /// Whether each lane of the block (among `open`, indexed by lane of the run) meets the
    /// status-reading condition on some day of the period.
    func eligible(_ node: ColumnNode, open: [Bool]) throws(ColumnarRun.Unplanned) -> [Bool] {
        let seen = run.statusesSeen(in: period)[lanes]
        let open = open[lanes]
        var any: UInt8 = 0
        for lane in lanes where open[lane] { any |= seen[lane] }
        var result = [Bool](repeating: false, count: count)
        for status in TenantStatus.allCases where any & status.columnBit != 0 {
            let bit = status.columnBit
            let holds = try flags(node, status: bit)
            for index in 0..<count where open[first + index] && seen[first + index] & bit != 0 && holds[index] { result[index] = true }
        }
        return result
    }

    // MARK: Numbers

    /// The node's value for each lane of the block, scaled as planned; a lane out of range is
    /// broken (0).
    func numbers(_ node: ColumnNode, status: UInt8? = nil) throws(ColumnarRun.Unplanned) -> [Int128] {
        switch node {
        case .literal(let value):
            return Array(repeating: value, count: count)
        case .parameter(let parameter, let scale):
            let value = parameter.value(on: policy.parameterDay(period.end)).value
            guard case .number(let number) = value, let scaled = ColumnPlanner.scaled(number, scale) else { throw ColumnarRun.Unplanned() }
            return Array(repeating: scaled, count: count)
        case .figure(let figure):
            let (column, offset) = try run.monthFigure(figure, month: period.lastMonth)
            let start = offset + first
            return column[start..<(start + count)].map { Int128($0) }
        case .sum(let figure, let window):
            guard let months = window.months(endingIn: period.lastMonth) else { return Array(repeating: 0, count: count) }
            let (column, offset) = try run.windowSum(figure, months: months)
            let start = offset + first
            return column[start..<(start + count)].map { Int128($0) }
        case .ruleAmount(let rule):
            guard let number = run.book.number(of: rule) else { return Array(repeating: 0, count: count) }
            return try run.column(number, period)[lanes].map { Int128($0) }
        case .total(let rule, let window):
            guard let months = window.months(endingIn: period.lastMonth), let number = run.book.number(of: rule) else {
                return Array(repeating: 0, count: count)
            }
            return try run.totals(number, months: months)[lanes].map { Int128($0) }
        case .leaseYear:
            let day = period.end
            var years = [Int128](repeating: 0, count: count)
            for index in 0..<count { years[index] = Int128(run.profiles[first + index].leaseYear(on: day)) }
            return years
        case .daysInMonth:
            return Array(repeating: Int128(CivilDate.daysIn(month: period.end.month, year: period.end.year)), count: count)
        case .daysInPeriod:
            return Array(repeating: Int128(period.end.dayNumber - period.start.dayNumber + 1), count: count)
        case .negate(let operand):
            return try numbers(operand, status: status).map { -$0 }
        case .absolute(let operand):
            return try numbers(operand, status: status).map { $0 < 0 ? -$0 : $0 }
        case .add(let a, let b):
            return combine(try numbers(a, status: status), try numbers(b, status: status)) { $0.addingReportingOverflow($1) }
        case .subtract(let a, let b):
            return combine(try numbers(a, status: status), try numbers(b, status: status)) { $0.subtractingReportingOverflow($1) }
        case .multiply(let a, let b):
            return combine(try numbers(a, status: status), try numbers(b, status: status)) { $0.multipliedReportingOverflow(by: $1) }
        case .scaled(let operand, let factor):
            return combine(try numbers(operand, status: status), Array(repeating: factor, count: count)) { $0.multipliedReportingOverflow(by: $1) }
        case .pick(let larger, let operands):
            var best = try numbers(operands[0], status: status)
            for operand in operands.dropFirst() {
                let next = try numbers(operand, status: status)
                for lane in 0..<count where larger ? next[lane] > best[lane] : next[lane] < best[lane] { best[lane] = next[lane] }
            }
            return best
        case .tier(let input, let inputScale, let table, let valueScale):
            return try tier(try numbers(input, status: status), inputScale: inputScale, table: table, valueScale: valueScale)
        case .choose(let test, let yes, let no):
            let tests = try flags(test, status: status)
            var values = try numbers(yes, status: status)
            let others = try numbers(no, status: status)
            for lane in 0..<count where !tests[lane] { values[lane] = others[lane] }
            return values
        case .flag, .statusIs, .hasLine, .hasHRLine, .hasTag, .originIs, .exited, .movedIn, .not, .and, .or, .compare, .same:
            throw ColumnarRun.Unplanned()
        }
    }

    /// Lane by lane; a result that overflows or leaves `ColumnPlan.limit` breaks the lane.
    @inline(__always)
    private func combine(_ a: [Int128], _ b: [Int128], _ operation: (Int128, Int128) -> (partialValue: Int128, overflow: Bool)) -> [Int128] {
        var result = a
        for lane in 0..<count {
            let (value, overflow) = operation(a[lane], b[lane])
            if overflow || value.magnitude > ColumnPlan.limit.magnitude {
                run.markBroken(first + lane)
                result[lane] = 0
            } else {
                result[lane] = value
            }
        }
        return result
    }

    /// Flat tiers (`BracketTable.flat`): the value of the last row whose threshold the input reaches.
    private func tier(_ inputs: [Int128], inputScale: Int, table: PolicyParameter, valueScale: Int) throws(ColumnarRun.Unplanned) -> [Int128] {
        guard case .table(let brackets) = table.value(on: policy.parameterDay(period.end)).value else {
            return Array(repeating: 0, count: count)
        }
        // input ÷ 10^s ≥ n ÷ d  ⟺  input × d ≥ n × 10^s (d > 0)
        var rows: [(numerator: Int128, denominator: Int128, value: Int128)] = []
        let power = ColumnPlanner.tenTo(inputScale)
        for row in brackets.rows {
            let threshold = row.threshold.reduced()
            let (scaled, overflow) = threshold.numerator.multipliedReportingOverflow(by: power)
            guard !overflow, let value = ColumnPlanner.scaled(row.value, valueScale) else { throw ColumnarRun.Unplanned() }
            rows.append((scaled, threshold.denominator, value))
        }
        var values = [Int128](repeating: 0, count: count)
        for lane in 0..<count {
            for row in rows.reversed() {
                let (left, overflow) = inputs[lane].multipliedReportingOverflow(by: row.denominator)
                if overflow {
                    run.markBroken(first + lane)
                    break
                }
                if left >= row.numerator {
                    values[lane] = row.value
                    break
                }
            }
        }
        return values
    }

    // MARK: Conditions

    /// The condition for each lane of the block; `status` stands for the status on the day evaluated
    /// (nil: each lane's status on the period's last day).
    func flags(_ node: ColumnNode, status: UInt8?) throws(ColumnarRun.Unplanned) -> [Bool] {
        switch node {
        case .flag(let value):
            return Array(repeating: value, count: count)
        case .statusIs(let mask):
            if let status { return Array(repeating: status & mask != 0, count: count) }
            let day = period.end.dayNumber
            return lanes.map { inputs.status($0, on: day) & mask != 0 }
        case .hasLine(let mask):
            return inputs.lineMask[lanes].map { $0 & mask != 0 }
        case .hasHRLine:
            return Array(inputs.hasHRLine[lanes])
        case .hasTag(let tags):
            return run.profiles[lanes].map { profile in tags.contains { profile.tags.contains($0) } }
        case .originIs(let origins):
            return run.profiles[lanes].map { origins.contains($0.facts.origin) }
        case .exited:
            let day = period.end.dayNumber
            return inputs.exitDay[lanes].map { $0 <= day }
        case .movedIn:
            let day = period.end.dayNumber
            return inputs.firstMoveIn[lanes].map { $0 <= day }
        case .not(let operand):
            return try flags(operand, status: status).map { !$0 }
        case .and(let a, let b):
            let left = try flags(a, status: status), right = try flags(b, status: status)
            return (0..<count).map { left[$0] && right[$0] }
        case .or(let a, let b):
            let left = try flags(a, status: status), right = try flags(b, status: status)
            return (0..<count).map { left[$0] || right[$0] }
        case .compare(let op, let a, let b):
            let left = try numbers(a, status: status), right = try numbers(b, status: status)
            return (0..<count).map { lane in
                let (x, y) = (left[lane], right[lane])
                return switch op {
                case .less: x < y
                case .lessOrEqual: x <= y
                case .greater: x > y
                case .greaterOrEqual: x >= y
                case .notEqual: x != y
                default: x == y
                }
            }
        case .same(let a, let b, let different):
            let left = try flags(a, status: status), right = try flags(b, status: status)
            return (0..<count).map { (left[$0] == right[$0]) != different }
        case .choose(let test, let yes, let no):
            let tests = try flags(test, status: status)
            let whenTrue = try flags(yes, status: status), whenFalse = try flags(no, status: status)
            return (0..<count).map { tests[$0] ? whenTrue[$0] : whenFalse[$0] }
        default:
            throw ColumnarRun.Unplanned()
        }
    }
}
