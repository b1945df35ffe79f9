import ParkCore

/// The names a formula may use where it is written.
struct FormulaScope {
    /// The policy's parameters by name, each with its place among them.
    var parameters: [String: (index: Int, parameter: PolicyParameter)] = [:]
    /// Definitions of the policy and, inside a rule, its `let` values so far.
    var named: [String: Formula] = [:]
    /// Every rule of the policy and its period.
    var rulePeriods: [String: RulePeriod] = [:]
    /// The period of the rule being compiled (nil in a policy-wide definition).
    var period: RulePeriod?
    /// The id of the policy whose formulas these are, which explanations name as the source of
    /// its parameters.
    var policyID = ""
}

/// Checks names and types of a formula and compiles it to code, once, when the policy loads.
struct FormulaCompiler {
    let scope: FormulaScope

    static func compile(_ text: String, origin: FormulaOrigin, scope: FormulaScope, expecting expected: ValueType? = nil)
        throws(FormulaError) -> Formula {
        let syntax = try FormulaParser.parse(text, origin: origin)
        let depth = syntax.depth { scope.named[$0]?.depth ?? 0 }
        guard depth <= Formula.maximumDepth else {
            throw FormulaError(syntax.position, "this formula goes \(depth) levels deep with the definitions it uses; at most \(Formula.maximumDepth) are allowed: split it into definitions that use fewer")
        }
        let size = syntax.size(limit: Formula.maximumSize) { scope.named[$0]?.size ?? 1 }
        guard size <= Formula.maximumSize else {
            throw FormulaError(syntax.position, "one evaluation of this formula takes more than \(Formula.maximumSize) steps with the definitions it uses (each counted wherever it is named): use each definition fewer times, or split the rule")
        }
        var formula = try FormulaCompiler(scope: scope).compile(syntax)
        formula.depth = depth
        formula.size = size
        formula.plan = ColumnPlanner(scope: scope).plan(syntax)
        if let expected, formula.type != expected {
            throw FormulaError(syntax.position, "this formula is \(article(formula.type)) but \(article(expected)) is expected here")
        }
        return formula
    }

    func compile(_ syntax: FormulaSyntax) throws(FormulaError) -> Formula {
        switch syntax {
        case .number(let value, let unit, _):
            let type: ValueType = switch unit {
            case .none: value.denominator == 1 ? .count : .rate
            case .percent: .rate
            case .yuan: .money
            case .squareMetres: .area
            case .yuanPerSquareMetre: .price
            }
            return constant(.number(value), type)
        case .text(let text, _):
            return constant(.text(text), .text)
        case .date(let date, _):
            return constant(.day(date), .date)
        case .boolean(let value, _):
            return constant(.flag(value), .bool)
        case .name(let name, let at):
            return try reference(name, at: at)
        case .call(let name, let arguments, let at):
            return try call(name, arguments, at: at)
        case .negate(let operand, let at):
            let inner = try compile(operand)
            guard inner.type.isNumeric else { throw FormulaError(at, "'-' needs a number, not \(Self.article(inner.type))") }
            let code = inner.code
            return Formula(type: inner.type, code: { e throws(EvaluationFailure) in .number(try code(e).number.negated()) },
                           reads: inner.reads, references: inner.references)
        case .not(let operand, let at):
            let inner = try compile(operand)
            guard inner.type == .bool else { throw FormulaError(at, "'not' needs a condition, not \(Self.article(inner.type))") }
            let code = inner.code
            return Formula(type: .bool, code: { e throws(EvaluationFailure) in .flag(!(try code(e).flag)) },
                           reads: inner.reads, references: inner.references)
        case .binary(let op, let left, let right, let at):
            return try binary(op, try compile(left), try compile(right), at: at)
        case .conditional(let condition, let whenTrue, let whenFalse, let at):
            let test = try compile(condition), yes = try compile(whenTrue), no = try compile(whenFalse)
            guard test.type == .bool else { throw FormulaError(condition.position, "'if' needs a condition, not \(Self.article(test.type))") }
            guard yes.type == no.type else {
                throw FormulaError(at, "the branches of this 'if' differ: 'then' is \(Self.article(yes.type)), 'else' is \(Self.article(no.type))")
            }
            let testCode = test.code, yesCode = yes.code, noCode = no.code
            return Formula(
                type: yes.type, code: { e throws(EvaluationFailure) in try testCode(e).flag ? try yesCode(e) : try noCode(e) },
                reads: test.reads.union(yes.reads).union(no.reads), references: test.references + yes.references + no.references)
        }
    }

