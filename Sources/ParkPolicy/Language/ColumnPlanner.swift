import ParkCore

/// Plans a checked formula for the columnar engine (`ColumnPlan`), or answers nil when some part
/// of it has no exact integer form there: a division, a date, a rounding function, a fact that
/// changes within the period, a non-decimal literal. The formula has been compiled (names
/// and types checked) before it is planned, so the planner only decides representability.
struct ColumnPlanner {
    let scope: FormulaScope

    func plan(_ syntax: FormulaSyntax) -> ColumnPlan? {
        switch syntax {
        case .number(let value, _, _):
            return Self.literal(value)
        case .boolean(let value, _):
            return .condition(.flag(value))
        case .text, .date:
            return nil
        case .name(let name, _):
            return reference(name)
        case .call(let name, let arguments, _):
            return call(name, arguments)
        case .negate(let operand, _):
            guard let inner = plan(operand), let scale = inner.scale else { return nil }
            return .number(.negate(inner.node), scale: scale)
        case .not(let operand, _):
            guard let inner = plan(operand), inner.scale == nil else { return nil }
            return .condition(.not(inner.node))
        case .binary(let op, let left, let right, _):
            guard let l = plan(left), let r = plan(right) else { return nil }
            return binary(op, l, r)
        case .conditional(let condition, let whenTrue, let whenFalse, _):
            guard let test = plan(condition), test.scale == nil, let yes = plan(whenTrue), let no = plan(whenFalse) else { return nil }
            if yes.scale == nil, no.scale == nil { return .condition(.choose(test.node, yes.node, no.node)) }
            guard let (a, b, scale) = Self.aligned(yes, no) else { return nil }
            return .number(.choose(test.node, a, b), scale: scale)
        }
    }

    // MARK: Names

    private func reference(_ name: String) -> ColumnPlan? {
        if let named = scope.named[name] { return named.plan }
        if let (_, parameter) = scope.parameters[name] {
            guard parameter.type.isNumeric, let scale = Self.scale(of: parameter.values.map { $0.value.number }) else { return nil }
            return .number(.parameter(parameter, scale: scale), scale: scale)
        }
        switch name {
        case "lease_year": return .number(.leaseYear, scale: 0)
        case "days_in_month": return .number(.daysInMonth, scale: 0)
        case "days_in_period": return .number(.daysInPeriod, scale: 0)
        case "exited": return .condition(.exited)
        case "moved_in": return .condition(.movedIn)
        case "has_hr_line": return .condition(.hasHRLine)
        default: break
        }
        if let figure = ReportFigure(rawValue: name) { return .number(.figure(figure), scale: figure.type == .money ? 2 : 0) }
        if scope.rulePeriods[name] != nil { return .number(.ruleAmount(name), scale: 2) }
        return nil
    }

    // MARK: Operators

    private func binary(_ op: BinaryOperator, _ l: ColumnPlan, _ r: ColumnPlan) -> ColumnPlan? {
        switch op {
        case .and, .or:
            guard l.scale == nil, r.scale == nil else { return nil }
            return .condition(op == .and ? .and(l.node, r.node) : .or(l.node, r.node))
        case .less, .lessOrEqual, .greater, .greaterOrEqual, .equal, .notEqual:
            // Conditions compare only for (in)equality; the compiler has checked that.
            if l.scale == nil, r.scale == nil { return .condition(.same(l.node, r.node, different: op == .notEqual)) }
            guard let (a, b, _) = Self.aligned(l, r) else { return nil }
            return .condition(.compare(op, a, b))
        case .add, .subtract:
            guard let (a, b, scale) = Self.aligned(l, r) else { return nil }
            return .number(op == .add ? .add(a, b) : .subtract(a, b), scale: scale)
        case .multiply:
            guard let ls = l.scale, let rs = r.scale, ls + rs <= ColumnPlan.maximumScale else { return nil }
            return .number(.multiply(l.node, r.node), scale: ls + rs)
        case .divide:
            return nil
        }
    }

    // MARK: Functions

