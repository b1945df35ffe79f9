import ArgumentParser
import Foundation
import ParkControl

struct PolicyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy",
        abstract: "Policies as data: list and show those in force; check, test and try policy files.",
        subcommands: [List.self, Show.self, Check.self, Test.self, Simulate.self])

    static func readFile(_ path: String) throws -> PolicyAPI.PolicyFile {
        PolicyAPI.PolicyFile(file: path, source: try InputFile.read(path))
    }
}

extension PolicyCommand {
    struct List: ParkctlCommand {
        static let configuration = CommandConfiguration(abstract: "List the policies in force.")

        @ParentCommand var parkctl: Parkctl

        static let fieldOptions: FieldOptions = [:]

        func run() async throws {
            try await respond(PolicyAPI.list, NoParameters()) { reply in
                var table = Table(columns: [
                    .init(title: "ID"), .init(title: "TITLE"), .init(title: "FROM"), .init(title: "UNTIL"), .init(title: "RULES"),
                    .init(title: "VERSION"),
                ])
                for policy in reply.policies {
                    table.add([
                        policy.id, policy.title, policy.inForceFrom, policy.inForceUntil ?? "-",
                        policy.rules.map(\.id).joined(separator: ","), String(policy.hash.prefix(12)),
                    ])
                }
                let policies = reply.policies.isEmpty ? "no policies in force" : table.render()
                return policies + (reply.rejected.map { "\n\nlast load refused (the policies above stay in force):\n\($0)" } ?? "")
            }
        }
    }

    struct Show: ParkctlCommand {
        static let configuration = CommandConfiguration(abstract: "Show a policy in force: rules and dated parameters.")

        @ParentCommand var parkctl: Parkctl
        @Argument(help: "Policy id, such as P2021.") var id: String
        @Flag(help: "Print the policy file's text.") var source = false

        static let fieldOptions: FieldOptions = ["id": "ID"]

        func run() async throws {
            try await respond(PolicyAPI.get, PolicyAPI.Get(id: id)) { reply in
                if source { return reply.source.hasSuffix("\n") ? String(reply.source.dropLast()) : reply.source }
                let policy = reply.policy
                var fields = Fields()
                fields.add("Policy", "\(policy.id): \(policy.title)")
                fields.add("Issued by", "\(policy.issuer), \(policy.document)")
                fields.add("In force", "\(policy.inForceFrom) to \(policy.inForceUntil ?? "(open)")")
                fields.add("Replaces", policy.replaces)
                fields.add("File", policy.file)
                fields.add("Version", policy.hash)
                var rules = Table(columns: [.init(title: "RULE"), .init(title: "PERIOD"), .init(title: "TITLE"), .init(title: "CLAUSE")])
                for rule in policy.rules {
                    rules.add([rule.id, rule.period + (rule.perDay ? " (per day)" : ""), rule.title, rule.clause])
                }
                var parameters = Table(columns: [.init(title: "PARAMETER"), .init(title: "TYPE"), .init(title: "FROM"), .init(title: "VALUE")])
                for parameter in reply.parameters {
                    for (index, value) in parameter.values.enumerated() {
                        let shown = ["money", "price"].contains(parameter.type) ? value.value.grouped : value.value
                        parameters.add([index == 0 ? parameter.name : "", index == 0 ? parameter.type : "", value.from, shown])
                    }
                }
                return fields.render() + "\n\n" + rules.render() + "\n\n" + parameters.render()
            }
        }
    }

    struct Check: ParkctlCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a policy file statically (names, types, cycles, dated parameters); exit 65 with its errors.")

        @ParentCommand var parkctl: Parkctl
        @Argument(help: "Policy file (YAML).") var file: String

        static let fieldOptions: FieldOptions = ["file": "FILE", "source": "FILE"]