    // MARK: Names

    private func reference(_ name: String, at: SourcePosition) throws(FormulaError) -> Formula {
        if let named = scope.named[name] {
            let code = named.code, type = named.type, stepName = StepText(name)
            return Formula(type: type, code: { e throws(EvaluationFailure) in
                let value = try code(e)
                e.record(.value, stepName, "\(value, as: type)")
                return value
            }, reads: named.reads, references: named.references)
        }
        if let (_, parameter) = scope.parameters[name] {
            // Formulas run with the policy that defines them, so they read its parameters directly.
            // An explanation shows each value with the policy and the day it took effect: the
            // same text for every tenant, so written here once per value rather than per step.
            let type = parameter.type, stepName = StepText(name)
            let texts = parameter.values.map { entry -> (value: StepText, source: StepText) in
                ("\(entry.value, as: type)", "\(scope.policyID), in force from \(entry.from)")
            }
            if parameter.values.count == 1 {
                // The same value on every day: nothing to look up while a run evaluates it.
                let value = parameter.values[0].value, text = texts[0]
                return Formula(type: type, code: { e in
                    e.record(.parameter, stepName, text.value, source: text.source)
                    return value
                }, reads: .parameters, references: [])
            }
            return Formula(type: type, code: { e in
                let entry = parameter.entry(on: e.policy.parameterDay(e.day))
                e.record(.parameter, stepName, texts[entry].value, source: texts[entry].source)
                return parameter.values[entry].value
            }, reads: .parameters, references: [])
        }
        if let fact = try FormulaFacts.fact(name, at: at) { return fact }
        if let window = FormulaFacts.windows[name] { return constant(.window(window), .window) }
        if let figure = ReportFigure(rawValue: name) {
            guard let period = scope.period, period.runKind == .month else {
                throw FormulaError(at, "\(name) is one month's figure; "
                    + (scope.period == nil ? "a definition must say which months: sum(\(name), this_month)" : "in a yearly rule use sum(\(name), this_year)"))
            }
            let stepName = StepText(name)
            return Formula(type: figure.type, code: { e in
                let month = e.period.lastMonth
                let value = e.profile.reports.figure(figure, month: month)
                e.record(.input, stepName, Self.figureText(value ?? 0, figure),
                         source: value == nil ? "no report for \(Month(index: month)) (counted as 0)"
                             : "report \(Month(index: month)), version \(e.profile.reports.version(month) ?? 0)")
                return .number(Self.figureValue(value ?? 0, figure))
            }, reads: [], references: [])
        }
        if let period = scope.rulePeriods[name] {
            guard let current = scope.period, current.runKind == period.runKind else {
                throw FormulaError(at, "\(name) is computed in \(period.runKind.rawValue)ly runs; use total(\(name), window) here")
            }
            let stepName = StepText(name)
            return Formula(type: .money, code: { e throws(EvaluationFailure) in
                let fen = try e.ledger.amount(of: name, in: e.period, at: at)
                e.record(.rule, stepName, "\(Money(fen: fen)) yuan", source: "\(name) for \(e.period)")
                return .number(Exact(fen: fen))
            }, reads: [], references: [RuleReference(rule: name, samePeriod: true, position: at)])
        }
        throw FormulaError(at, "unknown name '\(name)'" + Self.suggestion(for: name, among: allNames))
    }

    private var allNames: [String] {
        Array(scope.named.keys) + Array(scope.parameters.keys) + FormulaFacts.names + Array(FormulaFacts.windows.keys)
            + ReportFigure.allCases.map(\.rawValue) + Array(scope.rulePeriods.keys)
    }

    // MARK: Operators

