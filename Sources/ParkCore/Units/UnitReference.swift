/// How a request names a unit: by id, or by its label as the park writes it (`A-1203`).
public enum UnitReference: Equatable, Sendable, CustomStringConvertible {
    case id(Int64)
    case label(String)

    /// Exactly one of the two; `unit` and `label` are the request's fields.
    public init(id: Int64?, label: String?) throws(DomainError) {
        switch (id, label) {
        case (let id?, nil): self = .id(id)
        case (nil, let label?): self = .label(label)
        case (nil, nil): throw .invalid("unit", "give the unit's id or its label (building-number, e.g. A-1203)")
        case (_?, _?): throw .invalid("label", "give the unit's id or its label, not both")
        }
    }

    public var description: String {
        switch self {
        case .id(let id): String(id)
        case .label(let label): label
        }
    }
}
