import ParkCore
import Yams

/// Reads a policy file (YAML), checks it statically and compiles its formulas, once.
///
/// Every problem is reported with the file, line and column; a policy with problems is refused
/// as a whole.
public enum PolicyLoader {
    public static func load(_ text: String, fileName: String) throws(PolicyProblems) -> Policy {
        if let tooLong = PolicyProblem.fileNameTooLong(fileName) { throw PolicyProblems([tooLong]) }
        var reader = PolicyReader(file: fileName, text: text)
        let policy = reader.read()
        guard reader.problems.isEmpty, let policy else {
            throw PolicyProblems(reader.problems.sorted { ($0.position ?? SourcePosition(line: 0, column: 0)) < ($1.position ?? SourcePosition(line: 0, column: 0)) })
        }
        return policy
    }

    /// SHA-256 of a policy's text, in hex.
    public static func hash(_ text: String) -> String {
        ContentHash.sha256(Array(text.utf8))
    }
}

private struct PolicyReader {
    let file: String
    let text: String
    let lines: [Substring]
    var problems: [PolicyProblem] = []
    private var failedNames: Set<String> = []

    init(file: String, text: String) {
        self.file = file
        self.text = text
        self.lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    }

    private static let topKeys: Set<String> = ["id", "title", "issuer", "document", "in_force", "replaces", "parameters", "definitions", "rules", "budgets"]
    private static let ruleKeys: Set<String> = ["id", "title", "clause", "period", "per_day", "eligible", "let", "amount", "cap", "rounding"]

    mutating func read() -> Policy? {
        let root: Node?
        do {
            root = try YAMLInput.compose(text)
        } catch {
            problems.append(PolicyProblem(file: file, position: error.position, message: error.sentence))
            return nil
        }
        guard let root else {
            problem(nil, "the file is empty; a policy needs id, title, issuer, document, in_force and rules")
            return nil
        }
        // Not a mapping (a list, a word): `mapping` says so, at its position.
        guard let top = mapping(root, "the policy") else { return nil }
        for (key, keyNode, _) in top where !Self.topKeys.contains(key) {
            problem(keyNode, "unknown key '\(key)'; a policy has \(Self.topKeys.sorted().joined(separator: ", "))")
        }
        let id = required(top, "id", root).flatMap { identifier($0, pattern: "policy id") }
        let title = required(top, "title", root).flatMap { scalar($0, "title") } ?? ""
        let issuer = required(top, "issuer", root).flatMap { scalar($0, "issuer") } ?? ""
        let document = required(top, "document", root).flatMap { scalar($0, "document") } ?? ""
        let replaces = value(top, "replaces").flatMap { scalar($0, "replaces") }
        var inForce: ClosedRange<CivilDate>?
        if let node = required(top, "in_force", root), let pairs = mapping(node, "in_force") {
            let from = required(pairs, "from", node).flatMap { date($0, "in_force.from") }
            let until = value(pairs, "until").map { date($0, "in_force.until") } ?? CivilDate.distantFuture
            for (key, keyNode, _) in pairs where key != "from" && key != "until" { problem(keyNode, "unknown key '\(key)'; in_force has from and until") }
            if let from, let until {
                if from <= until { inForce = from...until } else { problem(node, "in_force ends (\(until)) before it starts (\(from))") }
            }
        }

        var scope = FormulaScope()
        scope.policyID = id ?? ""
        var parameters: [PolicyParameter] = []
        if let node = value(top, "parameters"), let pairs = mapping(node, "parameters") {
            for (name, keyNode, valueNode) in pairs {
                guard checkNewName(name, keyNode, scope: scope) else { continue }
                guard let parameter = parameter(name, keyNode, valueNode, inForce: inForce) else { failedNames.insert(name); continue }
                scope.parameters[name] = (parameters.count, parameter)
                parameters.append(parameter)
            }
        }
        if let node = value(top, "definitions"), let pairs = mapping(node, "definitions") {
            for (name, keyNode, valueNode) in pairs {
                guard checkNewName(name, keyNode, scope: scope) else { continue }
                if let formula = formula(valueNode, scope: scope, expecting: nil) { scope.named[name] = formula } else { failedNames.insert(name) }
            }
        }

        var rules: [PolicyRule] = []
        let ruleNodes = required(top, "rules", root).flatMap { sequence($0, "rules") } ?? []
        var ruleEntries: [(id: String, node: Node, pairs: [(String, Node, Node)])] = []
        for node in ruleNodes {
            guard let pairs = mapping(node, "a rule") else { continue }
            guard let idNode = required(pairs, "id", node), let ruleID = identifier(idNode, pattern: "rule id") else { continue }
            guard ruleID.allSatisfy({ $0.isUppercase || $0.isNumber || $0 == "_" }) else {
                problem(idNode, "rule ids are written in capitals (RENT, TAX_CONTRIBUTION), not '\(ruleID)'")
                continue
            }
            if ruleEntries.contains(where: { $0.id == ruleID }) { problem(idNode, "rule \(ruleID) is defined twice"); continue }
            ruleEntries.append((ruleID, node, pairs))
        }
        var periods: [String: RulePeriod] = [:]
        for entry in ruleEntries {
            let node = value(entry.pairs, "period")
            guard let node, let text = scalar(node, "period") else { if node == nil { problem(entry.node, "rule \(entry.id) needs a period") }; continue }
            guard let period = RulePeriod(rawValue: text) else {
                problem(node, "'\(text)' is not a period; use one of \(RulePeriod.allCases.map(\.rawValue).joined(separator: ", "))")
                continue
            }
            periods[entry.id] = period
        }
        scope.rulePeriods = periods
        for entry in ruleEntries {
            if let rule = rule(entry.id, entry.node, entry.pairs, scope: scope) { rules.append(rule) }
        }
        checkCycles(rules)

        var budgets: [PolicyBudget] = []
        if let node = value(top, "budgets"), let entries = sequence(node, "budgets") {
            for entry in entries {
                guard let budget = budget(entry, rules: rules, scope: scope, parameters: parameters) else { continue }
                // A rule's amounts are scaled once: by one budget, named once.
                if budgets.contains(where: { $0.id == budget.id }) {
                    problem(entry, "budget \(budget.id) is given twice; a budget is given once")
                } else if let rule = budget.rules.first(where: { rule in budgets.contains { $0.rules.contains(rule) } }),
                          let other = budgets.first(where: { $0.rules.contains(rule) }) {
                    problem(entry, "rule \(rule) is in budget \(other.id) already; a rule's amounts are scaled by one budget")
                } else {
                    budgets.append(budget)
                }
            }
        }
        guard let id, let inForce, problems.isEmpty else { return nil }
        return Policy(
            id: id, title: title, issuer: issuer, document: document, inForce: inForce, replaces: replaces,
            hash: PolicyLoader.hash(text), fileName: file, source: text, parameters: parameters, rules: rules, budgets: budgets)
    }