    private func binary(_ op: BinaryOperator, _ left: Formula, _ right: Formula, at: SourcePosition) throws(FormulaError) -> Formula {
        let l = left.code, r = right.code
        let reads = left.reads.union(right.reads), references = left.references + right.references
        func formula(_ type: ValueType, _ code: @escaping @Sendable (Evaluation) throws(EvaluationFailure) -> Value) -> Formula {
            Formula(type: type, code: code, reads: reads, references: references)
        }
        func mismatch(_ verb: String) -> FormulaError {
            FormulaError(at, "cannot \(verb) \(Self.article(left.type)) and \(Self.article(right.type))")
        }
        switch op {
        case .and, .or:
            guard left.type == .bool, right.type == .bool else {
                throw FormulaError(at, "'\(op.rawValue)' joins two conditions, not \(Self.article(left.type)) and \(Self.article(right.type))")
            }
            let decisive = op == .or
            return formula(.bool) { e throws(EvaluationFailure) in
                if try l(e).flag == decisive { return .flag(decisive) }
                return .flag(try r(e).flag)
            }
        case .less, .lessOrEqual, .greater, .greaterOrEqual, .equal, .notEqual:
            guard left.type == right.type, left.type.isNumeric || left.type == .date || (left.type == .bool && (op == .equal || op == .notEqual)) else {
                throw mismatch("compare")
            }
            let test: @Sendable (Value, Value) -> Bool = switch (op, left.type) {
            case (.equal, _): { $0 == $1 }
            case (.notEqual, _): { $0 != $1 }
            case (.less, .date): { $0.date < $1.date }
            case (.lessOrEqual, .date): { $0.date <= $1.date }
            case (.greater, .date): { $0.date > $1.date }
            case (.greaterOrEqual, .date): { $0.date >= $1.date }
            case (.less, _): { $0.number < $1.number }
            case (.lessOrEqual, _): { $0.number <= $1.number }
            case (.greater, _): { $0.number > $1.number }
            default: { $0.number >= $1.number }
            }
            return formula(.bool) { e throws(EvaluationFailure) in .flag(test(try l(e), try r(e))) }
        case .add, .subtract:
            if left.type == .date, right.type == .count {
                let sign = op == .add ? 1 : -1
                return formula(.date) { e throws(EvaluationFailure) in
                    let days = try Self.whole(try r(e).number, at: at), day = try l(e).date
                    return .day(try Self.inCalendar(day.adding(days: sign * days), from: day, at: at))
                }
            }
            if op == .subtract, left.type == .date, right.type == .date {
                return formula(.count) { e throws(EvaluationFailure) in .number(Exact(try l(e).date.dayNumber - (try r(e).date.dayNumber))) }
            }
            guard left.type == right.type, left.type.isNumeric else { throw mismatch(op == .add ? "add" : "subtract") }
            let adding = op == .add
            return formula(left.type) { e throws(EvaluationFailure) in
                let a = try l(e).number, b = try r(e).number
                return .number(try Self.exact(at) { () throws(ArithmeticError) in adding ? try a + b : try a - b })
            }
        case .multiply:
            guard let type = ValueType.product(left.type, right.type) else { throw mismatch("multiply") }
            return formula(type) { e throws(EvaluationFailure) in
                let a = try l(e).number, b = try r(e).number
                return .number(try Self.exact(at) { () throws(ArithmeticError) in try a * b })
            }
        case .divide:
            guard let type = ValueType.quotient(left.type, right.type) else { throw mismatch("divide") }
            // Found when the file is read, not when a run of every tenant fails on it.
            if case .number(let divisor)? = right.constant, divisor.isZero { throw FormulaError(at, "division by zero: the divisor is 0") }
            return formula(type) { e throws(EvaluationFailure) in
                let a = try l(e).number, b = try r(e).number
                return .number(try Self.exact(at) { () throws(ArithmeticError) in try a / b })
            }
        }
    }

    // MARK: Functions

