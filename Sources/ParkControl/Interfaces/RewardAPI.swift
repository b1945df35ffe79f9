import MemberwiseInit

/// `io.parkd.Reward`: reward and rent-subsidy calculation runs under the policies in force.
public enum RewardAPI {
    public static let interface = VarlinkInterface(
        name: "io.parkd.Reward", methods: [run, list, get, approve, verify], errors: errors, definition: """
        # Calculation runs: what every tenant is owed under each rule for a month or a year, with
        # a full explanation. A run starts as a draft; an approved run never changes. Re-running
        # a period gives, for every rule an approved run of the period covered, only the
        # differences from all that was approved for each tenant (an adjustment run), whatever
        # rules either run was limited to: an amount is approved once.
        interface io.parkd.Reward

        # A policy and the content hash of the version a run read.
        type PolicyVersion (
          # Policy id.
          id: string,
          # SHA-256 of the version's text.
          hash: string
        )

        # A calculation run.
        type RewardRun (
          # Stable numeric id.
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
          # The policy versions the run read.
          policies: []PolicyVersion,
          # When it was computed (RFC 3339, UTC).
          createdAt: string,
          # User id of whoever ran it.
          createdBy: string,
          # When it was approved (RFC 3339, UTC).
          approvedAt: ?string,
          # User id of whoever approved it.
          approvedBy: ?string
        )

        # One step of an explanation.
        type Step (
          # input, parameter, value, rule or result.
          kind: string,
          # The input, parameter, value or rule it names.
          name: string,
          # Its value, with its unit.
          value: string,
          # Where an input comes from; for a parameter, the policy and the day its value took effect.
          source: ?string,
          # The days the step is about, for rules summed day by day.
          context: ?string
        )

        # Why a tenant is owed an amount under a rule: every input with its source, every
        # parameter with the day it took effect, every intermediate value.
        type Explanation (
          # Rule id.
          rule: string,
          # The rule's title.
          title: string,
          # The clause of the policy document.
          clause: string,
          # Id of the policy that sets the rule.
          policy: string,
          # The policy's title and document number.
          policyDocument: string,
          # The period computed.
          period: string,
          # The amount in yuan, exact to the fen.
          amount: string,
          # The steps, in the order they were computed.
          steps: []Step
        )

        # What a run owes one tenant under one rule.
        type Line (
          # Tenant id.
          tenant: int,
          # The tenant's credit code.
          creditCode: string,
          # The tenant's name.
          name: string,
          # Rule id.
          rule: string,
          # The month (YYYY-MM) or year (YYYY) the amount is for.
          period: string,
          # Yuan, exact to the fen ("1234.50"); negative for a repayment.
          amount: string,
          # How the amount was computed, when asked for with `explain`.
          explanation: ?Explanation
        )

        # A line the recomputation does not reproduce.
        type Difference (
          # Tenant id.
          tenant: int,
          # Rule id.
          rule: string,
          # The amount the run recorded, in yuan.
          recorded: string,
          # The amount recomputed, in yuan.
          recomputed: string
        )

        # Computes a period under the policies in force: a month (YYYY-MM) runs the monthly
        # rules, a year (YYYY) the annual ones; `rules` selects some of them.
        method Run(
          # A month (YYYY-MM) or a year (YYYY) that has ended.
          period: string,
          # Ids of the rules to compute (default all of the period's).
          rules: ?[]string
        ) -> (
          # The run computed, a draft.
          run: RewardRun
        )

        # Runs, oldest first; with `period`, those of that period.
        method List(
          # Only runs of this month (YYYY-MM) or year (YYYY).
          period: ?string
        ) -> (
          # The runs, oldest first.
          runs: []RewardRun
        )

        # A run and its lines; `tenant` (id or credit code) keeps one tenant's, `explain` adds explanations.
        method Get(
          # The run's id.
          run: int,
          # Only this tenant's lines (id or credit code).
          tenant: ?string,
          # True to add each line's explanation.
          explain: ?bool,
          # Lines a page, 1 to 5000 (default 1000, or 100 with explain).
          limit: ?int,
          # Cursor from a previous page's next.
          after: ?string
        ) -> (
          # The run.
          run: RewardRun,
          # Its lines with a non-zero amount, by tenant: one page of them.
          lines: []Line,
          # Cursor for the following page of lines; absent on the last page.
          next: ?string
        )

        # Approves a draft run; it is immutable from then on.
        method Approve(
          # The run's id.
          run: int
        ) -> (
          # The run, approved.
          run: RewardRun
        )

        # Recomputes a run from its recorded inputs and policy versions; it must agree to the fen.
        # `dataChanged` tells whether the park's data now gives other inputs (re-run to adjust).
        method Verify(
          # The run's id.
          run: int
        ) -> (
          # The run.
          run: RewardRun,
          # True when its inputs are intact and the recomputation gives every amount it recorded.
          agrees: bool,
          # True when the inputs stored with the run still have the hash it recorded.
          inputsIntact: bool,
          # Tenant-rule amounts compared.
          checked: int,
          # The amounts that differ, by tenant then rule.
          differences: []Difference,
          # True when the park's data now gives other inputs for the period.
          dataChanged: bool,
          # How the run differs from what the audit trail recorded when it was computed or
          # approved (its lines, total or inputs changed in the database file); null when it is
          # as recorded, or was made by a parkd that recorded no runs.
          unlikeRecorded: ?string
        )

        # No run has this id.
        error NoSuchRun (
          # The id asked for.
          run: int
        )

        # The run is not a draft (approved runs never change).
        error RunNotDraft (
          # The run's id.
          run: int,
          # Its status: approved or superseded.
          status: string
        )

        # Every rule computed was approved for the period and the data still gives the same
        # amounts; `run` is the latest approved run of the period.
        error NoDifferences (
          # The period asked for.
          period: string,
          # The latest approved run of the period.
          run: int
        )

        # The draft was computed before other runs covering its rules for the same period were
        # approved (`approvedSince`): approving it would count their amounts twice. Run the
        # period again.
        error RunOutdated (
          # The draft's id.
          run: int,
          # Its period.
          period: string,
          # The runs approved since it was computed.
          approvedSince: []int
        )

        # The draft is not the run its computation recorded in the audit trail: it was changed
        # in the database file. It is not approved.
        error RunNotAsRecorded (
          # The draft's id.
          run: int,
          # How it differs from what its computation recorded in the audit trail.
          difference: string
        )

        # The draft no longer holds what the policies in force compute from the data now (a
        # report corrected or withdrawn, a lease changed, another policy in force since it was
        # computed): approving it would publish and pay amounts the data no longer gives.
        # Run the period again.
        error RunChanged (
          # The draft's id.
          run: int,
          # Its period.
          period: string,
          # Each amount that changed, by tenant and rule ("tenant 3 PLACEMENT: 5200.00 in the
          # draft, 0.00 now"): the first 20.
          changes: []string,
          # How many more changed than are listed; absent when none.
          more: ?int
        )

        # The run cannot be computed: no policy in force, or a formula failing on some tenant's
        # data (the message names file, line, column, rule and tenant). A rule asked for that is
        # unknown, or not computed in runs of the period, is refused as InvalidField (rules).
        error CalculationFailed (
          # What failed, and where.
          message: string
        )

        """)