    // MARK: Parts

    private mutating func parameter(_ name: String, _ keyNode: Node, _ node: Node, inForce: ClosedRange<CivilDate>?) -> PolicyParameter? {
        guard let pairs = mapping(node, "parameter \(name)") else { return nil }
        for (key, keyNode, _) in pairs where key != "type" && key != "values" && key != "description" {
            problem(keyNode, "unknown key '\(key)'; a parameter has type, values and description")
        }
        guard let typeNode = required(pairs, "type", node), let typeText = scalar(typeNode, "type") else { return nil }
        guard let type = ValueType.parse(typeText), type != .window, type != .text else {
            problem(typeNode, "'\(typeText)' is not a parameter type; use money, rate, count, area, price, date, boolean or brackets KEY -> VALUE")
            return nil
        }
        guard let valuesNode = required(pairs, "values", node), let entries = mapping(valuesNode, "values of \(name)") else { return nil }
        var values: [(from: CivilDate, value: Value)] = []
        for (_, dateNode, valueNode) in entries {
            guard let from = date(dateNode, "the day a value of \(name) takes effect") else { continue }
            guard let value = parameterValue(valueNode, type: type, name: name) else { continue }
            values.append((from, value))
        }
        values.sort { $0.from < $1.from }
        guard let first = values.first else {
            if !entries.isEmpty { return nil }
            problem(valuesNode, "parameter \(name) has no values")
            return nil
        }
        if let inForce, first.from > inForce.lowerBound {
            problem(keyNode, "parameter \(name) has no value on \(inForce.lowerBound), when the policy comes into force (its first value is from \(first.from))")
            return nil
        }
        return PolicyParameter(name: name, type: type, values: values, position: position(keyNode))
    }