    private func call(_ name: String, _ syntax: [FormulaSyntax], at: SourcePosition) throws(FormulaError) -> Formula {
        func arguments(_ count: ClosedRange<Int>) throws(FormulaError) -> [Formula] {
            guard count.contains(syntax.count) else {
                let wanted = count.lowerBound == count.upperBound ? "\(count.lowerBound)" : "\(count.lowerBound) to \(count.upperBound)"
                throw FormulaError(at, "\(name) takes \(wanted) argument\(count.upperBound == 1 ? "" : "s"), not \(syntax.count)")
            }
            var compiled: [Formula] = []
            for argument in syntax { compiled.append(try compile(argument)) }
            return compiled
        }
        func texts(_ valid: [String]?, what: String) throws(FormulaError) -> [String] {
            guard !syntax.isEmpty else { throw FormulaError(at, "\(name) needs at least one \(what) in quotes") }
            var values: [String] = []
            for argument in syntax {
                guard case .text(let text, let position) = argument else {
                    throw FormulaError(argument.position, "\(name) takes \(what)s in quotes, e.g. \(name)(\"\(valid?.first ?? "headquarters")\")")
                }
                if let valid, !valid.contains(text) {
                    throw FormulaError(position, "'\(text)' is not \(what.first.map { "aeio".contains($0) } == true ? "an" : "a") \(what); use one of \(valid.joined(separator: ", "))")
                }
                values.append(text)
            }
            return values
        }
        switch name {
        case "min", "max":
            guard syntax.count >= 2 else { throw FormulaError(at, "\(name) takes at least 2 arguments, not \(syntax.count)") }
            let all = try arguments(2...16)
            let type = all[0].type
            guard type.isNumeric || type == .date else { throw FormulaError(at, "\(name) compares numbers or dates, not \(Self.article(type))") }
            for (index, argument) in all.enumerated() where argument.type != type {
                throw FormulaError(syntax[index].position, "\(name) needs arguments of one type: this is \(Self.article(argument.type)), the first is \(Self.article(type))")
            }
            let pickLarger = name == "max", dates = type == .date
            // Folded into pairs, left to right (the first of equal values is kept): each pair
            // calls its two codes directly, rather than through a list of them.
            var code = all[0].code
            for argument in all.dropFirst() {
                let best = code, next = argument.code
                code = { e throws(EvaluationFailure) in
                    let a = try best(e), b = try next(e)
                    let larger = dates ? b.date > a.date : b.number > a.number
                    let smaller = dates ? b.date < a.date : b.number < a.number
                    return pickLarger ? (larger ? b : a) : (smaller ? b : a)
                }
            }
            return Formula(type: type, code: code, reads: all.reduce([]) { $0.union($1.reads) }, references: all.flatMap(\.references))
        case "round", "floor", "ceil":
            let all = try arguments(name == "round" ? 1...2 : 1...1)
            let value = all[0]
            var mode: RoundingMode = name == "floor" ? .floor : name == "ceil" ? .ceiling : .halfUp
            if all.count == 2 {
                guard case .text(let text, let position) = syntax[1] else {
                    throw FormulaError(syntax[1].position, "the rounding mode is written in quotes, e.g. \"half-even\"")
                }
                guard let named = RoundingMode(rawValue: text) else {
                    throw FormulaError(position, "'\(text)' is not a rounding mode; use one of \(RoundingMode.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                mode = named
            }
            guard value.type.isNumeric else { throw FormulaError(at, "\(name) needs a number, not \(Self.article(value.type))") }
            guard name != "round" || value.type == .money || value.type == .price else {
                throw FormulaError(at, "round rounds money to the fen; for \(Self.article(value.type)) use floor or ceil")
            }
            let scale: Int128 = value.type == .money || value.type == .price ? 100 : 1
            let code = value.code, rounding = mode
            return Formula(type: value.type, code: { e throws(EvaluationFailure) in
                let number = try code(e).number
                return .number(try Self.exact(at) { () throws(ArithmeticError) in try number.rounded(rounding, scale: scale) })
            }, reads: value.reads, references: value.references)
        case "abs":
            let value = try arguments(1...1)[0]
            guard value.type.isNumeric else { throw FormulaError(at, "abs needs a number, not \(Self.article(value.type))") }
            let code = value.code
            return Formula(type: value.type, code: { e throws(EvaluationFailure) in
                let number = try code(e).number
                return .number(number.isNegative ? number.negated() : number)
            }, reads: value.reads, references: value.references)
        case "tier", "marginal":
            let all = try arguments(2...2)
            guard case .brackets(let key, let value) = all[1].type else {
                throw FormulaError(syntax[1].position, "\(name) needs a brackets parameter as its second argument, not \(Self.article(all[1].type))")
            }
            guard all[0].type == key else {
                throw FormulaError(syntax[0].position, "this table's thresholds are \(key), but this is \(Self.article(all[0].type))")
            }
            let input = all[0].code, table = all[1].code
            let reads = all[0].reads.union(all[1].reads), references = all[0].references
            if name == "tier" {
                return Formula(type: value, code: { e throws(EvaluationFailure) in
                    guard case .table(let brackets) = try table(e) else { return .number(.zero) }
                    return .number(brackets.flat(try input(e).number))
                }, reads: reads, references: references)
            }
            guard let type = ValueType.product(key, value) else {
                throw FormulaError(at, "marginal brackets multiply the input by each bracket's value: \(key) × \(value) means nothing")
            }
            return Formula(type: type, code: { e throws(EvaluationFailure) in
                guard case .table(let brackets) = try table(e) else { return .number(.zero) }
                let number = try input(e).number
                return .number(try Self.exact(at) { () throws(ArithmeticError) in try brackets.marginal(number) })
            }, reads: reads, references: references)
        case "sum", "average":
            guard syntax.count == 2 else { throw FormulaError(at, "\(name) takes a report figure and a window, e.g. \(name)(revenue, this_year)") }
            guard case .name(let figureName, _) = syntax[0], let figure = ReportFigure(rawValue: figureName) else {
                throw FormulaError(syntax[0].position, "\(name) needs a report figure first; use one of \(ReportFigure.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let window = try windowArgument(syntax[1], of: name)
            let averaging = name == "average"
            return Formula(type: figure.type, code: { e throws(EvaluationFailure) in
                guard let months = window.months(endingIn: e.period.lastMonth) else { return .number(.zero) }
                let (total, reported) = try Self.exact(at) { () throws(ArithmeticError) in try e.profile.reports.sum(of: figure, in: months) }
                var result = Self.figureValue(total, figure)
                if averaging, reported > 0 {
                    result = try Self.exact(at) { () throws(ArithmeticError) in try result / Exact(reported) }
                }
                e.record(.input, "\(name)(\(figureName), \(window))", "\(Value.number(result), as: figure.type)",
                         source: "reports \(Month(index: months.lowerBound))…\(Month(index: months.upperBound)): \(reported) month\(reported == 1 ? "" : "s") reported")
                return .number(result)
            }, reads: [], references: [])
        case "total":
            guard syntax.count == 2, case .name(let rule, let ruleAt) = syntax[0] else {
                throw FormulaError(at, "total takes a rule and a window, e.g. total(RENT, last_months(12))")
            }
            guard scope.rulePeriods[rule] != nil else {
                throw FormulaError(ruleAt, "unknown rule '\(rule)'" + Self.suggestion(for: rule, among: Array(scope.rulePeriods.keys)))
            }
            let window = try windowArgument(syntax[1], of: name)
            return Formula(type: .money, code: { e throws(EvaluationFailure) in
                guard let months = window.months(endingIn: e.period.lastMonth) else { return .number(.zero) }
                let fen = try e.ledger.total(of: rule, months: months, at: ruleAt)
                let first = max(months.lowerBound, e.profile.firstMonth ?? months.lowerBound)
                e.record(.rule, "total(\(rule), \(window))", "\(Money(fen: fen)) yuan",
                         source: first > months.upperBound ? "no month in the park before"
                             : "\(rule) as computed for \(Month(index: first))…\(Month(index: months.upperBound))")
                return .number(Exact(fen: fen))
            }, reads: [], references: [RuleReference(rule: rule, samePeriod: window.includesPeriod, position: ruleAt)])
        case "first_time":
            let condition = try arguments(1...1)[0]
            guard condition.type == .bool else { throw FormulaError(at, "first_time needs a condition, not \(Self.article(condition.type))") }
            let code = condition.code
            return Formula(type: .bool, code: { e throws(EvaluationFailure) in
                guard try code(e).flag else { return .flag(false) }
                let earlier = try e.ledger.heldEarlier(code, like: e)
                e.record(.value, "first_time", earlier.map { "false: already held in \($0)" } ?? "true: never held before")
                return .flag(earlier == nil)
            }, reads: condition.reads, references: condition.references)
        case "status_is":
            let statuses = try texts(TenantStatus.allCases.map(\.rawValue), what: "status").compactMap(TenantStatus.init(rawValue:))
            return Formula(type: .bool, code: { e in
                let status = e.profile.status(on: e.day)
                e.record(.input, "status", "\(status.rawValue)", source: "status history of tenant \(e.profile.id)")
                return .flag(statuses.contains(status))
            }, reads: .status, references: [])
        case "has_line":
            let lines = try texts(BusinessLine.allCases.map(\.rawValue), what: "business line")
            let mask = TenantProfile.lineMask(lines)
            return Formula(type: .bool, code: { e in
                e.record(.input, "business lines", "\(e.profile.facts.businessLines.joined(separator: ", "))", source: "tenant \(e.profile.id)")
                return .flag(e.profile.lineMask & mask != 0)
            }, reads: [], references: [])
        case "has_tag":
            let tags = try texts(nil, what: "tag")
            return Formula(type: .bool, code: { e in
                e.record(.input, "tags", e.profile.facts.tags.isEmpty ? "(none)" : "\(e.profile.facts.tags.joined(separator: ", "))", source: "tenant \(e.profile.id)")
                return .flag(tags.contains { e.profile.tags.contains($0) })
            }, reads: [], references: [])
        case "origin_is":
            let origins = try texts(Origin.allCases.map(\.rawValue), what: "origin")
            return Formula(type: .bool, code: { e in
                e.record(.input, "origin", "\(e.profile.facts.origin)", source: "tenant \(e.profile.id)")
                return .flag(origins.contains(e.profile.facts.origin))
            }, reads: [], references: [])
        case "add_years", "add_months":
            let all = try arguments(2...2)
            guard all[0].type == .date, all[1].type == .count else {
                throw FormulaError(at, "\(name) takes a date and a count, not \(Self.article(all[0].type)) and \(Self.article(all[1].type))")
            }
            let date = all[0].code, amount = all[1].code, years = name == "add_years"
            return Formula(type: .date, code: { e throws(EvaluationFailure) in
                let day = try date(e).date, count = try Self.whole(try amount(e).number, at: at)
                guard let moved = years ? day.addingYears(count) : day.addingMonths(count) else { throw Self.outsideCalendar(from: day, at: at) }
                return .day(moved)
            }, reads: all[0].reads.union(all[1].reads), references: all[0].references + all[1].references)
        case "days_between":
            let all = try arguments(2...2)
            guard all[0].type == .date, all[1].type == .date else { throw FormulaError(at, "days_between takes two dates") }
            let from = all[0].code, to = all[1].code
            return Formula(type: .count, code: { e throws(EvaluationFailure) in
                .number(Exact(try to(e).date.dayNumber - (try from(e).date.dayNumber)))
            }, reads: all[0].reads.union(all[1].reads), references: all[0].references + all[1].references)
        case "capped_office_rent":
            let all = try arguments(2...2)
            guard all[0].type == .price, all[1].type == .area else {
                throw FormulaError(at, "capped_office_rent takes a rent cap (price) and an area cap (area), not \(Self.article(all[0].type)) and \(Self.article(all[1].type))")
            }
            let rentCap = all[0].code, areaCap = all[1].code
            return Formula(type: .money, code: { e throws(EvaluationFailure) in
                let rentLimit = try rentCap(e).number, areaLimit = try areaCap(e).number
                let (total, used) = try Self.exact(at) { () throws(ArithmeticError) in
                    try e.profile.cappedOfficeRent(on: e.day, rentCap: rentLimit, areaCap: areaLimit)
                }
                if e.trace != nil {
                    for part in used {
                        e.record(.input, "office lease \(part.lease.id)",
                                 "\(part.area) m² counted at \(part.rent) yuan/m²·month",
                                 source: "lease \(part.lease.id) (\(part.lease.units.map(\.label).joined(separator: ", "))), \(part.lease.start)…\(part.lease.lastDay), rent \(Money(fen: part.lease.rent(on: e.day)))/m²·month")
                    }
                    e.record(.value, "capped_office_rent", "\(Value.number(total), as: .money)")
                }
                return .number(total)
            }, reads: all[0].reads.union(all[1].reads).union(.leases), references: all[0].references + all[1].references)
        case "leased_area":
            let kind = try texts(UnitKind.allCases.map(\.rawValue), what: "unit kind")
            return Formula(type: .area, code: { e in
                let centi = kind.reduce(0) { $0 + e.profile.leasedArea(of: $1, on: e.day) }
                let area = Exact(numerator: Int128(centi), denominator: 100)
                e.record(.input, "leased_area(\(kind.joined(separator: ", ")))", "\(area) m²", source: "leases of tenant \(e.profile.id)")
                return .number(area)
            }, reads: .leases, references: [])
        case "days_leased":
            let kinds = try texts(UnitKind.allCases.map(\.rawValue), what: "unit kind")
            guard kinds.count == 1 else { throw FormulaError(at, "days_leased takes one unit kind, e.g. days_leased(\"office\")") }
            let kind = kinds[0]
            return Formula(type: .count, code: { e in
                let days = e.profile.daysLeased(of: kind, in: e.period.start...e.period.end)
                e.record(.input, "days_leased(\(kind))", "\(days)", source: "leases of tenant \(e.profile.id) in \(e.period)")
                return .number(Exact(days))
            }, reads: [], references: [])
        case "job_fair_awards":
            return try jobFairAwards(try arguments(2...2), syntax, at: at)
        case "last_months":
            guard syntax.count == 1, case .number(let count, .none, let position) = syntax[0], count.denominator == 1 else {
                throw FormulaError(at, "last_months takes a whole number of months, e.g. last_months(12)")
            }
            guard count > .zero, count <= Exact(1200) else { throw FormulaError(position, "last_months needs 1 to 1200 months") }
            return constant(.window(.lastMonths(Int(count.numerator))), .window)
        default:
            throw FormulaError(at, "unknown function '\(name)'" + Self.suggestion(for: name, among: Self.functions))
        }
    }

    static let functions = [
        "min", "max", "round", "floor", "ceil", "abs", "tier", "marginal", "sum", "average", "total", "first_time", "status_is",
        "has_line", "has_tag", "origin_is", "add_years", "add_months", "days_between", "capped_office_rent", "leased_area", "days_leased",
        "last_months", "job_fair_awards",
    ]

    /// `job_fair_awards(awards, most_per_year)`: the awards for the job fairs (on site or online)
    /// the tenant organised or co-organised that were held with their outcome recorded and
    /// ended in the period, each the bracket its employers attending reach (`awards`, brackets
    /// count -> money); only events reaching a bracket are paid, at most `most_per_year` of them
    /// per calendar year, the earliest ending first (ties by id). A fair of an earlier month of
    /// the year takes a place only if the rule paid something that month as the policies
    /// compute it: in a month no policy in force has the rule, or the tenant was not eligible,
    /// its fairs were not paid and leave their places to later ones.
    private func jobFairAwards(_ all: [Formula], _ syntax: [FormulaSyntax], at: SourcePosition) throws(FormulaError) -> Formula {
        guard case .brackets(.count, .money) = all[0].type else {
            throw FormulaError(syntax[0].position, "job_fair_awards needs brackets count -> money (employers attending -> award) as its first argument, not \(Self.article(all[0].type))")
        }
        guard all[1].type == .count else {
            throw FormulaError(syntax[1].position, "job_fair_awards needs a count (job fairs paid per calendar year) as its second argument, not \(Self.article(all[1].type))")
        }
        let table = all[0].code, limit = all[1].code
        return Formula(type: .money, code: { e throws(EvaluationFailure) in
            guard case .table(let brackets) = try table(e) else { return .number(.zero) }
            let most = try Self.whole(try limit(e).number, at: at)
            let year = e.period.year
            // Paying: held (not cancelled) in the period's year with an outcome whose employers reach a bracket.
            let paying = (e.profile.facts.events ?? []).compactMap { fair -> (fact: EventFact, day: CivilDate, award: Exact)? in
                guard fair.kind == "job-fair" || fair.kind == "online-job-fair", !fair.cancelled, let employers = fair.employers,
                      let day = TenantProfile.day(fair.ends), day.year == year, day <= e.period.end else { return nil }
                let award = brackets.flat(Exact(employers))
                return award > .zero ? (fair, day, award) : nil
            }.sorted { ($0.day, $0.fact.id) < ($1.day, $1.fact.id) }
            var paid = 0
            let earlier = Dictionary(grouping: paying.filter { $0.day < e.period.start }) { Month(year: $0.day.year, month: $0.day.month) }
            for month in earlier.keys.sorted() where paid < most {
                let fairs = earlier[month]!.count
                if try e.ledger.amount(of: e.rule.id, in: .month(month), at: at) > 0 {
                    paid += min(fairs, most - paid)
                } else {
                    e.record(.input, "job fairs of \(month)", "\(fairs), not paid (\(e.rule.id) paid nothing in \(month)): they take no place",
                             source: "events of tenant \(e.profile.id)")
                }
            }
            var total = Exact.zero
            for fair in paying where fair.day >= e.period.start {
                paid += 1
                let employers = fair.fact.employers ?? 0
                if paid > most {
                    e.record(.input, "job fair \(fair.fact.id)", "\(employers) employers, not paid: paying job fair number \(paid) of \(year), and at most \(most) a year are paid",
                             source: "event \(fair.fact.id) ended \(fair.day)")
                    continue
                }
                e.record(.input, "job fair \(fair.fact.id)", "\(employers) employers: \(fair.award) yuan", source: "event \(fair.fact.id) ended \(fair.day)")
                total = try Self.exact(at) { () throws(ArithmeticError) in try total + fair.award }
            }
            return .number(total)
        }, reads: all[0].reads.union(all[1].reads), references: all[0].references + all[1].references)
    }

    /// A window is written where it is used, so runs know its months before they start.
    private func windowArgument(_ syntax: FormulaSyntax, of function: String) throws(FormulaError) -> Window {
        switch syntax {
        case .name(let name, _):
            if let window = FormulaFacts.windows[name] { return window }
        case .call("last_months", _, _):
            let formula = try compile(syntax)
            if case .window(let window) = formula.constant { return window }
        default:
            break
        }
        throw FormulaError(syntax.position, "\(function) needs a window of months here: this_month, this_year, year_to_date, previous_year, earlier_years or last_months(N)")
    }

    // MARK: Helpers

    private func constant(_ value: Value, _ type: ValueType) -> Formula {
        Formula(type: type, code: { _ in value }, reads: [], references: [], constant: value)
    }

    static func exact<T>(_ at: SourcePosition, _ body: () throws(ArithmeticError) -> T) throws(EvaluationFailure) -> T {
        do { return try body() } catch { throw EvaluationFailure(position: at, message: error.description) }
    }

    /// `day`, reached from `start`, when it is a day of the years 1–9999.
    static func inCalendar(_ day: CivilDate, from start: CivilDate, at: SourcePosition) throws(EvaluationFailure) -> CivilDate {
        guard (1...9999).contains(day.year) else { throw outsideCalendar(from: start, at: at) }
        return day
    }

    static func outsideCalendar(from start: CivilDate, at: SourcePosition) -> EvaluationFailure {
        EvaluationFailure(position: at, message: "moving \(start) that far leaves the years 1–9999")
    }

    /// A number of days, months or years a date moves by: whole, and below a million.
    static func whole(_ value: Exact, at: SourcePosition) throws(EvaluationFailure) -> Int {
        guard value.denominator == 1 || value.reduced().denominator == 1 else {
            throw EvaluationFailure(position: at, message: "\(value) is not a whole number of days, months or years")
        }
        guard let whole = Int(exactly: value.reduced().numerator), abs(whole) < 1_000_000 else {
            throw EvaluationFailure(position: at, message: "\(value) days, months or years is more than a date can move (999999 at most)")
        }
        return whole
    }

    static func figureValue(_ raw: Int64, _ figure: ReportFigure) -> Exact {
        figure.type == .money ? Exact(fen: raw) : Exact(Int(raw))
    }

    static func figureText(_ raw: Int64, _ figure: ReportFigure) -> StepText {
        figure.type == .money ? "\(Money(fen: raw)) yuan" : "\(raw)"
    }

    static func article(_ type: ValueType) -> String {
        switch type {
        case .money: "money"
        case .area, .rate, .count, .price, .date, .window, .text: (type == .area ? "an " : "a ") + type.description
        case .bool: "a condition"
        case .brackets: "a table (\(type))"
        }
    }

    static func suggestion(for name: String, among names: [String]) -> String {
        let close = names.filter { distance($0, name) <= max(1, name.count / 4) }.sorted()
        return close.isEmpty ? "" : "; did you mean \(close.prefix(3).map { "'\($0)'" }.joined(separator: " or "))?"
    }

    private static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty, !b.isEmpty else { return max(a.count, b.count) }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}

extension CivilDate {
    /// The same day `months` later, or the month's last day when it has no such day; nil
    /// outside the years 1–9999.
    func addingMonths(_ months: Int) -> CivilDate? {
        let (index, overflow) = (year * 12 + month - 1).addingReportingOverflow(months)
        guard !overflow, index >= 12 else { return nil }
        let target = Month(index: index)
        return CivilDate(year: target.year, month: target.month, day: Swift.min(day, CivilDate.daysIn(month: target.month, year: target.year)))
    }
}
