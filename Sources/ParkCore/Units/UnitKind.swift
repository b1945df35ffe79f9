/// What a unit of the park is used for.
public enum UnitKind: String, CaseIterable, Codable, Sendable {
    /// Leased office space: earns rent subsidies.
    case office
    /// A seat in the startup incubator.
    case incubator
    /// Shared space (meeting rooms, service hall).
    case shared

    public static func parse(_ text: String, field: String = "kind") throws(DomainError) -> UnitKind {
        guard let kind = UnitKind(rawValue: text) else {
            throw .invalid(field, "'\(text)' is not a unit kind; use office, incubator or shared")
        }
        return kind
    }
}