    private mutating func parameterValue(_ node: Node, type: ValueType, name: String) -> Value? {
        if case .brackets(let key, let valueType) = type {
            guard let rows = sequence(node, "brackets of \(name)") else { return nil }
            var table: [(threshold: Exact, value: Exact)] = []
            for row in rows {
                guard let pair = row.sequence, pair.count == 2 else {
                    problem(row, "each bracket of \(name) is [threshold, value], e.g. [1, 100%]")
                    return nil
                }
                guard let threshold = parameterValue(pair[0], type: key, name: name)?.number,
                      let value = parameterValue(pair[1], type: valueType, name: name)?.number else { return nil }
                if let last = table.last, !(last.threshold < threshold) {
                    problem(pair[0], "the thresholds of \(name) must rise: \(threshold) follows \(last.threshold)")
                    return nil
                }
                table.append((threshold, value))
            }
            return .table(BracketTable(rows: table))
        }
        guard let formula = formula(node, scope: FormulaScope(), expecting: nil) else { return nil }
        guard let constant = formula.constant else {
            problem(node, "a parameter's value is a literal, such as 40, 30%, 1000000 or 2021-04-16")
            return nil
        }
        // A bare number takes the parameter's declared unit.
        let fits = formula.type == type || (type.isNumeric && (formula.type == .count || formula.type == .rate) && !(type == .count && formula.type == .rate))
        guard fits else {
            problem(node, "\(name) is declared \(type) but this value is \(formula.type)")
            return nil
        }
        // `local_share: 40` meant 40%: as a bare number it would be 4000 %. A rate above 1 is
        // written with its percent sign, so that it is meant.
        if type == .rate, formula.type == .count, case .number(let value) = constant, Exact(1) < value {
            problem(node, "\(name) is a rate: a bare \(value) is \(value) times the whole, not \(value)%; write \(value)% for \(value) percent, or a fraction of 1 such as 0.4 (a rate above 1 is written with its percent sign)")
            return nil
        }
        return constant
    }

    private mutating func rule(_ id: String, _ node: Node, _ pairs: [(String, Node, Node)], scope: FormulaScope) -> PolicyRule? {
        for (key, keyNode, _) in pairs where !Self.ruleKeys.contains(key) {
            problem(keyNode, "unknown key '\(key)' in rule \(id); a rule has \(Self.ruleKeys.sorted().joined(separator: ", "))")
        }
        guard let period = scope.rulePeriods[id] else { return nil }
        var scope = scope
        scope.period = period
        let title = required(pairs, "title", node).flatMap { scalar($0, "title") } ?? ""
        let clause = required(pairs, "clause", node).flatMap { scalar($0, "clause") } ?? ""
        var perDay = false
        if let perDayNode = value(pairs, "per_day") {
            switch scalar(perDayNode, "per_day") {
            case "true": perDay = true
            case "false": perDay = false
            default: problem(perDayNode, "per_day is true or false")
            }
            if perDay, period != .month { problem(perDayNode, "only a monthly rule can be summed per day") }
        }
        var rounding = RoundingMode.halfUp
        if let roundingNode = value(pairs, "rounding"), let text = scalar(roundingNode, "rounding") {
            if let mode = RoundingMode(rawValue: text) { rounding = mode } else {
                problem(roundingNode, "'\(text)' is not a rounding mode; use one of \(RoundingMode.allCases.map(\.rawValue).joined(separator: ", "))")
            }
        }
        if let letNode = value(pairs, "let"), let bindings = mapping(letNode, "let") {
            for (name, keyNode, valueNode) in bindings {
                guard checkNewName(name, keyNode, scope: scope) else { continue }
                if let formula = formula(valueNode, scope: scope, expecting: nil) { scope.named[name] = formula } else { failedNames.insert(name) }
            }
        }
        let eligible = required(pairs, "eligible", node).flatMap { formula($0, scope: scope, expecting: .bool) }
        let amount = required(pairs, "amount", node).flatMap { formula($0, scope: scope, expecting: .money) }
        var caps: [String: Formula] = [:]
        if let capNode = value(pairs, "cap"), let capPairs = mapping(capNode, "cap") {
            for (key, keyNode, valueNode) in capPairs {
                guard ["per_period", "per_year", "lifetime"].contains(key) else {
                    problem(keyNode, "unknown cap '\(key)'; use per_period, per_year or lifetime")
                    continue
                }
                if key == "per_year", period.runKind == .year, caps["per_period"] != nil || capPairs.contains(where: { $0.0 == "per_period" }) {
                    problem(keyNode, "a yearly rule's period is the year: give per_period or per_year, not both")
                }
                if let formula = formula(valueNode, scope: scope, expecting: .money) { caps[key] = formula }
            }
        }
        guard let eligible, let amount else { return nil }
        return PolicyRule(
            id: id, title: title, clause: clause, period: period, perDay: perDay, rounding: rounding, eligible: eligible, amount: amount,
            capPerPeriod: caps["per_period"], capPerYear: caps["per_year"], capLifetime: caps["lifetime"], position: position(node))
    }

