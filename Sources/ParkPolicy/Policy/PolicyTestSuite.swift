import ParkCore
import Yams

/// Test cases for policies, written the way policy experts state them: a tenant (or a few), a
/// period, and the amount each rule must give.
///
///     cases:
///       - name: first-year rent, area and rent over the caps
///         period: 2021-06
///         tenant:
///           lines: [recruitment]
///           tags: [headquarters]
///           active_from: 2021-01-01
///           exited_on: 2022-03-31          # optional
///           leases:
///             - {start: 2021-01-01, end: 2023-12-31, office: 600, rent: 45}
///           reports:
///             2021-06: {placements: 3, revenue: 1200000}
///           events:                        # organised or co-organised; employers once its outcome is recorded
///             - {kind: job-fair, ends: 2021-06-18, employers: 52}
///         expect: {RENT: 20000.00, PLACEMENT: 600.00}
///
/// With several tenants, `tenants:` maps names to tenants and `expect:` names to amounts.
public struct PolicyTestSuite: Sendable {
    public struct Case: Sendable {
        public let name: String
        public let line: Int
        public let period: RewardPeriod
        public let inputs: RewardInputs
        /// Expected fen by tenant id and rule.
        public let expected: [(tenant: Int64, tenantName: String, rule: String, fen: Int64)]
    }

    public struct Outcome: Sendable {
        public let name: String
        public let line: Int
        /// Empty when the case passed.
        public let failures: [String]
        public var passed: Bool { failures.isEmpty }
    }

    public let cases: [Case]

    public static func parse(_ text: String, fileName: String) throws(PolicyProblems) -> PolicyTestSuite {
        if let tooLong = PolicyProblem.fileNameTooLong(fileName) { throw PolicyProblems([tooLong]) }
        var reader = TestReader(file: fileName)
        let cases = reader.read(text)
        guard reader.problems.isEmpty else { throw PolicyProblems(reader.problems) }
        return PolicyTestSuite(cases: cases)
    }

    /// Runs every case against the policies.
    public func run(with book: PolicyBook) -> [Outcome] {
        cases.map { testCase in
            do {
                let calculation = try book.calculate(testCase.period, inputs: testCase.inputs, explain: false)
                var failures: [String] = []
                for expectation in testCase.expected {
                    // A misspelt rule would pass an expectation of 0.00 without a word.
                    guard book.number(of: expectation.rule) != nil else {
                        failures.append("\(expectation.rule): no policy given has a rule \(expectation.rule); expected \(Money(fen: expectation.fen))")
                        continue
                    }
                    let computed = calculation.lines.first { $0.tenantID == expectation.tenant && $0.rule == expectation.rule }?.fen ?? 0
                    if computed != expectation.fen {
                        let who = testCase.inputs.tenants.count > 1 ? "\(expectation.tenantName) " : ""
                        failures.append("\(who)\(expectation.rule): expected \(Money(fen: expectation.fen)), computed \(Money(fen: computed))")
                    }
                }
                return Outcome(name: testCase.name, line: testCase.line, failures: failures)
            } catch {
                return Outcome(name: testCase.name, line: testCase.line, failures: ["\(error)"])
            }
        }
    }
}

private struct TestReader {
    let file: String
    var problems: [PolicyProblem] = []

    init(file: String) {
        self.file = file
    }

    mutating func read(_ text: String) -> [PolicyTestSuite.Case] {
        let root: Node?
        do {
            root = try YAMLInput.compose(text)
        } catch {
            problems.append(PolicyProblem(file: file, position: error.position, message: error.sentence))
            return []
        }
        guard let root, let casesNode = root.mapping?["cases"], let entries = casesNode.sequence else {
            problems.append(PolicyProblem(file: file, position: nil, message: "a test file holds 'cases:', a list of test cases"))
            return []
        }
        var cases: [PolicyTestSuite.Case] = []
        for entry in entries {
            if let testCase = testCase(entry) { cases.append(testCase) }
        }
        return cases
    }

