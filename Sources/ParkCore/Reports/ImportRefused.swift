import MemberwiseInit

/// An import refused as a whole, with every problem found.
@MemberwiseInit
public struct ImportRefused: Error, Equatable, Sendable, CustomStringConvertible {
    public var problems: [ImportProblem]

    public var description: String { problems.map(\.description).joined(separator: "; ") }
}
