import ParkCore
import Yams

/// What a policy file says about the days up to one day, as the days after it cannot change:
/// its rules, definitions and budgets, its parameters' values dated up to that day, and the
/// days it is in force up to it; not its title, issuer, document or `replaces`, nor how its
/// YAML is written (comments, quoting, layout). Two versions of a policy that say the same
/// through a day compute the same for every period that ends by then, whatever data comes.
public struct PolicyThroughDay: Equatable {
    /// Nil when the policy is not in force on any day through `day`.
    let text: Node?

    public init(_ policy: Policy, through day: CivilDate) {
        guard policy.inForce.lowerBound <= day, case .mapping(let mapping)?? = try? YAMLInput.compose(policy.source) else {
            text = nil
            return
        }
        var pairs: [(Node, Node)] = []
        for (key, value) in mapping {
            switch key.string {
            case "title", "issuer", "document", "replaces":
                continue
            case "in_force":
                let until = min(policy.inForce.upperBound, day)
                pairs.append((key, Node("\(policy.inForce.lowerBound)..\(until)")))
            case "parameters":
                pairs.append((key, Self.parameters(value, through: day)))
            default:
                pairs.append((key, value))
            }
        }
        text = .mapping(Node.Mapping(pairs))
    }

    /// Each parameter with only the values dated through `day`.
    private static func parameters(_ node: Node, through day: CivilDate) -> Node {
        guard case .mapping(let parameters) = node else { return node }
        return .mapping(Node.Mapping(parameters.map { name, declaration -> (Node, Node) in
            guard case .mapping(let fields) = declaration else { return (name, declaration) }
            return (name, .mapping(Node.Mapping(fields.map { field, value -> (Node, Node) in
                guard field.string == "values", case .mapping(let values) = value else { return (field, value) }
                return (field, .mapping(Node.Mapping(values.filter { dated, _ in
                    guard let text = dated.string, let from = try? CivilDate.parse(text, field: "values") else { return true }
                    return from <= day
                })))
            })))
        }))
    }
}

/// A policy that other files would change for the days approved runs depend on: edited in what
/// it says through then, removed, or added over them (a policy in force on those days, even with
/// rules of its own, changes what they computed: new money for them, or the budget of a year
/// taken from it).
public struct RewrittenPolicy: Equatable, Sendable {
    public enum Change: String, Sendable {
        case edited, removed, added
    }

    public let policy: String
    /// The last day of the latest approved period on or after the policy's first day.
    public let through: CivilDate
    public let change: Change

    /// The policies that `proposed` rewrites, against `inForce`, for days approved periods depend
    /// on: every approved period ending on or after a policy's first day (in either version) may
    /// read it (an annual cap counts the year's earlier months; a rule may read another's
    /// earlier years).
    public static func find(inForce: PolicyBook, proposed: PolicyBook, approvedPeriods: [RewardPeriod]) -> [RewrittenPolicy] {
        let ends = approvedPeriods.map(\.end)
        func through(from first: CivilDate) -> CivilDate? { ends.filter { $0 >= first }.max() }
        var found: [RewrittenPolicy] = []
        for old in inForce.policies {
            guard let new = proposed.policies.first(where: { $0.id == old.id }) else {
                if let through = through(from: old.inForce.lowerBound) { found.append(RewrittenPolicy(policy: old.id, through: through, change: .removed)) }
                continue
            }
            guard new.hash != old.hash, let through = through(from: min(old.inForce.lowerBound, new.inForce.lowerBound)),
                  PolicyThroughDay(old, through: through) != PolicyThroughDay(new, through: through) else { continue }
            found.append(RewrittenPolicy(policy: old.id, through: through, change: .edited))
        }
        for new in proposed.policies where !inForce.policies.contains(where: { $0.id == new.id }) {
            if let through = through(from: new.inForce.lowerBound) { found.append(RewrittenPolicy(policy: new.id, through: through, change: .added)) }
        }
        return found
    }

    public var summary: String {
        switch change {
        case .removed: "\(policy) is removed, though approved periods through \(through) were computed under it"
        case .added: "\(policy) is added in force on days approved periods through \(through) were computed for; a new policy starts after them"
        case .edited:
            "\(policy) says otherwise for days through \(through), which approved periods were computed under (its rules, definitions, budgets, days in force or values dated then)"
        }
    }
}
