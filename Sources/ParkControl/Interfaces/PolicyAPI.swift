/// `io.parkd.Policy`: the policies in force, and tools to check, test and try policy files.
public enum PolicyAPI {
    public static let interface = VarlinkInterface(name: "io.parkd.Policy", definition: """
        # Policies are data: YAML files with dated parameters and rules written in a small, typed
        # formula language. parkd reads its policy directory at start and on every reload; a
        # directory with any error is refused whole and the policies in force stay.
        interface io.parkd.Policy

        type Rule (
          # Rule id, such as RENT.
          id: string,
          title: string,
          # The clause of the policy document it implements.
          clause: string,
          # month, year, once-at-move-in or once-at-exit.
          period: string,
          # True when the amount is summed day by day.
          perDay: bool
        )

        type Policy (
          id: string,
          title: string,
          # Issuing body.
          issuer: string,
          # Document number.
          document: string,
          # First day in force (YYYY-MM-DD).
          inForceFrom: string,
          # Last day in force, when it has one.
          inForceUntil: ?string,
          # Id of the policy it replaces.
          replaces: ?string,
          # SHA-256 of the file's text: the version runs record.
          hash: string,
          file: string,
          rules: []Rule
        )

        # A value of a parameter and the day it takes effect.
        type DatedValue (from: string, value: string)

        type Parameter (name: string, type: string, values: []DatedValue)

        # A problem in a policy or test file, with its position when it has one.
        type Problem (file: string, line: ?int, column: ?int, message: string)

        # A policy file's name and text, as a client sends it.
        type PolicyFile (file: string, source: string)

        type TestOutcome (
          name: string,
          # Line of the case in the test file.
          line: int,
          passed: bool,
          # What differed, rule by rule.
          failures: []string
        )

        # Totals of one rule under the policies in force and with the draft, in yuan.
        type RuleComparison (rule: string, inForce: string, draft: string, difference: string, tenants: int)

        # One tenant's amount under one rule, where the draft changes it.
        type TenantComparison (tenant: int, creditCode: string, name: string, rule: string, inForce: string, draft: string, difference: string)

        # The policies in force, when they were loaded, and the last refused load.
        method List() -> (policies: []Policy, rejected: ?string)

        # One policy in force: rules, parameters with their dated values, and its text.
        method Get(id: string) -> (policy: Policy, parameters: []Parameter, source: string)

        # Checks a policy file statically (names, types, cycles, dated parameters); nothing changes.
        method Check(file: string, source: string) -> (policy: ?Policy, problems: []Problem)

        # Runs a test file's cases against `policies` (default: the policies in force).
        method Test(file: string, source: string, policies: ?[]PolicyFile) -> (cases: []TestOutcome, passed: int, failed: int)

        # What a draft policy would pay for a period next to what the policies in force pay.
        # The draft replaces the policy with its id (or is added); nothing is written.
        method Simulate(file: string, source: string, period: string) -> (period: string, rules: []RuleComparison, tenants: []TenantComparison, inForceTotal: string, draftTotal: string)

        # No policy in force has this id.
        error NoSuchPolicy (id: string)

        # A policy or test file has errors.
        error PolicyRejected (problems: []Problem)

        """)

    public static let list = VarlinkMethod<ListQuery, ListReply>("io.parkd.Policy.List", access: .read)
    public static let get = VarlinkMethod<GetQuery, Details>("io.parkd.Policy.Get", access: .read)
    public static let check = VarlinkMethod<CheckRequest, CheckReply>("io.parkd.Policy.Check", access: .read)
    public static let test = VarlinkMethod<TestRequest, TestReply>("io.parkd.Policy.Test", access: .read)
    public static let simulate = VarlinkMethod<SimulateRequest, SimulateReply>("io.parkd.Policy.Simulate", access: .read)
    public static let noSuchPolicy = "io.parkd.Policy.NoSuchPolicy"
    public static let policyRejected = "io.parkd.Policy.PolicyRejected"

    public struct Rule: Codable, Sendable, Equatable {
        public var id: String
        public var title: String
        public var clause: String
        public var period: String
        public var perDay: Bool
        public init(id: String, title: String, clause: String, period: String, perDay: Bool) {
            self.id = id
            self.title = title
            self.clause = clause
            self.period = period
            self.perDay = perDay
        }
    }

    public struct Policy: Codable, Sendable, Equatable {
        public var id: String
        public var title: String
        public var issuer: String
        public var document: String
        public var inForceFrom: String
        public var inForceUntil: String?
        public var replaces: String?
        public var hash: String
        public var file: String
        public var rules: [Rule]
        public init(
            id: String, title: String, issuer: String, document: String, inForceFrom: String, inForceUntil: String?, replaces: String?,
            hash: String, file: String, rules: [Rule]
        ) {
            self.id = id
            self.title = title
            self.issuer = issuer
            self.document = document
            self.inForceFrom = inForceFrom
            self.inForceUntil = inForceUntil
            self.replaces = replaces
            self.hash = hash
            self.file = file
            self.rules = rules
        }
    }

