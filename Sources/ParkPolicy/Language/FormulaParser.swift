import ParkCore

/// Reads a formula's text into syntax:
///
///     formula  = "if" formula "then" formula "else" formula | or
///     or       = and { "or" and }          and = not { "and" not }
///     not      = "not" not | compare        compare = sum [ ("<"|"<="|">"|">="|"=="|"!=") sum ]
///     sum      = product { ("+"|"-") product }
///     product  = unary { ("*"|"/") unary }  unary = "-" unary | primary
///     primary  = number [ "%" | "yuan" [ "/" "m2" ] | "m2" ] | "text" | YYYY-MM-DD | true | false
///              | name [ "(" [ formula { "," formula } ] ")" ] | "(" formula ")"
///
/// `#` starts a comment to the end of the line. Numbers may group digits with `_`.
struct FormulaParser {
    private enum TokenKind: Equatable {
        case number(String)
        case word(String)
        case text(String)
        case date(CivilDate)
        case symbol(String)
        case end
    }

    private struct Token {
        let kind: TokenKind
        let position: SourcePosition
    }

    private var tokens: [Token] = []
    private var index = 0
    /// Formulas being read inside one another: brackets, an `if`'s parts, a call's arguments.
    private var nesting = 0

    /// The most numbers, names and symbols one formula may have: its tree, and each pass over
    /// it, stays far from the bottom of a thread's stack (a longer formula is split into
    /// definitions).
    static let maximumTokens = 1000
    /// The most formulas one may be read inside.
    static let maximumNesting = 64

    static func parse(_ text: String, origin: FormulaOrigin) throws(FormulaError) -> FormulaSyntax {
        var parser = FormulaParser()
        parser.tokens = try tokenize(text, origin: origin)
        if parser.tokens.count - 1 > maximumTokens {
            throw FormulaError(
                parser.tokens[maximumTokens].position,
                "the formula has \(parser.tokens.count - 1) numbers, names and symbols; at most \(maximumTokens) are allowed: split it into definitions")
        }
        let syntax = try parser.formula()
        let next = parser.peek
        guard next.kind == .end else { throw FormulaError(next.position, "the formula is complete before \(describe(next.kind)); is an operator missing?") }
        return syntax
    }

    // MARK: Grammar

    private mutating func formula() throws(FormulaError) -> FormulaSyntax {
        nesting += 1
        defer { nesting -= 1 }
        guard nesting <= Self.maximumNesting else {
            throw FormulaError(peek.position, "the formula nests more than \(Self.maximumNesting) deep (brackets, if, arguments); split it into definitions")
        }
        if case .word("if") = peek.kind {
            let at = advance().position
            let condition = try formula()
            try expect(word: "then")
            let whenTrue = try formula()
            try expect(word: "else")
            let whenFalse = try formula()
            return .conditional(condition, whenTrue, whenFalse, at)
        }
        return try or()
    }

    private mutating func or() throws(FormulaError) -> FormulaSyntax {
        var left = try and()
        while case .word("or") = peek.kind {
            let at = advance().position
            left = .binary(.or, left, try and(), at)
        }
        return left
    }

    private mutating func and() throws(FormulaError) -> FormulaSyntax {
        var left = try not()
        while case .word("and") = peek.kind {
            let at = advance().position
            left = .binary(.and, left, try not(), at)
        }
        return left
    }

    private mutating func not() throws(FormulaError) -> FormulaSyntax {
        if case .word("not") = peek.kind {
            let at = advance().position
            return .not(try not(), at)
        }
        return try compare()
    }

    private mutating func compare() throws(FormulaError) -> FormulaSyntax {
        let left = try sum()
        if case .symbol(let symbol) = peek.kind, let op = BinaryOperator(rawValue: symbol),
           [.less, .lessOrEqual, .greater, .greaterOrEqual, .equal, .notEqual].contains(op) {
            let at = advance().position
            let right = try sum()
            if case .symbol(let again) = peek.kind, ["<", "<=", ">", ">=", "==", "!="].contains(again) {
                throw FormulaError(peek.position, "comparisons do not chain; join them with 'and'")
            }
            return .binary(op, left, right, at)
        }
        return left
    }

