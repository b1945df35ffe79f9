/// `io.parkd.Reward`: reward and rent-subsidy calculation runs under the policies in force.
public enum RewardAPI {
    public static let interface = VarlinkInterface(name: "io.parkd.Reward", definition: """
        # Calculation runs: what every tenant is owed under each rule for a month or a year, with
        # a full explanation. A run starts as a draft; an approved run never changes. Re-running
        # a period gives, for every rule an approved run of the period covered, only the
        # differences from all that was approved for each tenant (an adjustment run), whatever
        # rules either run was limited to: an amount is approved once.
        interface io.parkd.Reward

        # A policy and the content hash of the version a run read.
        type PolicyVersion (id: string, hash: string)

        type RewardRun (
          id: int,
          # The month (YYYY-MM) or year (YYYY) computed.
          period: string,
          # regular, or adjustment (differences from the approved runs in `adjusts`).
          kind: string,
          # draft, approved or superseded (a draft replaced by a newer run).
          status: string,
          # Rule ids computed.
          rules: []string,
          # Sum of the run's lines, in yuan ("1234.50").
          total: string,
          # Lines with a non-zero amount.
          lines: int,
          # Approved runs this adjustment corrects.
          adjusts: []int,
          # SHA-256 of the run's inputs (tenants, leases, reports) as canonical JSON.
          inputsHash: string,
          policies: []PolicyVersion,
          createdAt: string,
          createdBy: string,
          approvedAt: ?string,
          approvedBy: ?string
        )

        # One step of an explanation.
        type Step (
          # input, parameter, value, rule or result.
          kind: string,
          name: string,
          value: string,
          # Where an input comes from; for a parameter, the policy and the day its value took effect.
          source: ?string,
          # The days the step is about, for rules summed day by day.
          context: ?string
        )

        type Explanation (
          rule: string,
          title: string,
          # The clause of the policy document.
          clause: string,
          policy: string,
          policyDocument: string,
          period: string,
          amount: string,
          steps: []Step
        )

        type Line (
          # Tenant id.
          tenant: int,
          creditCode: string,
          name: string,
          rule: string,
          period: string,
          # Yuan, exact to the fen ("1234.50"); negative for a repayment.
          amount: string,
          explanation: ?Explanation
        )

        # A line the recomputation does not reproduce.
        type Difference (tenant: int, rule: string, recorded: string, recomputed: string)

        # Computes a period under the policies in force: a month (YYYY-MM) runs the monthly
        # rules, a year (YYYY) the annual ones; `rules` selects some of them.
        method Run(period: string, rules: ?[]string) -> (run: RewardRun)

        # Runs, oldest first; with `period`, those of that period.
        method List(period: ?string) -> (runs: []RewardRun)

        # A run and its lines; `tenant` (id or credit code) keeps one tenant's, `explain` adds explanations.
        method Show(run: int, tenant: ?string, explain: ?bool) -> (run: RewardRun, lines: []Line)

        # Approves a draft run; it is immutable from then on.
        method Approve(run: int) -> (run: RewardRun)

        # Recomputes a run from its recorded inputs and policy versions; it must agree to the fen.
        # `dataChanged` tells whether the park's data now gives other inputs (re-run to adjust).
        method Verify(run: int) -> (run: RewardRun, agrees: bool, inputsIntact: bool, checked: int, differences: []Difference, dataChanged: bool)

        # No run has this id.
        error NoSuchRun (run: int)

        # The run is not a draft (approved runs never change).
        error RunNotDraft (run: int, status: string)

        # Every rule computed was approved for the period and the data still gives the same
        # amounts; `run` is the latest approved run of the period.
        error NoDifferences (period: string, run: int)

        # The draft was computed before other runs covering its rules for the same period were
        # approved (`approvedSince`): approving it would count their amounts twice. Run the
        # period again.
        error RunOutdated (run: int, period: string, approvedSince: []int)

        # The run cannot be computed: no policy in force, an unknown rule, or a formula failing
        # on some tenant's data (the message names file, line, column, rule and tenant).
        error CalculationFailed (message: string)

        """)

    public static let run = VarlinkMethod<RunRequest, RunReply>("io.parkd.Reward.Run", access: .write)
    public static let list = VarlinkMethod<ListQuery, ListReply>("io.parkd.Reward.List", access: .read)
    public static let show = VarlinkMethod<ShowQuery, ShowReply>("io.parkd.Reward.Show", access: .read)
    public static let approve = VarlinkMethod<ApproveRequest, RunReply>("io.parkd.Reward.Approve", access: .write)
    public static let verify = VarlinkMethod<VerifyRequest, VerifyReply>("io.parkd.Reward.Verify", access: .read)
    public static let noSuchRun = "io.parkd.Reward.NoSuchRun"
    public static let runNotDraft = "io.parkd.Reward.RunNotDraft"
    public static let noDifferences = "io.parkd.Reward.NoDifferences"
    public static let runOutdated = "io.parkd.Reward.RunOutdated"
    public static let calculationFailed = "io.parkd.Reward.CalculationFailed"

