import MemberwiseInit

/// `io.parkd.Policy`: the policies in force, and tools to check, test and try policy files.
public enum PolicyAPI {
    public static let interface = VarlinkInterface(
        name: "io.parkd.Policy", methods: [list, get, check, test, simulate], errors: errors, definition: """
        # Policies are data: YAML files with dated parameters and rules written in a small, typed
        # formula language. parkd reads its policy directory at start and on every reload; a
        # directory with any error is refused whole and the policies in force stay.
        interface io.parkd.Policy

        # A rule of a policy: one amount it pays.
        type Rule (
          # Rule id, such as RENT.
          id: string,
          # What it pays, in the policy's words.
          title: string,
          # The clause of the policy document it implements.
          clause: string,
          # month, year, once-at-move-in or once-at-exit.
          period: string,
          # True when the amount is summed day by day.
          perDay: bool
        )

        # A policy: a document of the authorities and the rules it sets.
        type Policy (
          # Policy id, such as P2021.
          id: string,
          # The document's title.
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
          # The file's name in the policy directory.
          file: string,
          # Its rules.
          rules: []Rule
        )

        # A value of a parameter and the day it takes effect.
        type DatedValue (
          # First day of the value (YYYY-MM-DD).
          from: string,
          # The value with its unit, for people ("35.00 yuan", "40%").
          value: string
        )

        # A parameter of a policy: a named value that changes on given days.
        type Parameter (
          # Its name in the rules' formulas.
          name: string,
          # Its type as the policy declares it: money, rate, count, area, price, date,
          # boolean, window, or brackets KEY -> VALUE.
          type: string,
          # Its values, oldest first.
          values: []DatedValue
        )

        # A problem in a policy or test file, with its position when it has one.
        type Problem (
          # The file's name.
          file: string,
          # Line, from 1.
          line: ?int,
          # Column, from 1.
          column: ?int,
          # What is wrong.
          message: string
        )

        # A policy file's name and text, as a client sends it.
        type PolicyFile (
          # The file's name.
          file: string,
          # Its text (YAML).
          source: string
        )

        # How one case of a test file came out.
        type TestOutcome (
          # The case's name.
          name: string,
          # Line of the case in the test file.
          line: int,
          # True when every amount was as expected.
          passed: bool,
          # What differed, rule by rule.
          failures: []string
        )

        # Totals of one rule under the policies in force and with the draft, in yuan.
        type RuleComparison (
          # Rule id.
          rule: string,
          # Total under the policies in force.
          inForce: string,
          # Total with the draft.
          draft: string,
          # Draft minus in force.
          difference: string,
          # Tenants whose amount differs.
          tenants: int
        )

        # One tenant's amount under one rule, where the draft changes it.
        type TenantComparison (
          # Tenant id.
          tenant: int,
          # The tenant's credit code.
          creditCode: string,
          # The tenant's name.
          name: string,
          # Rule id.
          rule: string,
          # Amount under the policies in force, in yuan.
          inForce: string,
          # Amount with the draft, in yuan.
          draft: string,
          # Draft minus in force.
          difference: string
        )

        # The policies in force, when they were loaded, and the last refused load.
        method List() -> (
          # The policies in force.
          policies: []Policy,
          # Why the last load of the policy directory was refused, when it was; the policies
          # in force stayed.
          rejected: ?string
        )

        # One policy in force: rules, parameters with their dated values, and its text.
        method Get(
          # Policy id.
          id: string
        ) -> (
          # The policy and its rules.
          policy: Policy,
          # Its parameters with their dated values.
          parameters: []Parameter,
          # The policy file's text.
          source: string
        )

        # Checks a policy file statically (names, types, cycles, dated parameters); nothing changes.
        method Check(
          # The file's name, for positions in problems.
          file: string,
          # Its text (YAML).
          source: string
        ) -> (
          # The policy as parkd reads it, when it has no problem.
          policy: ?Policy,
          # Every problem found; empty when there is none.
          problems: []Problem
        )

        # Runs a test file's cases against `policies` (default: the policies in force).
        method Test(
          # The test file's name, for positions.
          file: string,
          # Its text (YAML).
          source: string,
          # The policies to test instead of those in force.
          policies: ?[]PolicyFile
        ) -> (
          # Each case's outcome, in the file's order.
          cases: []TestOutcome,
          # Cases that passed.
          passed: int,
          # Cases that failed.
          failed: int
        )

        # What a draft policy would pay for a period next to what the policies in force pay.
        # The draft replaces the policy with its id (or is added); nothing is written.
        method Simulate(
          # The draft's file name, for positions.
          file: string,
          # Its text (YAML).
          source: string,
          # A month (YYYY-MM) or a year (YYYY).
          period: string
        ) -> (
          # The period computed.
          period: string,
          # Totals per rule.
          rules: []RuleComparison,
          # Each tenant's amount under each rule the draft changes.
          tenants: []TenantComparison,
          # Everything the policies in force pay for the period, in yuan.
          inForceTotal: string,
          # Everything they pay with the draft, in yuan.
          draftTotal: string
        )

        # No policy in force has this id.
        error NoSuchPolicy (
          # The id asked for.
          id: string
        )

        # A policy or test file has errors.
        error PolicyRejected (
          # Every problem, with its file and position.
          problems: []Problem
        )

        """)