    private mutating func testCase(_ node: Node) -> PolicyTestSuite.Case? {
        guard let map = node.mapping else { return fail(node, "a test case is a mapping with name, period, tenant(s) and expect") }
        let name = map["name"]?.scalar?.string ?? "case at line \(node.mark?.line ?? 0)"
        guard let periodText = map["period"]?.scalar?.string, let period = try? RewardPeriod.parse(periodText) else {
            return fail(map["period"] ?? node, "\(name): period is a month (2021-06) or a year (2021)")
        }
        var tenants: [(name: String, facts: TenantFacts)] = []
        if let single = map["tenant"] {
            guard let facts = tenant(single, id: 1, name: "tenant") else { return nil }
            tenants.append(("tenant", facts))
        } else if let many = map["tenants"]?.mapping {
            for (index, (key, value)) in many.enumerated() {
                let tenantName = key.scalar?.string ?? "tenant \(index + 1)"
                guard let facts = tenant(value, id: Int64(index + 1), name: tenantName) else { return nil }
                tenants.append((tenantName, facts))
            }
        } else {
            return fail(node, "\(name): give a tenant or tenants")
        }
        guard let expectNode = map["expect"]?.mapping else { return fail(node, "\(name): expect maps rules to amounts") }
        var expected: [(tenant: Int64, tenantName: String, rule: String, fen: Int64)] = []
        func amounts(_ node: Node, tenant: Int64, tenantName: String) -> Bool {
            guard let pairs = node.mapping else {
                report(node, "\(name): expected amounts map rules to yuan")
                return false
            }
            for (ruleNode, amountNode) in pairs {
                guard let rule = ruleNode.scalar?.string, let text = amountNode.scalar?.string,
                      let money = try? Money.parse(text, field: rule, allowNegative: true) else {
                    report(amountNode, "\(name): an expected amount is yuan with at most two decimals, e.g. 1234.50")
                    return false
                }
                expected.append((tenant, tenantName, rule, money.fen))
            }
            return true
        }
        if tenants.count == 1, map["tenant"] != nil {
            guard amounts(map["expect"]!, tenant: 1, tenantName: "tenant") else { return nil }
        } else {
            for (key, value) in expectNode {
                guard let tenantName = key.scalar?.string, let index = tenants.firstIndex(where: { $0.name == tenantName }) else {
                    return fail(key, "\(name): expect names a tenant that the case does not define")
                }
                guard amounts(value, tenant: Int64(index + 1), tenantName: tenantName) else { return nil }
            }
        }
        return PolicyTestSuite.Case(
            name: name, line: node.mark?.line ?? 0, period: period, inputs: RewardInputs(tenants: tenants.map(\.facts)), expected: expected)
    }