    private mutating func budget(_ node: Node, rules: [PolicyRule], scope: FormulaScope, parameters: [PolicyParameter]) -> PolicyBudget? {
        guard let pairs = mapping(node, "a budget") else { return nil }
        for (key, keyNode, _) in pairs where !["id", "rules", "per_year", "over_budget"].contains(key) {
            problem(keyNode, "unknown key '\(key)'; a budget has id, rules, per_year and over_budget")
        }
        guard let id = required(pairs, "id", node).flatMap({ identifier($0, pattern: "budget id") }) else { return nil }
        var ruleIDs: [String] = []
        for ruleNode in required(pairs, "rules", node).flatMap({ sequence($0, "rules of budget \(id)") }) ?? [] {
            guard let ruleID = scalar(ruleNode, "rule") else { continue }
            guard let rule = rules.first(where: { $0.id == ruleID }) else {
                if scope.rulePeriods[ruleID] == nil { problem(ruleNode, "budget \(id) names rule \(ruleID), which this policy does not define") }
                continue
            }
            guard rule.period.runKind == .year else {
                problem(ruleNode, "budget \(id) is per year, but \(ruleID) is paid in monthly runs")
                continue
            }
            guard !ruleIDs.contains(ruleID) else {
                problem(ruleNode, "budget \(id) names rule \(ruleID) twice")
                continue
            }
            ruleIDs.append(ruleID)
        }
        if let overNode = value(pairs, "over_budget"), let text = scalar(overNode, "over_budget"), text != "pro-rata-round-down" {
            problem(overNode, "'\(text)' is not an over-budget rule; the one rule is pro-rata-round-down (each amount × budget ÷ total, rounded down to the fen)")
        }
        guard let amountNode = required(pairs, "per_year", node), let amountText = scalar(amountNode, "per_year") else { return nil }
        let amount: PolicyBudget.Amount
        if let (index, parameter) = scope.parameters[amountText] {
            let type = parameter.type
            guard type == .money else { problem(amountNode, "budget \(id) needs a money parameter, but \(amountText) is \(type)"); return nil }
            amount = .parameter(index: index)
        } else if let value = Exact.parse(amountText.replacingSuffix(" yuan")), !value.isNegative {
            amount = .literal(value)
        } else {
            problem(amountNode, "per_year is a money parameter of this policy or an amount in yuan, not '\(amountText)'")
            return nil
        }
        return PolicyBudget(id: id, rules: ruleIDs, perYear: amount, position: position(node))
    }

    /// Rules that need each other's amounts for the same period can never be computed.
    private mutating func checkCycles(_ rules: [PolicyRule]) {
        let byID = Dictionary(uniqueKeysWithValues: rules.map { ($0.id, $0) })
        func references(_ rule: PolicyRule) -> [RuleReference] {
            ([rule.eligible, rule.amount] + [rule.capPerPeriod, rule.capPerYear, rule.capLifetime].compactMap { $0 })
                .flatMap(\.references).filter(\.samePeriod)
        }
        var reported: Set<String> = []
        for start in rules {
            var path: [(rule: String, via: RuleReference?)] = [(start.id, nil)]
            var visited: Set<String> = []
            func visit(_ id: String) -> Bool {
                guard let rule = byID[id] else { return false }
                for reference in references(rule) {
                    if reference.rule == start.id {
                        path.append((reference.rule, reference))
                        return true
                    }
                    guard visited.insert(reference.rule).inserted else { continue }
                    path.append((reference.rule, reference))
                    if visit(reference.rule) { return true }
                    path.removeLast()
                }
                return false
            }
            if visit(start.id), let closing = path.last?.via {
                let cycle = path.map(\.rule)
                guard reported.insert(Set(cycle).sorted().joined(separator: ",")).inserted else { continue }
                problems.append(PolicyProblem(file: file, position: closing.position,
                    message: "rules depend on each other for the same period: \(cycle.joined(separator: " → "))"))
            }
        }
    }

    // MARK: Formulas

    private mutating func formula(_ node: Node, scope: FormulaScope, expecting: ValueType?) -> Formula? {
        guard let scalar = node.scalar else {
            problem(node, "a formula is written as text")
            return nil
        }
        // Folding joins the lines, so a `#` comment would swallow the lines after it.
        guard scalar.style != .folded else {
            problem(node, "a formula on several lines is a literal block ('|'), not a folded one ('>')")
            return nil
        }
        // A block's final line break is no part of the formula (its end is on its last line).
        var text = scalar.string
        if scalar.style == .literal { while text.hasSuffix("\n") { text.removeLast() } }
        do {
            return try FormulaCompiler.compile(text, origin: origin(of: node, scalar), scope: scope, expecting: expecting)
        } catch {
            let cascade = failedNames.contains { error.message.hasPrefix("unknown name '\($0)'") }
            if !cascade { problems.append(PolicyProblem(file: file, position: error.position, message: error.message)) }
            return nil
        }
    }

