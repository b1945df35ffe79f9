import MemberwiseInit

/// A floor area in square metres, exact to 0.01 m².
@MemberwiseInit
public struct Area: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Hundredths of a square metre.
    public let centiSquareMetres: Int64

    public static let zero = Area(centiSquareMetres: 0)

    /// Parses `120`, `120.5` or `120.25`; must be positive.
    public static func parse(_ text: String, field: String) throws(DomainError) -> Area {
        let value: Int64
        switch DecimalText.read(text, places: 2) {
        case .malformed: throw .invalid(field, "'\(text)' is not an area in m² with at most two decimals, e.g. 120.25")
        case .tooLong(negative: true): throw .invalid(field, "'\(text)' must be more than 0 m²")
        case .tooLong(negative: false): throw .invalid(field, "'\(text)' m² is more than any unit holds")
        case .value(let read): value = read
        }
        guard value > 0 else { throw .invalid(field, "'\(text)' must be more than 0 m²") }
        guard value <= 100_000_000 else { throw .invalid(field, "'\(text)' m² is more than any unit holds") }
        return Area(centiSquareMetres: value)
    }

    public static func < (lhs: Area, rhs: Area) -> Bool { lhs.centiSquareMetres < rhs.centiSquareMetres }
    public static func + (lhs: Area, rhs: Area) -> Area { Area(centiSquareMetres: lhs.centiSquareMetres + rhs.centiSquareMetres) }

    public var description: String { DecimalText.format(centiSquareMetres, places: 2) }
}