    private mutating func tenant(_ node: Node, id: Int64, name: String) -> TenantFacts? {
        guard let map = node.mapping else { return fail(node, "a tenant is a mapping") }
        let known: Set<String> = ["lines", "tags", "origin", "active_from", "exited_on", "status", "leases", "reports", "events"]
        for (key, _) in map where !known.contains(key.scalar?.string ?? "") {
            return fail(key, "unknown key '\(key.scalar?.string ?? "")'; a tenant has \(known.sorted().joined(separator: ", "))")
        }
        let lines = map["lines"]?.sequence?.compactMap { $0.scalar?.string } ?? ["recruitment"]
        let tags = map["tags"]?.sequence?.compactMap { $0.scalar?.string } ?? []
        var changes: [StatusFact] = []
        if let activeFrom = map["active_from"]?.scalar?.string {
            changes.append(StatusFact(to: "active", on: activeFrom))
        }
        if let list = map["status"]?.sequence {
            for entry in list {
                guard let to = entry.mapping?["to"]?.scalar?.string, let on = entry.mapping?["on"]?.scalar?.string, TenantProfile.day(on) != nil else {
                    return fail(entry, "a status change is {to: STATUS, on: YYYY-MM-DD}")
                }
                changes.append(StatusFact(to: to, on: on))
            }
        }
        if let exitedOn = map["exited_on"]?.scalar?.string {
            changes.append(StatusFact(to: "exited", on: exitedOn))
        }
        // The history goes by day, whichever keys gave it (a day's changes in the order written).
        changes = changes.enumerated().sorted { ($0.element.on, $0.offset) < ($1.element.on, $1.offset) }.map(\.element)
        var leases: [LeaseFact] = []
        for (index, entry) in (map["leases"]?.sequence.map(Array.init) ?? []).enumerated() {
            guard let lease = entry.mapping, let start = lease["start"]?.scalar?.string, let end = lease["end"]?.scalar?.string,
                  let rentText = lease["rent"]?.scalar?.string, let rent = try? Money.parse(rentText, field: "rent") else {
                return fail(entry, "a lease is {start, end, office: M2, rent: YUAN_PER_M2} (also incubator: M2, shared: M2, rent_changes: {DAY: YUAN})")
            }
            var units: [LeasedUnitFact] = []
            for kind in ["office", "incubator", "shared"] {
                guard let text = lease[kind]?.scalar?.string else { continue }
                guard let area = try? Area.parse(text, field: kind) else { return fail(lease[kind]!, "\(kind) is an area in m²") }
                units.append(LeasedUnitFact(label: "\(kind)-\(index + 1)", kind: kind, centiSquareMetres: area.centiSquareMetres))
            }
            var rents = [RentFact(from: start, fenPerSquareMetre: rent.fen)]
            for (dayNode, valueNode) in lease["rent_changes"]?.mapping ?? [:] {
                guard let day = dayNode.scalar?.string, let text = valueNode.scalar?.string, let value = try? Money.parse(text, field: "rent") else {
                    return fail(dayNode, "rent_changes maps days to yuan per m²")
                }
                rents.append(RentFact(from: day, fenPerSquareMetre: value.fen))
            }
            rents = rents.enumerated().sorted { ($0.element.from, $0.offset) < ($1.element.from, $1.offset) }.map(\.element)
            leases.append(LeaseFact(id: Int64(index + 1), start: start, lastDay: lease["terminated_on"]?.scalar?.string ?? end, units: units, rents: rents))
        }
        var reports: [ReportFact] = []
        for (monthNode, figuresNode) in map["reports"]?.mapping ?? [:] {
            guard let month = monthNode.scalar?.string, let figures = figuresNode.mapping else {
                return fail(monthNode, "reports map months (2021-06) to figures")
            }
            var values: [String: Int64] = [:]
            for (figureNode, valueNode) in figures {
                guard let figureName = figureNode.scalar?.string, let figure = ReportFigure(rawValue: figureName),
                      let text = valueNode.scalar?.string else {
                    return fail(figureNode, "unknown report figure; use \(ReportFigure.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                if figure == .revenue || figure == .tax {
                    guard let money = try? Money.parse(text, field: figureName) else { return fail(valueNode, "\(figureName) is yuan") }
                    values[figureName] = money.fen
                } else {
                    guard let count = Int64(text) else { return fail(valueNode, "\(figureName) is a whole number") }
                    values[figureName] = count
                }
            }
            reports.append(ReportFact(month: month, version: 1, figures: values))
        }
        var events: [EventFact] = []
        for (index, entry) in (map["events"]?.sequence.map(Array.init) ?? []).enumerated() {
            guard let event = entry.mapping, let kind = event["kind"]?.scalar?.string, let ends = event["ends"]?.scalar?.string,
                  TenantProfile.day(ends) != nil else {
                return fail(entry, "an event is {kind: job-fair, ends: YYYY-MM-DD, employers: N} (employers absent while no outcome is recorded; cancelled: true)")
            }
            var employers: Int?
            if let text = event["employers"]?.scalar?.string {
                guard let count = Int(text), count >= 0 else { return fail(event["employers"]!, "employers is a whole number") }
                employers = count
            }
            let cancelled = event["cancelled"]?.scalar?.string == "true"
            events.append(EventFact(id: Int64(index + 1), kind: kind, ends: ends, cancelled: cancelled, employers: employers))
        }
        let firstDay = changes.map(\.on).min() ?? "2018-01-01"
        return TenantFacts(
            id: id, name: name, creditCode: "", businessLines: lines, tags: tags, origin: map["origin"]?.scalar?.string ?? "local",
            appliedOn: firstDay, statusChanges: changes, leases: leases, reports: reports, events: events.isEmpty ? nil : events)
    }

    private mutating func fail<T>(_ node: Node, _ message: String) -> T? {
        report(node, message)
        return nil
    }

    private mutating func report(_ node: Node, _ message: String) {
        problems.append(PolicyProblem(file: file, position: node.mark.map { SourcePosition(line: $0.line, column: $0.column) }, message: message))
    }
}
