import ParkControl
import ParkCore
import ParkPolicy
import ParkStore

/// `io.parkd.Policy`.
enum PolicyHandlers {
    static func register(in table: inout MethodTable, database: ParkDatabase, policies: PolicyRegistry) {
        table.add(PolicyAPI.interface)

        table.register(PolicyAPI.list) { _, _ in
            PolicyAPI.ListReply(policies: policies.book.policies.map(wire), rejected: policies.rejected)
        }

        table.register(PolicyAPI.get) { request, _ in
            guard let policy = policies.book.policies.first(where: { $0.id == request.id }) else {
                throw PolicyAPI.NoSuchPolicy(id: request.id)
            }
            let parameters = policy.parameterSummaries.map { parameter in
                PolicyAPI.Parameter(
                    name: parameter.name, type: parameter.type,
                    values: parameter.values.map { PolicyAPI.DatedValue(from: $0.from.description, value: $0.value) })
            }
            return PolicyAPI.GetReply(policy: wire(policy), parameters: parameters, source: policy.source)
        }

        table.register(PolicyAPI.check, runs: .offEventLoop) { request, call in
            try await TimeBudget.run(seconds: call.state.config.limits.computeSeconds, method: call.method) {
                do throws(PolicyProblems) {
                    let policy = try PolicyLoader.load(request.source, fileName: request.file)
                    // It must also fit with the policies in force it does not replace.
                    _ = try policies.book.replacing(with: policy)
                    return PolicyAPI.CheckReply(policy: wire(policy), problems: [])
                } catch {
                    return PolicyAPI.CheckReply(policy: nil, problems: error.problems.map(wire))
                }
            }
        }

        table.register(PolicyAPI.test, runs: .offEventLoop) { request, call in
            try await TimeBudget.run(seconds: call.state.config.limits.computeSeconds, method: call.method) {
                let book = try request.policies.map { files in
                    try PolicyBook(try files.map { try PolicyLoader.load($0.source, fileName: $0.file) })
                } ?? policies.book
                let suite = try PolicyTestSuite.parse(request.source, fileName: request.file)
                let outcomes = suite.run(with: book)
                try Task.checkCancellation()
                return PolicyAPI.TestReply(
                    cases: outcomes.map { PolicyAPI.TestOutcome(name: $0.name, line: $0.line, passed: $0.passed, failures: $0.failures) },
                    passed: outcomes.filter(\.passed).count, failed: outcomes.filter { !$0.passed }.count)
            }
        }

        table.register(PolicyAPI.simulate, runs: .offEventLoop) { request, call in
            try await TimeBudget.run(seconds: call.state.config.limits.computeSeconds, method: call.method) {
                let period = try RewardPeriod.parseSimulated(request.period, today: call.state.today())
                let inForce = policies.book
                let draft = try inForce.replacing(with: try PolicyLoader.load(request.source, fileName: request.file))
                let inputs = try await database.rewardInputs(throughYear: period.year)
                // Nothing in force for the period is a comparison with nothing; any other failure is reported.
                let current = inForce.rules(for: period).isEmpty ? nil : try inForce.calculate(period, inputs: inputs, explain: false)
                return wire(try PolicyComparison(inForce: current, draft: try draft.calculate(period, inputs: inputs, explain: false)))
            }
        }
    }

    static func wire(_ comparison: PolicyComparison) -> PolicyAPI.SimulateReply {
        PolicyAPI.SimulateReply(
            period: comparison.period.description,
            rules: comparison.rules.map {
                PolicyAPI.RuleComparison(
                    rule: $0.rule, inForce: $0.inForce.description, draft: $0.draft.description, difference: $0.difference.description,
                    tenants: $0.tenants)
            },
            tenants: comparison.tenants.map {
                PolicyAPI.TenantComparison(
                    tenant: $0.tenant, creditCode: $0.creditCode, name: $0.name, rule: $0.rule, inForce: $0.inForce.description,
                    draft: $0.draft.description, difference: $0.difference.description)
            },
            inForceTotal: comparison.inForceTotal.description, draftTotal: comparison.draftTotal.description)
    }

    static func wire(_ policy: Policy) -> PolicyAPI.Policy {
        PolicyAPI.Policy(
            id: policy.id, title: policy.title, issuer: policy.issuer, document: policy.document,
            inForceFrom: policy.inForce.lowerBound.description,
            inForceUntil: policy.inForce.upperBound == .distantFuture ? nil : policy.inForce.upperBound.description,
            replaces: policy.replaces, hash: policy.hash, file: policy.fileName,
            rules: policy.ruleSummaries.map {
                PolicyAPI.Rule(id: $0.id, title: $0.title, clause: $0.clause, period: $0.period.rawValue, perDay: $0.perDay)
            })
    }

    static func wire(_ problem: PolicyProblem) -> PolicyAPI.Problem {
        PolicyAPI.Problem(file: problem.file, line: problem.position?.line, column: problem.position?.column, message: problem.message)
    }
}