    private mutating func sum() throws(FormulaError) -> FormulaSyntax {
        var left = try product()
        while case .symbol(let symbol) = peek.kind, symbol == "+" || symbol == "-" {
            let at = advance().position
            left = .binary(symbol == "+" ? .add : .subtract, left, try product(), at)
        }
        return left
    }

    private mutating func product() throws(FormulaError) -> FormulaSyntax {
        var left = try unary()
        while case .symbol(let symbol) = peek.kind, symbol == "*" || symbol == "/" {
            let at = advance().position
            left = .binary(symbol == "*" ? .multiply : .divide, left, try unary(), at)
        }
        return left
    }

    private mutating func unary() throws(FormulaError) -> FormulaSyntax {
        if case .symbol("-") = peek.kind {
            let at = advance().position
            return .negate(try unary(), at)
        }
        return try primary()
    }

    private mutating func primary() throws(FormulaError) -> FormulaSyntax {
        let token = advance()
        switch token.kind {
        case .number(let text):
            return try number(text, at: token.position)
        case .text(let text):
            return .text(text, token.position)
        case .date(let date):
            return .date(date, token.position)
        case .word("true"):
            return .boolean(true, token.position)
        case .word("false"):
            return .boolean(false, token.position)
        case .word(let word) where Self.keywords.contains(word):
            throw FormulaError(token.position, "expected a value, found '\(word)'")
        case .word(let name):
            guard case .symbol("(") = peek.kind else { return .name(name, token.position) }
            advance()
            var arguments: [FormulaSyntax] = []
            if case .symbol(")") = peek.kind {
                advance()
                return .call(name, arguments, token.position)
            }
            while true {
                arguments.append(try formula())
                let next = advance()
                if case .symbol(")") = next.kind { break }
                guard case .symbol(",") = next.kind else {
                    throw FormulaError(next.position, "expected ',' or ')' in the arguments of \(name), found \(Self.describe(next.kind))")
                }
            }
            return .call(name, arguments, token.position)
        case .symbol("("):
            let inner = try formula()
            let close = advance()
            guard case .symbol(")") = close.kind else {
                throw FormulaError(close.position, "expected ')' to close the '(' at \(token.position), found \(Self.describe(close.kind))")
            }
            return inner
        default:
            throw FormulaError(token.position, "expected a value, found \(Self.describe(token.kind))")
        }
    }

