import ParkCore

/// A formula as the columnar engine computes it: for every tenant of a run at once, in
/// integers. A number is held as an integer n meaning n ÷ 10^`scale` (the scale is known when
/// the formula is planned, so fen, percentages and counts need no denominator at run time); a
/// condition has no scale. Only formulas whose every value is such a decimal are planned
/// (`ColumnPlanner`); the others, and any tenant whose values grow past `ColumnPlan.limit`,
/// are computed by the exact rationals.
struct ColumnPlan: Sendable {
    let node: ColumnNode
    /// Decimal places of a number; nil for a condition.
    let scale: Int?

    /// The most decimal places a planned number may have.
    static let maximumScale = 8
    /// Beyond this magnitude (scaled), a lane leaves the integer path for the exact rationals.
    static let limit: Int128 = 1_000_000_000_000_000_000_000_000

    static func number(_ node: ColumnNode, scale: Int) -> ColumnPlan { ColumnPlan(node: node, scale: scale) }
    static func condition(_ node: ColumnNode) -> ColumnPlan { ColumnPlan(node: node, scale: nil) }
}

/// One operation of a `ColumnPlan`; operands of sums, comparisons, choices, minima and maxima
/// have equal scales (the planner inserts `.scaled` where they differ).
indirect enum ColumnNode: Sendable {
    // Numbers.
    /// A literal, scaled.
    case literal(Int128)
    /// A number parameter of the policy evaluating, on the period's last day, at `scale`.
    case parameter(PolicyParameter, scale: Int)
    /// The month's report figure (money in fen, counts as they are).
    case figure(ReportFigure)
    /// Σ of a report figure over the months of a window.
    case sum(ReportFigure, Window)
    /// Another rule's amount for the same period, in fen.
    case ruleAmount(String)
    /// Σ of a rule's amounts over the periods of a window, in fen.
    case total(String, Window)
    /// Lease year k on the period's last day.
    case leaseYear
    case daysInMonth
    case daysInPeriod
    case negate(ColumnNode)
    case absolute(ColumnNode)
    case add(ColumnNode, ColumnNode)
    case subtract(ColumnNode, ColumnNode)
    /// The product's scale is the sum of the operands'.
    case multiply(ColumnNode, ColumnNode)
    /// × `factor` (a power of ten), to bring a number to a larger scale.
    case scaled(ColumnNode, factor: Int128)
    /// The largest (or smallest) of the numbers.
    case pick(larger: Bool, [ColumnNode])
    /// Flat tiers of a brackets parameter: the input at `inputScale`, values at `valueScale`.
    case tier(ColumnNode, inputScale: Int, table: PolicyParameter, valueScale: Int)
    /// A number or a condition, by a condition.
    case choose(ColumnNode, ColumnNode, ColumnNode)
    // Conditions.
    case flag(Bool)
    /// The status on the day evaluated is one of these (bits by `TenantStatus.allCases`).
    case statusIs(UInt8)
    case hasLine(UInt32)
    case hasHRLine
    case hasTag([String])
    case originIs([String])
    case exited
    case movedIn
    case not(ColumnNode)
    case and(ColumnNode, ColumnNode)
    case or(ColumnNode, ColumnNode)
    /// Two numbers of equal scale compared.
    case compare(BinaryOperator, ColumnNode, ColumnNode)
    /// Two conditions equal (or, `different`, not).
    case same(ColumnNode, ColumnNode, different: Bool)
}

extension TenantStatus {
    /// The status's bit in a `ColumnNode.statusIs` mask.
    var columnBit: UInt8 { 1 << UInt8(TenantStatus.allCases.firstIndex(of: self)!) }
}

extension ColumnNode {
    /// The report figures this node reads, a month's (`.figure`) into `monthly`, a window's
    /// sum (`.sum`) into `summed`.
    func collectFigures(monthly: inout Set<ReportFigure>, summed: inout Set<ReportFigure>) {
        switch self {
        case .figure(let figure):
            monthly.insert(figure)
        case .sum(let figure, _):
            summed.insert(figure)
        case .negate(let operand), .absolute(let operand), .scaled(let operand, _), .not(let operand),
             .tier(let operand, _, _, _):
            operand.collectFigures(monthly: &monthly, summed: &summed)
        case .add(let a, let b), .subtract(let a, let b), .multiply(let a, let b), .and(let a, let b), .or(let a, let b),
             .compare(_, let a, let b), .same(let a, let b, _):
            a.collectFigures(monthly: &monthly, summed: &summed)
            b.collectFigures(monthly: &monthly, summed: &summed)
        case .pick(_, let operands):
            for operand in operands { operand.collectFigures(monthly: &monthly, summed: &summed) }
        case .choose(let test, let yes, let no):
            test.collectFigures(monthly: &monthly, summed: &summed)
            yes.collectFigures(monthly: &monthly, summed: &summed)
            no.collectFigures(monthly: &monthly, summed: &summed)
        case .literal, .parameter, .ruleAmount, .total, .leaseYear, .daysInMonth, .daysInPeriod, .flag, .statusIs,
             .hasLine, .hasHRLine, .hasTag, .originIs, .exited, .movedIn:
            break
        }
    }
}