    public static let list = VarlinkMethod<NoParameters, ListReply>("io.parkd.Policy.List", access: .read)
    public static let get = VarlinkMethod<Get, GetReply>("io.parkd.Policy.Get", access: .read)
    public static let check = VarlinkMethod<Check, CheckReply>("io.parkd.Policy.Check", access: .read)
    public static let test = VarlinkMethod<Test, TestReply>("io.parkd.Policy.Test", access: .read)
    public static let simulate = VarlinkMethod<Simulate, SimulateReply>("io.parkd.Policy.Simulate", access: .read)

    @MemberwiseInit
    public struct Rule: Codable, Sendable, Equatable {
        public var id: String
        public var title: String
        public var clause: String
        public var period: String
        public var perDay: Bool
    }

    @MemberwiseInit
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
    }

    @MemberwiseInit
    public struct DatedValue: Codable, Sendable, Equatable {
        public var from: String
        public var value: String
    }

    @MemberwiseInit
    public struct Parameter: Codable, Sendable, Equatable {
        public var name: String
        public var type: String
        public var values: [DatedValue]
    }

    @MemberwiseInit
    public struct Problem: Codable, Sendable, Equatable {
        public var file: String
        public var line: Int?
        public var column: Int?
        public var message: String

        /// `P2021.yaml:34:12: message`.
        public var description: String {
            "\(file):" + (line.map { "\($0):" } ?? "") + (column.map { "\($0):" } ?? "") + " \(message)"
        }
    }

    @MemberwiseInit
    public struct PolicyFile: Codable, Sendable, Equatable {
        public var file: String
        public var source: String
    }

    @MemberwiseInit
    public struct TestOutcome: Codable, Sendable, Equatable {
        public var name: String
        public var line: Int
        public var passed: Bool
        public var failures: [String]
    }

    @MemberwiseInit
    public struct RuleComparison: Codable, Sendable, Equatable {
        public var rule: String
        public var inForce: String
        public var draft: String
        public var difference: String
        /// Tenants whose amount differs.
        public var tenants: Int
    }

    @MemberwiseInit
    public struct TenantComparison: Codable, Sendable, Equatable {
        public var tenant: Int64
        public var creditCode: String
        public var name: String
        public var rule: String
        public var inForce: String
        public var draft: String
        public var difference: String
    }

    @MemberwiseInit
    public struct ListReply: Codable, Sendable {
        public var policies: [Policy]
        public var rejected: String?
    }

    @MemberwiseInit
    public struct Get: Codable, Sendable {
        public var id: String
    }

    @MemberwiseInit
    public struct GetReply: Codable, Sendable {
        public var policy: Policy
        public var parameters: [Parameter]
        public var source: String
    }

    @MemberwiseInit
    public struct Check: Codable, Sendable {
        public var file: String
        public var source: String
    }

    @MemberwiseInit
    public struct CheckReply: Codable, Sendable {
        public var policy: Policy?
        public var problems: [Problem]
    }

    @MemberwiseInit
    public struct Test: Codable, Sendable {
        public var file: String
        public var source: String
        public var policies: [PolicyFile]?
    }

    @MemberwiseInit
    public struct TestReply: Codable, Sendable {
        public var cases: [TestOutcome]
        public var passed: Int
        public var failed: Int
    }

    @MemberwiseInit
    public struct Simulate: Codable, Sendable {
        public var file: String
        public var source: String
        public var period: String
    }

    @MemberwiseInit
    public struct SimulateReply: Codable, Sendable {
        public var period: String
        public var rules: [RuleComparison]
        public var tenants: [TenantComparison]
        public var inForceTotal: String
        public var draftTotal: String
    }
}