        func run() async throws {
            try await reporting {
                let policy = try PolicyCommand.readFile(file)
                let reply = try await global.call(PolicyAPI.check, PolicyAPI.Check(file: policy.file, source: policy.source))
                guard reply.problems.isEmpty, let checked = reply.policy else {
                    if global.json {
                        try JSONOutput.print(reply)
                    } else {
                        StandardStream.error.write(reply.problems.map { $0.description.replacingControlCharacters() }.joined(separator: "\n") + "\n")
                    }
                    throw CommandFailure(
                        name: "PolicyInvalid", message: "\(reply.problems.count) problem\(reply.problems.count == 1 ? "" : "s") in \(file)",
                        parameters: ["file": .string(file), "problems": .integer(Int64(reply.problems.count))], exitCode: CommandFailure.invalidInput)
                }
                try present(reply) {
                    "\(file): policy \(checked.id) is valid (\(checked.rules.count) rules, in force from \(checked.inForceFrom))".replacingControlCharacters()
                }
            }
        }
    }

    struct Test: ParkctlCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run a file of policy test cases; exit 1 when a case fails.",
            discussion: "Cases run against the policies in force, or against the files given with --policy.")

        @ParentCommand var parkctl: Parkctl
        @Argument(help: "Test file (YAML).") var file: String
        @Option(name: .customLong("policy"), parsing: .unconditionalSingleValue, help: "Policy file to test instead of those in force (repeatable).") var policies: [String] = []

        static let fieldOptions: FieldOptions = ["file": "FILE", "source": "FILE", "policies": "--policy"]

        func run() async throws {
            try await reporting {
                let tests = try PolicyCommand.readFile(file)
                let files = policies.isEmpty ? nil : try policies.map(PolicyCommand.readFile)
                let reply = try await global.call(PolicyAPI.test, PolicyAPI.Test(file: tests.file, source: tests.source, policies: files))
                try present(reply) {
                    let cases = reply.cases.flatMap { outcome in
                        ["\(outcome.passed ? "ok  " : "FAIL") \(file):\(outcome.line) \(outcome.name)".replacingControlCharacters()]
                            + outcome.failures.map { "       \($0)" }
                    }
                    return (cases + ["\(reply.passed) passed, \(reply.failed) failed"]).joined(separator: "\n")
                }
                if reply.failed > 0 { throw ExitCode.failure }
            }
        }
    }

    struct Simulate: ParkctlCommand {
        static let configuration = CommandConfiguration(
            abstract: "What a draft policy would pay for a period, next to the policies in force; nothing is written.")

        @ParentCommand var parkctl: Parkctl
        @Option(parsing: .unconditional, help: "The draft policy file; it replaces the policy with its id.") var draft: String
        @Option(parsing: .unconditional, help: ArgumentHelp("Month or year to compute.", valueName: "YYYY-MM|YYYY")) var period: String
        @Flag(help: "List every tenant whose amount changes.") var tenants = false

        static let fieldOptions: FieldOptions = ["file": "--draft", "source": "--draft", "period": "--period"]

        func run() async throws {
            try await reporting {
                let policy = try PolicyCommand.readFile(draft)
                let reply = try await global.call(
                    PolicyAPI.simulate, PolicyAPI.Simulate(file: policy.file, source: policy.source, period: period))
                try present(reply) {
                    var rules = Table(columns: [
                        .init(title: "RULE"), .init(title: "IN FORCE", alignment: .right), .init(title: "DRAFT", alignment: .right),
                        .init(title: "DIFFERENCE", alignment: .right), .init(title: "TENANTS", alignment: .right),
                    ])
                    for rule in reply.rules {
                        rules.add([rule.rule, rule.inForce.grouped, rule.draft.grouped, rule.difference.grouped, String(rule.tenants)])
                    }
                    rules.add(["total", reply.inForceTotal.grouped, reply.draftTotal.grouped, "", ""])
                    let comparison = "period \(reply.period) (nothing written)\n" + rules.render()
                    guard tenants, !reply.tenants.isEmpty else { return comparison }
                    var table = Table(columns: [
                        .init(title: "TENANT", alignment: .right), .init(title: "NAME"), .init(title: "RULE"),
                        .init(title: "IN FORCE", alignment: .right), .init(title: "DRAFT", alignment: .right), .init(title: "DIFFERENCE", alignment: .right),
                    ])
                    for line in reply.tenants {
                        table.add([String(line.tenant), line.name, line.rule, line.inForce.grouped, line.draft.grouped, line.difference.grouped])
                    }
                    return comparison + "\n\n" + table.render()
                }
            }
        }
    }
}
