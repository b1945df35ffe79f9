/// Where a firm comes from: the city itself, or brought in from elsewhere.
public enum Origin: String, CaseIterable, Codable, Sendable {
    case local, external

    public static func parse(_ text: String, field: String = "origin") throws(DomainError) -> Origin {
        guard let origin = Origin(rawValue: text) else {
            throw .invalid(field, "'\(text)' is not an origin; use local or external")
        }
        return origin
    }
}