    public struct PolicyVersion: Codable, Sendable, Equatable {
        public var id: String
        public var hash: String
        public init(id: String, hash: String) {
            self.id = id
            self.hash = hash
        }
    }

    public struct RewardRun: Codable, Sendable, Equatable {
        public var id: Int64
        public var period: String
        public var kind: String
        public var status: String
        public var rules: [String]
        public var total: String
        public var lines: Int
        public var adjusts: [Int64]
        public var inputsHash: String
        public var policies: [PolicyVersion]
        public var createdAt: String
        public var createdBy: String
        public var approvedAt: String?
        public var approvedBy: String?
        public init(
            id: Int64, period: String, kind: String, status: String, rules: [String], total: String, lines: Int, adjusts: [Int64],
            inputsHash: String, policies: [PolicyVersion], createdAt: String, createdBy: String, approvedAt: String?, approvedBy: String?
        ) {
            self.id = id
            self.period = period
            self.kind = kind
            self.status = status
            self.rules = rules
            self.total = total
            self.lines = lines
            self.adjusts = adjusts
            self.inputsHash = inputsHash
            self.policies = policies
            self.createdAt = createdAt
            self.createdBy = createdBy
            self.approvedAt = approvedAt
            self.approvedBy = approvedBy
        }
    }

    public struct Step: Codable, Sendable, Equatable {
        public var kind: String
        public var name: String
        public var value: String
        public var source: String?
        public var context: String?
        public init(kind: String, name: String, value: String, source: String?, context: String?) {
            self.kind = kind
            self.name = name
            self.value = value
            self.source = source
            self.context = context
        }
    }

    public struct Explanation: Codable, Sendable, Equatable {
        public var rule: String
        public var title: String
        public var clause: String
        public var policy: String
        public var policyDocument: String
        public var period: String
        public var amount: String
        public var steps: [Step]
        public init(rule: String, title: String, clause: String, policy: String, policyDocument: String, period: String, amount: String, steps: [Step]) {
            self.rule = rule
            self.title = title
            self.clause = clause
            self.policy = policy
            self.policyDocument = policyDocument
            self.period = period
            self.amount = amount
            self.steps = steps
        }
    }

    public struct Line: Codable, Sendable, Equatable {
        public var tenant: Int64
        public var creditCode: String
        public var name: String
        public var rule: String
        public var period: String
        public var amount: String
        public var explanation: Explanation?
        public init(tenant: Int64, creditCode: String, name: String, rule: String, period: String, amount: String, explanation: Explanation?) {
            self.tenant = tenant
            self.creditCode = creditCode
            self.name = name
            self.rule = rule
            self.period = period
            self.amount = amount
            self.explanation = explanation
        }
    }

    public struct Difference: Codable, Sendable, Equatable {
        public var tenant: Int64
        public var rule: String
        public var recorded: String
        public var recomputed: String
        public init(tenant: Int64, rule: String, recorded: String, recomputed: String) {
            self.tenant = tenant
            self.rule = rule
            self.recorded = recorded
            self.recomputed = recomputed
        }
    }

    public struct RunRequest: Codable, Sendable {
        public var period: String
        public var rules: [String]?
        public init(period: String, rules: [String]?) {
            self.period = period
            self.rules = rules
        }
    }

    public struct RunReply: Codable, Sendable {
        public var run: RewardRun
        public init(run: RewardRun) { self.run = run }
    }

    public struct ListQuery: Codable, Sendable {
        public var period: String?
        public init(period: String?) { self.period = period }
    }

    public struct ListReply: Codable, Sendable {
        public var runs: [RewardRun]
        public init(runs: [RewardRun]) { self.runs = runs }
    }

    public struct ShowQuery: Codable, Sendable {
        public var run: Int64
        public var tenant: String?
        public var explain: Bool?
        public init(run: Int64, tenant: String?, explain: Bool?) {
            self.run = run
            self.tenant = tenant
            self.explain = explain
        }
    }

    public struct ShowReply: Codable, Sendable {
        public var run: RewardRun
        public var lines: [Line]
        public init(run: RewardRun, lines: [Line]) {
            self.run = run
            self.lines = lines
        }
    }

    public struct ApproveRequest: Codable, Sendable {
        public var run: Int64
        public init(run: Int64) { self.run = run }
    }

    public struct VerifyRequest: Codable, Sendable {
        public var run: Int64
        public init(run: Int64) { self.run = run }
    }

    public struct VerifyReply: Codable, Sendable {
        public var run: RewardRun
        public var agrees: Bool
        public var inputsIntact: Bool
        public var checked: Int
        public var differences: [Difference]
        public var dataChanged: Bool
        public init(run: RewardRun, agrees: Bool, inputsIntact: Bool, checked: Int, differences: [Difference], dataChanged: Bool) {
            self.run = run
            self.agrees = agrees
            self.inputsIntact = inputsIntact
            self.checked = checked
            self.differences = differences
            self.dataChanged = dataChanged
        }
    }
}
