import MemberwiseInit
import ParkCore

/// The policies in force together: which one applies to a rule on a day, and the runs.
///
/// Four stored properties (32 bytes), and no more: with six, a debug build of Swift 6.3.1
/// crashed when `PolicyRegistry.read` (typed throws, this book returned indirectly) threw to a
/// caller in another module — the callee wrote its error through a pointer the caller had not
/// passed. What a run derives from the book is derived by the run (`figuresPlansRead`).
public struct PolicyBook: Sendable {
    public let policies: [Policy]
    /// Every rule id, at its number: computed amounts are remembered under small keys.
    let ruleIDs: [String]
    /// By rule number: each policy defining the rule, oldest first.
    let timelines: [[(policy: Policy, rule: PolicyRule)]]
    /// By rule number: what the formulas of a daily rule read, and the days its spans must
    /// break on whatever the tenant (policy boundaries, parameter changes).
    let dailyBreaks: [(reads: FormulaReads, days: [CivilDate])]

    /// No policy: nothing is computed.
    public static let empty = PolicyBook(checked: [])

    private init(checked policies: [Policy]) {
        self.policies = policies
        var numbers: [String: Int] = [:]
        var timelines: [[(policy: Policy, rule: PolicyRule)]] = []
        for policy in policies {
            for rule in policy.rules {
                if numbers[rule.id] == nil {
                    numbers[rule.id] = numbers.count
                    timelines.append([])
                }
                timelines[numbers[rule.id]!].append((policy, rule))
            }
        }
        ruleIDs = numbers.sorted { $0.value < $1.value }.map(\.key)
        self.timelines = timelines
        dailyBreaks = timelines.map { timeline in
            var reads: FormulaReads = []
            var days: [CivilDate] = []
            for (policy, rule) in timeline where rule.perDay {
                reads.formUnion(rule.eligible.reads.union(rule.amount.reads))
                days.append(policy.inForce.lowerBound)
                if policy.inForce.upperBound < .distantFuture { days.append(policy.inForce.upperBound.adding(days: 1)) }
                for parameter in policy.parameters { days.append(contentsOf: parameter.values.map(\.from)) }
            }
            return (reads, Array(Set(days)).sorted())
        }
    }

    /// The report figures planned formulas read month by month, and those they sum over
    /// windows, in `ReportFigure` order: the columnar engine reads all of either kind from a
    /// tenant's reports at once (`ColumnarRun.monthFigure`, `ColumnarRun.windowSum`).
    func figuresPlansRead() -> (monthly: [ReportFigure], summed: [ReportFigure]) {
        var monthly: Set<ReportFigure> = [], summed: Set<ReportFigure> = []
        for (_, rule) in timelines.joined() {
            for formula in [rule.eligible, rule.amount, rule.capPerPeriod, rule.capPerYear, rule.capLifetime] {
                formula?.plan?.node.collectFigures(monthly: &monthly, summed: &summed)
            }
        }
        return (ReportFigure.allCases.filter(monthly.contains), ReportFigure.allCases.filter(summed.contains))
    }

    /// Puts checked policies together; two policies may not define the same rule on a common day.
    public init(_ policies: [Policy]) throws(PolicyProblems) {
        var problems: [PolicyProblem] = []
        let sorted = policies.sorted { ($0.inForce.lowerBound, $0.id) < ($1.inForce.lowerBound, $1.id) }
        var ids: Set<String> = []
        for policy in sorted where !ids.insert(policy.id).inserted {
            problems.append(PolicyProblem(file: policy.fileName, position: nil, message: "policy id \(policy.id) is used by more than one file"))
        }
        for (index, policy) in sorted.enumerated() {
            for other in sorted[(index + 1)...] where policy.inForce.overlaps(other.inForce) {
                for rule in policy.rules where other.rule(rule.id) != nil {
                    problems.append(PolicyProblem(
                        file: other.fileName, position: other.rule(rule.id)!.position,
                        message: "rule \(rule.id) is also defined by \(policy.id) (\(policy.fileName)), and both are in force from \(max(policy.inForce.lowerBound, other.inForce.lowerBound)); end \(policy.id) the day before"))
                }
            }
        }
        // A successor takes over on the day after the policy it replaces ends: no day of neither.
        for successor in sorted {
            if successor.replaces == successor.id {
                problems.append(PolicyProblem(file: successor.fileName, position: nil, message: "\(successor.id) names itself in `replaces`; name the policy it follows"))
                continue
            }
            guard let replaced = successor.replaces, let predecessor = sorted.first(where: { $0.id == replaced }) else { continue }
            let from = successor.inForce.lowerBound
            if predecessor.inForce.upperBound == CivilDate.distantFuture {
                problems.append(PolicyProblem(
                    file: predecessor.fileName, position: nil,
                    message: "\(successor.id) replaces \(predecessor.id) from \(from), but \(predecessor.id) has no end: give it `until: \(from.adding(days: -1))`"))
            } else if predecessor.inForce.upperBound.adding(days: 1) != from {
                let gap = predecessor.inForce.upperBound < from
                problems.append(PolicyProblem(
                    file: successor.fileName, position: nil,
                    message: "\(successor.id) replaces \(predecessor.id), which ends \(predecessor.inForce.upperBound), but starts \(from): "
                        + (gap ? "no policy of theirs is in force from \(predecessor.inForce.upperBound.adding(days: 1)) to \(from.adding(days: -1))"
                               : "both would be in force from \(from)")
                        + "; a successor starts the day after the policy it replaces ends"))
            }
        }
        for policy in sorted {
            for rule in policy.rules {
                for other in sorted where other !== policy {
                    if let twin = other.rule(rule.id), twin.period != rule.period {
                        problems.append(PolicyProblem(file: policy.fileName, position: rule.position,
                            message: "rule \(rule.id) is \(rule.period.rawValue) here but \(twin.period.rawValue) in \(other.id); a rule keeps its period across policies"))
                    }
                }
            }
        }
        guard problems.isEmpty else { throw PolicyProblems(problems) }
        self.init(checked: sorted)
    }

