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

/// A policy in force when approved runs were computed that other files would change for the
/// days those runs depend on: edited in what it says through then, or removed.
public struct RewrittenPolicy: Equatable, Sendable {
    public let policy: String
    /// The last day of the latest approved period after the policy came into force.
    public let through: CivilDate
    public let removed: Bool

    /// The policies of `inForce` that `proposed` rewrites for days approved periods depend on:
    /// every approved period ending on or after a policy's first day may read it (an annual
    /// cap counts the year's earlier months; a rule may read another's earlier years).
    public static func find(inForce: PolicyBook, proposed: PolicyBook, approvedPeriods: [RewardPeriod]) -> [RewrittenPolicy] {
        inForce.policies.compactMap { old in
            guard let through = approvedPeriods.map(\.end).filter({ $0 >= old.inForce.lowerBound }).max() else { return nil }
            guard let new = proposed.policies.first(where: { $0.id == old.id }) else {
                return RewrittenPolicy(policy: old.id, through: through, removed: true)
            }
            guard new.hash != old.hash, PolicyThroughDay(old, through: through) != PolicyThroughDay(new, through: through) else { return nil }
            return RewrittenPolicy(policy: old.id, through: through, removed: false)
        }
    }

    public var summary: String {
        removed
            ? "\(policy) is removed, though approved periods through \(through) were computed under it"
            : "\(policy) says otherwise for days through \(through), which approved periods were computed under (its rules, definitions, budgets, days in force or values dated then)"
    }
}