    public struct DatedValue: Codable, Sendable, Equatable {
        public var from: String
        public var value: String
        public init(from: String, value: String) {
            self.from = from
            self.value = value
        }
    }

    public struct Parameter: Codable, Sendable, Equatable {
        public var name: String
        public var type: String
        public var values: [DatedValue]
        public init(name: String, type: String, values: [DatedValue]) {
            self.name = name
            self.type = type
            self.values = values
        }
    }

    public struct Problem: Codable, Sendable, Equatable {
        public var file: String
        public var line: Int?
        public var column: Int?
        public var message: String
        public init(file: String, line: Int?, column: Int?, message: String) {
            self.file = file
            self.line = line
            self.column = column
            self.message = message
        }

        /// `P2021.yaml:34:12: message`.
        public var description: String {
            "\(file):" + (line.map { "\($0):" } ?? "") + (column.map { "\($0):" } ?? "") + " \(message)"
        }
    }

    public struct PolicyFile: Codable, Sendable, Equatable {
        public var file: String
        public var source: String
        public init(file: String, source: String) {
            self.file = file
            self.source = source
        }
    }

    public struct TestOutcome: Codable, Sendable, Equatable {
        public var name: String
        public var line: Int
        public var passed: Bool
        public var failures: [String]
        public init(name: String, line: Int, passed: Bool, failures: [String]) {
            self.name = name
            self.line = line
            self.passed = passed
            self.failures = failures
        }
    }

    public struct RuleComparison: Codable, Sendable, Equatable {
        public var rule: String
        public var inForce: String
        public var draft: String
        public var difference: String
        /// Tenants whose amount differs.
        public var tenants: Int
        public init(rule: String, inForce: String, draft: String, difference: String, tenants: Int) {
            self.rule = rule
            self.inForce = inForce
            self.draft = draft
            self.difference = difference
            self.tenants = tenants
        }
    }

    public struct TenantComparison: Codable, Sendable, Equatable {
        public var tenant: Int64
        public var creditCode: String
        public var name: String
        public var rule: String
        public var inForce: String
        public var draft: String
        public var difference: String
        public init(tenant: Int64, creditCode: String, name: String, rule: String, inForce: String, draft: String, difference: String) {
            self.tenant = tenant
            self.creditCode = creditCode
            self.name = name
            self.rule = rule
            self.inForce = inForce
            self.draft = draft
            self.difference = difference
        }
    }

    public struct ListQuery: Codable, Sendable {
        public init() {}
    }

    public struct ListReply: Codable, Sendable {
        public var policies: [Policy]
        public var rejected: String?
        public init(policies: [Policy], rejected: String?) {
            self.policies = policies
            self.rejected = rejected
        }
    }

    public struct GetQuery: Codable, Sendable {
        public var id: String
        public init(id: String) { self.id = id }
    }

    public struct Details: Codable, Sendable {
        public var policy: Policy
        public var parameters: [Parameter]
        public var source: String
        public init(policy: Policy, parameters: [Parameter], source: String) {
            self.policy = policy
            self.parameters = parameters
            self.source = source
        }
    }

    public struct CheckRequest: Codable, Sendable {
        public var file: String
        public var source: String
        public init(file: String, source: String) {
            self.file = file
            self.source = source
        }
    }

    public struct CheckReply: Codable, Sendable {
        public var policy: Policy?
        public var problems: [Problem]
        public init(policy: Policy?, problems: [Problem]) {
            self.policy = policy
            self.problems = problems
        }
    }

    public struct TestRequest: Codable, Sendable {
        public var file: String
        public var source: String
        public var policies: [PolicyFile]?
        public init(file: String, source: String, policies: [PolicyFile]?) {
            self.file = file
            self.source = source
            self.policies = policies
        }
    }

    public struct TestReply: Codable, Sendable {
        public var cases: [TestOutcome]
        public var passed: Int
        public var failed: Int
        public init(cases: [TestOutcome], passed: Int, failed: Int) {
            self.cases = cases
            self.passed = passed
            self.failed = failed
        }
    }

    public struct SimulateRequest: Codable, Sendable {
        public var file: String
        public var source: String
        public var period: String
        public init(file: String, source: String, period: String) {
            self.file = file
            self.source = source
            self.period = period
        }
    }

    public struct SimulateReply: Codable, Sendable {
        public var period: String
        public var rules: [RuleComparison]
        public var tenants: [TenantComparison]
        public var inForceTotal: String
        public var draftTotal: String
        public init(period: String, rules: [RuleComparison], tenants: [TenantComparison], inForceTotal: String, draftTotal: String) {
            self.period = period
            self.rules = rules
            self.tenants = tenants
            self.inForceTotal = inForceTotal
            self.draftTotal = draftTotal
        }
    }
}