    /// The number of rule `id`, or nil when no policy defines it. Formulas ask while they run;
    /// with the handful of rules a book holds, comparing ids beats hashing one.
    func number(of id: String) -> Int? {
        ruleIDs.firstIndex(of: id)
    }

    /// The policy in force on `day` that defines rule `number`, with its definition there.
    func definition(_ number: Int, on day: CivilDate) -> (policy: Policy, rule: PolicyRule)? {
        timelines[number].first { $0.policy.inForce.contains(day) }
    }

    /// The latest definition of rule `number` in force on some day of the period.
    func lastDefinition(_ number: Int, during period: RewardPeriod) -> (policy: Policy, rule: PolicyRule)? {
        timelines[number].last { $0.policy.inForce.overlaps(period.start...period.end) }
    }

    /// The rules a run of the period computes: those of its kind in the policies in force on
    /// its last day, and daily rules of any policy in force during it; in policy order.
    public func rules(for period: RewardPeriod) -> [String] {
        var rules: [String] = []
        for policy in policies where policy.inForce.overlaps(period.start...period.end) {
            for rule in policy.rules where rule.period.runKind == period.kind && !rules.contains(rule.id)
                && (policy.inForce.contains(period.end) || rule.perDay) {
                rules.append(rule.id)
            }
        }
        return rules
    }

    /// The same book with `draft` in place of the policy with its id (or added).
    public func replacing(with draft: Policy) throws(PolicyProblems) -> PolicyBook {
        try PolicyBook(policies.filter { $0.id != draft.id } + [draft])
    }
}

/// One problem in a policy file: where and what.
@MemberwiseInit
public struct PolicyProblem: Sendable, Equatable, CustomStringConvertible {
    public let file: String
    public let position: SourcePosition?
    public let message: String

    /// `P2021.yaml:34:12: unknown name 'rent_capp'; did you mean 'rent_cap'?`
    public var description: String {
        "\(file):" + (position.map { "\($0.line):\($0.column): " } ?? " ") + message
    }
}

extension PolicyProblem {
    /// The longest file name a policy or test file may be given (a file name of the system's).
    public static let fileNameBytes = 255

    /// The problem of a file name longer than `fileNameBytes`, naming its start; nil for a name
    /// that fits. A name is repeated in every problem of its file: it stays short.
    public static func fileNameTooLong(_ name: String) -> PolicyProblem? {
        guard name.utf8.count > fileNameBytes else { return nil }
        return PolicyProblem(
            file: "\(name.prefix(40))…", position: nil,
            message: "the file name is \(name.utf8.count) bytes long; at most \(fileNameBytes) are allowed")
    }
}

/// Every problem found in one or more policy files; nothing of them is used.
public struct PolicyProblems: Error, Sendable, CustomStringConvertible {
    public let problems: [PolicyProblem]

    /// The most problems listed: past them, one last problem says how many more there are, so
    /// that a file of a million mistakes gets a reply of a hundred.
    public static let listed = 100

    public init(_ problems: [PolicyProblem]) {
        guard problems.count > Self.listed, let first = problems.first else {
            self.problems = problems
            return
        }
        let more = problems.count - Self.listed
        self.problems = Array(problems.prefix(Self.listed)) + [
            PolicyProblem(file: first.file, position: nil, message: "and \(more) more problem\(more == 1 ? "" : "s"), not listed: fix these first"),
        ]
    }

    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
