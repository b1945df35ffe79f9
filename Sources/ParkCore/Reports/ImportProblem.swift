import MemberwiseInit

/// One thing wrong with one cell (or row) of an imported file. `line` counts from 1, the header
/// being line 1.
@MemberwiseInit
public struct ImportProblem: Equatable, Sendable, CustomStringConvertible {
    public var line: Int
    public var column: String
    public var reason: String

    /// `error` on `line`, in the column it names.
    public init(line: Int, _ error: DomainError) {
        self.init(line: line, column: error.field, reason: error.reason)
    }

    public var description: String { "line \(line), \(column): \(reason)" }
}

extension ImportProblem: Error {}
