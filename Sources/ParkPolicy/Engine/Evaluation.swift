import MemberwiseInit
import ParkCore

/// What a formula reads that may change from one day to the next: the engine evaluates a
/// formula only on the days one of them changes, which gives the same result as every day.
struct FormulaReads: OptionSet, Sendable {
    let rawValue: Int
    static let status = FormulaReads(rawValue: 1)
    static let leases = FormulaReads(rawValue: 2)
    static let leaseYear = FormulaReads(rawValue: 4)
    static let parameters = FormulaReads(rawValue: 8)
    static let calendarMonth = FormulaReads(rawValue: 16)
    /// The day itself: evaluate on every day.
    static let everyDay = FormulaReads(rawValue: 32)
    /// Anything that may differ from one day of a period to the next.
    static let dayLevel: FormulaReads = [.status, .leases, .leaseYear, .calendarMonth, .everyDay]
}

/// Compiled formula code: runs against one evaluation (tenant, period, day, policy).
typealias FormulaCode = (Evaluation) throws(EvaluationFailure) -> Value

/// A checked formula: its type, its code, and what it depends on.
struct Formula: Sendable {
    let type: ValueType
    let code: @Sendable (Evaluation) throws(EvaluationFailure) -> Value
    let reads: FormulaReads
    /// Rules whose amounts it reads, and whether for the period being computed.
    let references: [RuleReference]
    /// The value, when the formula is a literal.
    var constant: Value? = nil
    /// The same formula for the columnar engine, in integers (nil: only the exact rationals
    /// above compute it, and rules using it are computed by them).
    var plan: ColumnPlan? = nil
    /// How deep its evaluation goes, with the definitions it uses (`FormulaSyntax.depth`).
    var depth = 1
    /// How many steps one evaluation takes, each definition it uses counted in full wherever it
    /// is used (`FormulaSyntax.size`): definitions are evaluated where they are named.
    var size = 1

    /// The deepest a formula may go with the definitions it uses: each level is a call on the
    /// evaluating thread's stack, and real formulas go a dozen deep.
    static let maximumDepth = 200
    /// The most steps one evaluation of a formula may take: real rules take a few hundred; a
    /// definition that names another twice, which names another twice, … doubles at each level,
    /// and would run for hours past any time limit.
    static let maximumSize = 100_000
}

struct RuleReference: Sendable {
    let rule: String
    let samePeriod: Bool
    let position: SourcePosition
}

/// A formula that failed while running: where, and why.
struct EvaluationFailure: Error {
    let position: SourcePosition
    let message: String
}

/// The state one formula evaluation reads: the tenant, the period, the day, the policy.
final class Evaluation {
    var profile: TenantProfile
    unowned let ledger: TenantLedger
    var policy: Policy
    var rule: PolicyRule
    var period: RewardPeriod
    var day: CivilDate
    var trace: Trace?

    init(profile: TenantProfile, ledger: TenantLedger, policy: Policy, rule: PolicyRule, period: RewardPeriod, day: CivilDate, trace: Trace?) {
        self.profile = profile
        self.ledger = ledger
        self.policy = policy
        self.rule = rule
        self.period = period
        self.day = day
        self.trace = trace
    }

    /// Turns the evaluation to another computation of the same ledger. References already in
    /// place are kept: assigning one costs two reference counts, and computations one after
    /// the other mostly share the tenant and the policy.
    func restart(profile: TenantProfile, policy: Policy, rule: PolicyRule, period: RewardPeriod, trace: Trace?) {
        if self.profile !== profile { self.profile = profile }
        use(policy, rule)
        self.period = period
        day = period.end
        if self.trace !== trace { self.trace = trace }
    }

    /// Evaluates with this policy's definition of the rule from now on (kept when already so).
    func use(_ policy: Policy, _ rule: PolicyRule) {
        if self.policy !== policy { self.policy = policy }
        if self.rule !== rule { self.rule = rule }
    }

    /// Adds a step to the explanation being traced; nothing is computed when none is.
    func record(
        _ kind: ExplanationStep.Kind, _ name: @autoclosure () -> StepText, _ value: @autoclosure () -> StepText,
        source: @autoclosure () -> StepText? = nil
    ) {
        guard let trace else { return }
        trace.record(kind, name(), value(), source: source())
    }
}

/// Collects the steps of an explanation while formulas run (only when one is asked for), as
/// compact typed parts (`CompactExplanation`), formatted only when shown.
final class Trace {
    /// The steps, encoded one after the other.
    private(set) var steps: [UInt8] = []
    /// The part of the period being evaluated (a span of days), shown next to each step.
    var context: StepText? {
        didSet { contextSteps.removeAll(keepingCapacity: true) }
    }
    /// Where each step of the current context begins in `steps`: a value read twice in one
    /// context is shown once (a handful of steps, so a scan beats hashing).
    private var contextSteps: [Int] = []

    func record(_ kind: ExplanationStep.Kind, _ name: StepText, _ value: @autoclosure () -> StepText, source: @autoclosure () -> StepText?) {
        let recorded = name.bytes.withBytes { name in
            contextSteps.contains { start in CompactExplanation.step(at: start, in: steps, is: kind, named: name) }
        }
        guard !recorded else { return }
        contextSteps.append(steps.count)
        CompactExplanation.appendStep(kind, name: name, value: value(), source: source(), context: context, to: &steps)
    }
}

/// Why a tenant is owed an amount under a rule for a period: every input with its source, every
/// parameter with the day it took effect, every intermediate value, caps, rounding and budget;
/// as it is shown (a run records it as a `CompactExplanation` and formats it when read).
public struct Explanation: Codable, Sendable, Equatable {
    public var rule: String
    public var title: String
    public var clause: String
    public var policy: String
    public var policyDocument: String
    public var period: String
    public var amount: String
    public var steps: [ExplanationStep]
}

@MemberwiseInit
public struct ExplanationStep: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable {
        /// A fact about the tenant, its leases or its reports.
        case input
        /// A policy parameter and the day its value took effect.
        case parameter
        /// A named intermediate value (a definition or a `let`).
        case value
        /// Another rule's amount.
        case rule
        /// The formula's result, caps, rounding and budget scaling.
        case result
    }

    public var kind: Kind
    public var name: String
    public var value: String
    public var source: String?
    /// The days this step is about, when the rule is summed day by day.
    public var context: String?
}