    public static let run = VarlinkMethod<Run, RunReply>("io.parkd.Reward.Run", access: .write)
    public static let list = VarlinkMethod<List, ListReply>("io.parkd.Reward.List", access: .read)
    /// Answers its former name, Show, until the next release.
    public static let get = VarlinkMethod<Get, GetReply>("io.parkd.Reward.Get", access: .read, formerNames: ["io.parkd.Reward.Show"])
    public static let approve = VarlinkMethod<Approve, ApproveReply>("io.parkd.Reward.Approve", access: .write)
    public static let verify = VarlinkMethod<Verify, VerifyReply>("io.parkd.Reward.Verify", access: .read)

    @MemberwiseInit
    public struct PolicyVersion: Codable, Sendable, Equatable {
        public var id: String
        public var hash: String
    }

    @MemberwiseInit
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
    }

    @MemberwiseInit
    public struct Step: Codable, Sendable, Equatable {
        public var kind: String
        public var name: String
        public var value: String
        public var source: String?
        public var context: String?
    }

    @MemberwiseInit
    public struct Explanation: Codable, Sendable, Equatable {
        public var rule: String
        public var title: String
        public var clause: String
        public var policy: String
        public var policyDocument: String
        public var period: String
        public var amount: String
        public var steps: [Step]
    }

    @MemberwiseInit
    public struct Line: Codable, Sendable, Equatable {
        public var tenant: Int64
        public var creditCode: String
        public var name: String
        public var rule: String
        public var period: String
        public var amount: String
        public var explanation: Explanation?
    }

    @MemberwiseInit
    public struct Difference: Codable, Sendable, Equatable {
        public var tenant: Int64
        public var rule: String
        public var recorded: String
        public var recomputed: String
    }

    @MemberwiseInit
    public struct Run: Codable, Sendable {
        public var period: String
        public var rules: [String]?
    }

    /// The reply of Run, and of Approve.
    @MemberwiseInit
    public struct RunReply: Codable, Sendable {
        public var run: RewardRun
    }

    public typealias ApproveReply = RunReply

    @MemberwiseInit
    public struct List: Codable, Sendable {
        public var period: String?
    }

    @MemberwiseInit
    public struct ListReply: Codable, Sendable {
        public var runs: [RewardRun]
    }

    @MemberwiseInit
    public struct Get: Codable, Sendable {
        public var run: Int64
        public var tenant: String?
        public var explain: Bool?
        public var limit: Int? = nil
        public var after: String? = nil
    }

    @MemberwiseInit
    public struct GetReply: Codable, Sendable {
        public var run: RewardRun
        public var lines: [Line]
        public var next: String? = nil
    }

    @MemberwiseInit
    public struct Approve: Codable, Sendable {
        public var run: Int64
    }

    @MemberwiseInit
    public struct Verify: Codable, Sendable {
        public var run: Int64
    }

    @MemberwiseInit
    public struct VerifyReply: Codable, Sendable {
        public var run: RewardRun
        public var agrees: Bool
        public var inputsIntact: Bool
        public var checked: Int
        public var differences: [Difference]
        public var dataChanged: Bool
        public var unlikeRecorded: String?
    }
}