    private func call(_ name: String, _ arguments: [FormulaSyntax]) -> ColumnPlan? {
        switch name {
        case "min", "max":
            var planned: [ColumnPlan] = []
            for argument in arguments {
                guard let plan = plan(argument), plan.scale != nil else { return nil }
                planned.append(plan)
            }
            let scale = planned.map { $0.scale! }.max()!
            return .number(.pick(larger: name == "max", planned.map { Self.rescaled($0, to: scale) }), scale: scale)
        case "abs":
            guard arguments.count == 1, let inner = plan(arguments[0]), let scale = inner.scale else { return nil }
            return .number(.absolute(inner.node), scale: scale)
        case "tier":
            guard arguments.count == 2, let input = plan(arguments[0]), let inputScale = input.scale,
                  case .name(let tableName, _) = arguments[1], let (_, table) = scope.parameters[tableName],
                  case .brackets = table.type else { return nil }
            var values: [Exact] = []
            for (_, value) in table.values {
                guard case .table(let brackets) = value else { return nil }
                values.append(contentsOf: brackets.rows.map(\.value))
            }
            guard let valueScale = Self.scale(of: values) else { return nil }
            return .number(.tier(input.node, inputScale: inputScale, table: table, valueScale: valueScale), scale: valueScale)
        case "sum":
            guard arguments.count == 2, case .name(let figureName, _) = arguments[0], let figure = ReportFigure(rawValue: figureName),
                  let window = Self.window(arguments[1]) else { return nil }
            return .number(.sum(figure, window), scale: figure.type == .money ? 2 : 0)
        case "total":
            guard arguments.count == 2, case .name(let rule, _) = arguments[0], scope.rulePeriods[rule] != nil,
                  let window = Self.window(arguments[1]) else { return nil }
            return .number(.total(rule, window), scale: 2)
        case "status_is":
            var mask: UInt8 = 0
            for argument in arguments {
                guard case .text(let text, _) = argument, let status = TenantStatus(rawValue: text) else { return nil }
                mask |= status.columnBit
            }
            return .condition(.statusIs(mask))
        case "has_line":
            guard let lines = Self.texts(arguments) else { return nil }
            return .condition(.hasLine(TenantProfile.lineMask(lines)))
        case "has_tag":
            return Self.texts(arguments).map { .condition(.hasTag($0)) }
        case "origin_is":
            return Self.texts(arguments).map { .condition(.originIs($0)) }
        default:
            return nil
        }
    }

    private static func texts(_ arguments: [FormulaSyntax]) -> [String]? {
        var texts: [String] = []
        for argument in arguments {
            guard case .text(let text, _) = argument else { return nil }
            texts.append(text)
        }
        return texts.isEmpty ? nil : texts
    }

    private static func window(_ syntax: FormulaSyntax) -> Window? {
        switch syntax {
        case .name(let name, _):
            return FormulaFacts.windows[name]
        case .call("last_months", let arguments, _):
            guard arguments.count == 1, case .number(let count, .none, _) = arguments[0], count.denominator == 1,
                  count > .zero, count <= Exact(1200) else { return nil }
            return .lastMonths(Int(count.numerator))
        default:
            return nil
        }
    }

    // MARK: Scales

    /// A literal as a scaled integer, when it is a decimal of at most `maximumScale` places.
    private static func literal(_ value: Exact) -> ColumnPlan? {
        guard let scale = scale(of: [value]), let scaled = scaled(value, scale), scaled.magnitude <= ColumnPlan.limit.magnitude else { return nil }
        return .number(.literal(scaled), scale: scale)
    }

    /// The fewest decimal places that hold every one of `values` exactly.
    static func scale(of values: [Exact]) -> Int? {
        var scale = 0
        for value in values {
            let denominator = value.reduced().denominator
            var places = 0, power: Int128 = 1
            while power % denominator != 0 {
                places += 1
                power *= 10
                if places > ColumnPlan.maximumScale { return nil }
            }
            scale = max(scale, places)
        }
        return scale
    }

    /// `value` × 10^`scale`, when that is a whole number.
    static func scaled(_ value: Exact, _ scale: Int) -> Int128? {
        let reduced = value.reduced()
        let power = tenTo(scale)
        guard power % reduced.denominator == 0 else { return nil }
        let (product, overflow) = reduced.numerator.multipliedReportingOverflow(by: power / reduced.denominator)
        return overflow ? nil : product
    }

    static func tenTo(_ places: Int) -> Int128 {
        var power: Int128 = 1
        for _ in 0..<places { power *= 10 }
        return power
    }

    private static func rescaled(_ plan: ColumnPlan, to scale: Int) -> ColumnNode {
        plan.scale! == scale ? plan.node : .scaled(plan.node, factor: tenTo(scale - plan.scale!))
    }

    /// Two numbers at the larger of their scales.
    private static func aligned(_ a: ColumnPlan, _ b: ColumnPlan) -> (ColumnNode, ColumnNode, Int)? {
        guard let sa = a.scale, let sb = b.scale else { return nil }
        let scale = max(sa, sb)
        return (rescaled(a, to: scale), rescaled(b, to: scale), scale)
    }
}
