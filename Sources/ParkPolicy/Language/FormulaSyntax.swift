import MemberwiseInit
import ParkCore

/// A place in a policy file: line and column, both from 1 (columns count Unicode scalars).
@MemberwiseInit
public struct SourcePosition: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let line: Int
    public let column: Int

    public static func < (lhs: SourcePosition, rhs: SourcePosition) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }

    public var description: String { "\(line):\(column)" }
}

/// Where a formula's text sits in its file, line by line, so every token gets its file position.
@MemberwiseInit
public struct FormulaOrigin: Sendable {
    /// The file position of the first character of each line of the formula's text.
    public let lineStarts: [SourcePosition]

    /// A formula on one line, starting at `position`.
    public static func at(_ position: SourcePosition) -> FormulaOrigin { FormulaOrigin(lineStarts: [position]) }

    func position(line: Int, column: Int) -> SourcePosition {
        guard line < lineStarts.count else {
            let last = lineStarts.last ?? SourcePosition(line: 1, column: 1)
            return SourcePosition(line: last.line + line - lineStarts.count + 1, column: column + 1)
        }
        let start = lineStarts[line]
        return SourcePosition(line: start.line, column: start.column + column)
    }
}

/// A formula as written, before its names and types are checked.
indirect enum FormulaSyntax: Sendable {
    case number(Exact, NumberUnit, SourcePosition)
    case text(String, SourcePosition)
    case date(CivilDate, SourcePosition)
    case boolean(Bool, SourcePosition)
    case name(String, SourcePosition)
    case call(String, [FormulaSyntax], SourcePosition)
    case negate(FormulaSyntax, SourcePosition)
    case not(FormulaSyntax, SourcePosition)
    case binary(BinaryOperator, FormulaSyntax, FormulaSyntax, SourcePosition)
    case conditional(FormulaSyntax, FormulaSyntax, FormulaSyntax, SourcePosition)

    var position: SourcePosition {
        switch self {
        case .number(_, _, let at), .text(_, let at), .date(_, let at), .boolean(_, let at), .name(_, let at),
             .call(_, _, let at), .negate(_, let at), .not(_, let at), .binary(_, _, _, let at), .conditional(_, _, _, let at):
            at
        }
    }

    /// The levels of its tree, a name counting as deep as what it names (`depthOfName`, 0 for
    /// what is no definition): how deep its evaluation goes. The parser bounds the tree.
    /// The steps one evaluation takes, `sizeOfName` giving a definition's (as large as it is,
    /// wherever it is named); it stops counting past `limit`.
    func size(limit: Int, _ sizeOfName: (String) -> Int) -> Int {
        func sum(_ parts: [FormulaSyntax]) -> Int {
            var total = 1
            for part in parts {
                total += part.size(limit: limit, sizeOfName)
                if total > limit { return total }
            }
            return total
        }
        return switch self {
        case .number, .text, .date, .boolean: 1
        case .name(let name, _): 1 + min(sizeOfName(name), limit)
        case .call(_, let arguments, _): sum(arguments)
        case .negate(let operand, _), .not(let operand, _): sum([operand])
        case .binary(_, let left, let right, _): sum([left, right])
        case .conditional(let condition, let whenTrue, let whenFalse, _): sum([condition, whenTrue, whenFalse])
        }
    }

    func depth(_ depthOfName: (String) -> Int) -> Int {
        switch self {
        case .number, .text, .date, .boolean: 1
        case .name(let name, _): 1 + depthOfName(name)
        case .call(_, let arguments, _): 1 + (arguments.map { $0.depth(depthOfName) }.max() ?? 0)
        case .negate(let operand, _), .not(let operand, _): 1 + operand.depth(depthOfName)
        case .binary(_, let left, let right, _): 1 + max(left.depth(depthOfName), right.depth(depthOfName))
        case .conditional(let condition, let whenTrue, let whenFalse, _):
            1 + max(condition.depth(depthOfName), whenTrue.depth(depthOfName), whenFalse.depth(depthOfName))
        }
    }
}

/// The unit written after a number literal.
enum NumberUnit: Sendable {
    /// `12` (a count) or `0.4` (a rate).
    case none
    /// `40%`.
    case percent
    /// `100 yuan`.
    case yuan
    /// `500 m2`.
    case squareMetres
    /// `35 yuan/m2` (per month).
    case yuanPerSquareMetre
}

enum BinaryOperator: String, Sendable {
    case add = "+", subtract = "-", multiply = "*", divide = "/"
    case less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">=", equal = "==", notEqual = "!="
    case and, or
}

/// A formula that cannot be read or checked, with its position in the file.
public struct FormulaError: Error, Sendable, Equatable {
    public let position: SourcePosition
    public let message: String

    public init(_ position: SourcePosition, _ message: String) {
        self.position = position
        self.message = message
    }
}
