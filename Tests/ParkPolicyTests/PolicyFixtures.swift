import ParkCore

@testable import ParkPolicy

/// Small policies and tenants written the way a policy author would, for the language and
/// engine tests. Policy texts put the header keys last, so line 1 of a test's text is line 1 of
/// the file and positions in problems can be asserted exactly.
enum Fixtures {
    /// A policy file: `body` first (its line 1 is the file's line 1), then the header.
    static func policy(_ body: String, id: String = "T", from: String = "2019-01-01", until: String? = nil) -> String {
        body + "\nid: \(id)\ntitle: Test policy \(id)\nissuer: Park office\ndocument: DOC-\(id)\nin_force:\n  from: \(from)\n"
            + (until.map { "  until: \($0)\n" } ?? "")
    }

    /// One rule as a list item of `rules:`.
    static func rule(
        _ id: String = "R", period: String = "month", eligible: String = "true", amount: String, extra: [String] = []
    ) -> String {
        (["  - id: \(id)", "    title: Rule \(id)", "    clause: clause of \(id)", "    period: \(period)",
          "    eligible: \(eligible)", "    amount: \(amount)"] + extra.map { "    " + $0 }).joined(separator: "\n")
    }

    /// A policy with `parameters`/`definitions` blocks (already indented YAML) and rules.
    static func policy(
        parameters: String? = nil, definitions: String? = nil, rules: [String], budgets: String? = nil,
        id: String = "T", from: String = "2019-01-01", until: String? = nil
    ) -> String {
        var body: [String] = []
        if let parameters { body += ["parameters:", parameters] }
        if let definitions { body += ["definitions:", definitions] }
        body += ["rules:"] + rules
        if let budgets { body += ["budgets:", budgets] }
        return policy(body.joined(separator: "\n"), id: id, from: from, until: until)
    }

    static func load(_ text: String, file: String = "T.yaml") throws -> Policy {
        try PolicyLoader.load(text, fileName: file)
    }

    /// The problems a policy text is refused with (empty when it loads).
    static func problems(_ text: String, file: String = "T.yaml") -> [PolicyProblem] {
        do {
            _ = try PolicyLoader.load(text, fileName: file)
            return []
        } catch {
            return error.problems
        }
    }

    static func book(_ texts: String...) throws -> PolicyBook {
        var policies: [Policy] = []
        for (index, text) in texts.enumerated() { policies.append(try load(text, file: "P\(index + 1).yaml")) }
        return try PolicyBook(policies)
    }

    // MARK: Tenants

    static func lease(
        _ id: Int64 = 1, start: String, end: String, office: Int64 = 0, incubator: Int64 = 0, shared: Int64 = 0,
        rent: Int64, rentChanges: [(from: String, yuan: Int64)] = []
    ) -> LeaseFact {
        var units: [LeasedUnitFact] = []
        if office > 0 { units.append(LeasedUnitFact(label: "A\(id)-office", kind: "office", centiSquareMetres: office * 100)) }
        if incubator > 0 { units.append(LeasedUnitFact(label: "B\(id)-seat", kind: "incubator", centiSquareMetres: incubator * 100)) }
        if shared > 0 { units.append(LeasedUnitFact(label: "C\(id)-shared", kind: "shared", centiSquareMetres: shared * 100)) }
        let rents = [RentFact(from: start, fenPerSquareMetre: rent * 100)]
            + rentChanges.map { RentFact(from: $0.from, fenPerSquareMetre: $0.yuan * 100) }
        return LeaseFact(id: id, start: start, lastDay: end, units: units, rents: rents)
    }

    /// A tenant: active from `activeFrom` (and later status changes), with leases and monthly
    /// reports (`revenue` and `tax` in fen, other figures as counts).
    static func tenant(
        id: Int64 = 1, name: String = "青岛测试人力资源有限公司", lines: [String] = ["recruitment"], tags: [String] = [],
        origin: String = "local", activeFrom: String? = "2019-01-01", statuses: [(to: String, on: String)] = [],
        leases: [LeaseFact] = [], reports: [String: [String: Int64]] = [:]
    ) -> TenantFacts {
        var changes: [StatusFact] = []
        if let activeFrom { changes.append(StatusFact(to: "active", on: activeFrom)) }
        changes += statuses.map { StatusFact(to: $0.to, on: $0.on) }
        return TenantFacts(
            id: id, name: name, creditCode: "91370200163562681G", businessLines: lines, tags: tags, origin: origin,
            appliedOn: "2018-06-01", statusChanges: changes, leases: leases,
            reports: reports.sorted { $0.key < $1.key }.map { ReportFact(month: $0.key, version: 1, figures: $0.value) })
    }

    // MARK: Running

    static func period(_ text: String) -> RewardPeriod {
        (try? RewardPeriod.parse(text)) ?? .year(1900)
    }

    /// Fen of every rule for tenant 1 in `period`.
    static func amounts(_ book: PolicyBook, _ period: String, _ tenants: [TenantFacts], rules: [String]? = nil) throws -> [String: Int64] {
        let calculation = try book.calculate(Self.period(period), inputs: RewardInputs(tenants: tenants), rules: rules, explain: false)
        var result: [String: Int64] = [:]
        for line in calculation.lines where line.tenantID == tenants[0].id { result[line.rule] = line.fen }
        return result
    }

    /// Fen of one rule for one tenant in `period` (0 when no line).
    static func fen(_ book: PolicyBook, _ rule: String = "R", _ period: String, _ tenant: TenantFacts) throws -> Int64 {
        try amounts(book, period, [tenant])[rule] ?? 0
    }

    /// The fen a monthly rule with `amount` pays in 2021-06 to `tenant`.
    static func evaluate(
        _ amount: String, parameters: String? = nil, definitions: String? = nil, period: String = "2021-06",
        rulePeriod: String = "month", extra: [String] = [], tenant: TenantFacts = Fixtures.tenant()
    ) throws -> Int64 {
        let book = try PolicyBook([try load(policy(
            parameters: parameters, definitions: definitions, rules: [rule(period: rulePeriod, amount: amount, extra: extra)]))])
        return try fen(book, "R", period, tenant)
    }

    /// The explanation of one rule's line for tenant 1.
    static func explanation(_ book: PolicyBook, _ rule: String, _ period: String, _ tenants: [TenantFacts]) throws -> Explanation? {
        let calculation = try book.calculate(Self.period(period), inputs: RewardInputs(tenants: tenants), explain: true)
        return calculation.lines.first { $0.rule == rule && $0.tenantID == tenants[0].id }?.explanation
    }
}