    /// Why a number as written cannot be read: too many digits on either side of the point (the
    /// language holds 20 whole digits and 12 after the point, exactly), else not a number.
    static func unreadableNumber(_ text: String) -> String {
        let digits = text.filter { $0 != "_" && $0 != "," && $0 != "%" && $0 != "-" }
        let parts = digits.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }) else { return "'\(text)' is not a number" }
        if let whole = parts.first, whole.count > 20 { return "'\(text)' has more than 20 digits before the point: too large for a policy" }
        if parts.count == 2, parts[1].count > 12 { return "'\(text)' has more than 12 digits after the point: more precise than a policy's numbers are kept" }
        return "'\(text)' is not a number"
    }

    private mutating func number(_ text: String, at position: SourcePosition) throws(FormulaError) -> FormulaSyntax {
        guard let value = Exact.parse(text) else { throw FormulaError(position, Self.unreadableNumber(text)) }
        if text.hasSuffix("%") { return .number(value, .percent, position) }
        if case .word("yuan") = peek.kind {
            advance()
            if case .symbol("/") = peek.kind, index + 1 < tokens.count, case .word("m2") = tokens[index + 1].kind {
                advance()
                advance()
                return .number(value, .yuanPerSquareMetre, position)
            }
            return .number(value, .yuan, position)
        }
        if case .word("m2") = peek.kind {
            advance()
            return .number(value, .squareMetres, position)
        }
        return .number(value, .none, position)
    }

    private static let keywords: Set<String> = ["if", "then", "else", "and", "or", "not"]

    private var peek: Token { tokens[index] }

    @discardableResult
    private mutating func advance() -> Token {
        let token = tokens[index]
        if index < tokens.count - 1 { index += 1 }
        return token
    }

    private mutating func expect(word: String) throws(FormulaError) {
        let token = advance()
        guard case .word(word) = token.kind else {
            throw FormulaError(token.position, "expected '\(word)', found \(Self.describe(token.kind))")
        }
    }

    private static func describe(_ kind: TokenKind) -> String {
        switch kind {
        case .number(let text): "the number \(text)"
        case .word(let word): "'\(word)'"
        case .text(let text): "the text \"\(text)\""
        case .date(let date): "the date \(date)"
        case .symbol(let symbol): "'\(symbol)'"
        case .end: "the end of the formula"
        }
    }

    // MARK: Tokens

    private static func tokenize(_ text: String, origin: FormulaOrigin) throws(FormulaError) -> [Token] {
        var tokens: [Token] = []
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (lineIndex, line) in lines.enumerated() {
            let scalars = Array(line.unicodeScalars)
            var column = 0
            func at(_ column: Int) -> SourcePosition { origin.position(line: lineIndex, column: column) }
            while column < scalars.count {
                let scalar = scalars[column]
                let start = column
                if scalar == "#" { break }
                if scalar == " " || scalar == "\t" || scalar == "\r" {
                    column += 1
                } else if isDigit(scalar) {
                    while column < scalars.count, isDigit(scalars[column]) || scalars[column] == "_" || scalars[column] == "." {
                        column += 1
                    }
                    // A date: four digits, '-', two digits, '-', two digits.
                    if column - start == 4, column + 5 < scalars.count + 1, column + 6 <= scalars.count,
                       scalars[column] == "-", isDigit(scalars[column + 1]), isDigit(scalars[column + 2]),
                       scalars[column + 3] == "-", isDigit(scalars[column + 4]), isDigit(scalars[column + 5]) {
                        column += 6
                        let literal = String(String.UnicodeScalarView(scalars[start..<column]))
                        guard let date = try? CivilDate.parse(literal, field: "date") else {
                            throw FormulaError(at(start), "'\(literal)' is not a day of the calendar")
                        }
                        tokens.append(Token(kind: .date(date), position: at(start)))
                        continue
                    }
                    if column < scalars.count, scalars[column] == "%" { column += 1 }
                    tokens.append(Token(kind: .number(String(String.UnicodeScalarView(scalars[start..<column]))), position: at(start)))
                } else if isLetter(scalar) {
                    while column < scalars.count, isLetter(scalars[column]) || isDigit(scalars[column]) { column += 1 }
                    tokens.append(Token(kind: .word(String(String.UnicodeScalarView(scalars[start..<column]))), position: at(start)))
                } else if scalar == "\"" {
                    column += 1
                    while column < scalars.count, scalars[column] != "\"" { column += 1 }
                    guard column < scalars.count else { throw FormulaError(at(start), "this text has no closing '\"'") }
                    tokens.append(Token(kind: .text(String(String.UnicodeScalarView(scalars[(start + 1)..<column]))), position: at(start)))
                    column += 1
                } else {
                    let two = column + 1 < scalars.count ? String(String.UnicodeScalarView(scalars[column...(column + 1)])) : ""
                    if ["<=", ">=", "==", "!="].contains(two) {
                        tokens.append(Token(kind: .symbol(two), position: at(start)))
                        column += 2
                    } else if "+-*/(),<>".unicodeScalars.contains(scalar) {
                        tokens.append(Token(kind: .symbol(String(scalar)), position: at(start)))
                        column += 1
                    } else if scalar == "=" {
                        throw FormulaError(at(start), "'=' is not an operator; compare with '=='")
                    } else {
                        throw FormulaError(at(start), "unexpected character '\(scalar)'")
                    }
                }
            }
        }
        let endLine = max(0, lines.count - 1)
        tokens.append(Token(kind: .end, position: origin.position(line: endLine, column: lines.last.map { $0.unicodeScalars.count } ?? 0)))
        return tokens
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }
    private static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || scalar == "_"
    }
}