    /// Where each line of a scalar's text starts in the file.
    private func origin(of node: Node, _ scalar: Node.Scalar) -> FormulaOrigin {
        let mark = position(node)
        switch scalar.style {
        case .literal, .folded:
            let contentLines = scalar.string.split(separator: "\n", omittingEmptySubsequences: false).count
            // Every line starts at the block's indentation, set by its first line that is not
            // blank; a line indented further has the extra spaces in its text.
            let blockLines = (0..<max(1, contentLines)).map { mark.line + $0 < lines.count ? lines[mark.line + $0] : "" }
            let indent = blockLines.first { $0.contains { $0 != " " } }?.prefix { $0 == " " }.count ?? 0
            let starts = (0..<max(1, contentLines)).map { SourcePosition(line: mark.line + 1 + $0, column: indent + 1) }
            return FormulaOrigin(lineStarts: starts)
        case .singleQuoted, .doubleQuoted:
            return .at(SourcePosition(line: mark.line, column: mark.column + 1))
        default:
            return .at(mark)
        }
    }

    // MARK: YAML reading

    private func position(_ node: Node) -> SourcePosition {
        SourcePosition(line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
    }

    private mutating func problem(_ node: Node?, _ message: String) {
        problems.append(PolicyProblem(file: file, position: node.map(position), message: message))
    }

    private mutating func mapping(_ node: Node, _ what: String) -> [(String, Node, Node)]? {
        guard let mapping = node.mapping else {
            problem(node, "\(what) must be a mapping of keys to values")
            return nil
        }
        var seen: Set<String> = []
        var pairs: [(String, Node, Node)] = []
        for (keyNode, value) in mapping {
            let key = keyNode.scalar?.string ?? ""
            guard seen.insert(key).inserted else {
                problem(keyNode, "'\(key)' is given more than once")
                continue
            }
            pairs.append((key, keyNode, value))
        }
        return pairs
    }

    private mutating func sequence(_ node: Node, _ what: String) -> [Node]? {
        guard let sequence = node.sequence else {
            problem(node, "\(what) must be a list")
            return nil
        }
        return Array(sequence)
    }

    private func value(_ pairs: [(String, Node, Node)], _ key: String) -> Node? {
        pairs.first { $0.0 == key }?.2
    }

    private mutating func required(_ pairs: [(String, Node, Node)], _ key: String, _ parent: Node) -> Node? {
        guard let node = value(pairs, key) else {
            problem(parent, "'\(key)' is missing")
            return nil
        }
        return node
    }

    private mutating func scalar(_ node: Node, _ what: String) -> String? {
        guard let scalar = node.scalar else {
            problem(node, "\(what) must be a single value")
            return nil
        }
        return scalar.string
    }

    private mutating func identifier(_ node: Node, pattern what: String) -> String? {
        guard let text = scalar(node, what) else { return nil }
        guard (1...40).contains(text.count), text.first!.isLetter,
              text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }) else {
            problem(node, "'\(text)' is not a valid \(what): ASCII letters (A–Z, a–z), digits, '_' and '-', starting with a letter")
            return nil
        }
        return text
    }

    private mutating func date(_ node: Node, _ what: String) -> CivilDate? {
        guard let text = scalar(node, what) else { return nil }
        do { return try CivilDate.parse(text, field: what) } catch {
            problem(node, "\(what): \(error.reason)")
            return nil
        }
    }

    /// Names must not hide one another: a parameter or value named like a fact is an error.
    private mutating func checkNewName(_ name: String, _ node: Node, scope: FormulaScope) -> Bool {
        let taken = scope.parameters[name] != nil || scope.named[name] != nil || FormulaFacts.names.contains(name)
            || FormulaFacts.windows[name] != nil || ReportFigure(rawValue: name) != nil || FormulaCompiler.functions.contains(name)
            || ["if", "then", "else", "and", "or", "not", "true", "false", "yuan", "m2"].contains(name)
        guard !taken else {
            problem(node, "'\(name)' is already a name (a parameter, a value, a fact, a figure or a function); choose another")
            return false
        }
        guard let first = name.first, first.isLowercase, name.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") }) else {
            problem(node, "'\(name)' is not a valid name: lower-case ASCII letters (a–z), digits and '_', starting with a letter")
            return false
        }
        return true
    }
}

extension String {
    fileprivate func replacingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : self
    }
}
