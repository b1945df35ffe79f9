/// A Varlink interface definition read back from its text: its types, methods and errors, each
/// with its fields and whether a comment line stands above it, so that tests can go through
/// every method, field and comment of the definitions parkd serves without naming them.
public struct InterfaceDefinition: Sendable {
    /// One field of a struct type, an error or a method's parameters or reply.
    public struct Field: Sendable, Equatable {
        public let name: String
        /// The declared type as written (`string`, `?[]Tenant`, `(a: int)`); empty for an enum case.
        public let type: String
        /// A comment line stands right above it.
        public let commented: Bool
    }

    public enum Kind: String, Sendable {
        case type, method, error
    }

    /// A type, a method or an error.
    public struct Member: Sendable {
        public let kind: Kind
        public let name: String
        /// A comment line stands right above it.
        public let commented: Bool
        /// A type's fields (or an enum's cases), an error's fields, a method's parameters.
        public let fields: [Field]
        /// A method's reply; empty for a type or an error.
        public let reply: [Field]
    }

    /// Why a definition could not be read.
    public struct Unreadable: Error, CustomStringConvertible {
        public let description: String
    }

    /// The interface's name, from its `interface` line.
    public let name: String
    public let members: [Member]

    public init(_ text: String) throws(Unreadable) {
        var parser = Parser(tokens: Self.tokens(text))
        (name, members) = try parser.definition()
    }

    public var methods: [Member] { members.filter { $0.kind == .method } }
    public var types: [Member] { members.filter { $0.kind == .type } }
    public var errors: [Member] { members.filter { $0.kind == .error } }

    /// The named type `name`, if the definition declares it.
    public func type(named name: String) -> Member? {
        types.first { $0.name == name }
    }

    /// The fields of an anonymous struct or enum type as written: `(a: int, b: string)` or `(x, y)`.
    public static func fields(ofAnonymous type: String) throws(Unreadable) -> [Field] {
        var parser = Parser(tokens: tokens(type))
        return try parser.fieldList()
    }

    enum Token: Equatable {
        case comment
        /// `(`, `)`, `,`, `:`, `?`, `->`, `[]` or `[string]`.
        case symbol(String)
        case word(String)
    }

    static func tokens(_ text: String) -> [Token] {
        var tokens: [Token] = []
        var rest = Substring(text)
        while let first = rest.first {
            if first == "#" {
                tokens.append(.comment)
                rest = rest.drop { $0 != "\n" }
            } else if first.isWhitespace {
                rest = rest.dropFirst()
            } else if rest.hasPrefix("->") {
                tokens.append(.symbol("->"))
                rest = rest.dropFirst(2)
            } else if first == "[" {
                let bracket = rest.prefix { $0 != "]" } + "]"
                tokens.append(.symbol(String(bracket)))
                rest = rest.dropFirst(bracket.count)
            } else if "(),:?".contains(first) {
                tokens.append(.symbol(String(first)))
                rest = rest.dropFirst()
            } else {
                let word = rest.prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }
                let taken = word.isEmpty ? rest.prefix(1) : word
                tokens.append(.word(String(taken)))
                rest = rest.dropFirst(taken.count)
            }
        }
        return tokens
    }

    struct Parser {
        let tokens: [Token]
        var position = 0

        mutating func next() -> Token? {
            guard position < tokens.count else { return nil }
            defer { position += 1 }
            return tokens[position]
        }

        func peek() -> Token? {
            position < tokens.count ? tokens[position] : nil
        }

        mutating func expect(_ symbol: String) throws(Unreadable) {
            let token = next()
            guard token == .symbol(symbol) else { throw Unreadable(description: "expected '\(symbol)', found \(String(describing: token))") }
        }

        mutating func word() throws(Unreadable) -> String {
            guard case .word(let word)? = next() else { throw Unreadable(description: "expected a name at token \(position)") }
            return word
        }

        mutating func definition() throws(Unreadable) -> (String, [Member]) {
            var name: String?
            var members: [Member] = []
            var commented = false
            while let token = next() {
                switch token {
                case .comment:
                    commented = true
                    continue
                case .word("interface"):
                    name = try word()
                case .word(let keyword):
                    guard let kind = Kind(rawValue: keyword) else { throw Unreadable(description: "unexpected '\(keyword)'") }
                    let memberName = try word()
                    let fields = try fieldList()
                    var reply: [Field] = []
                    if kind == .method {
                        try expect("->")
                        reply = try fieldList()
                    }
                    members.append(Member(kind: kind, name: memberName, commented: commented, fields: fields, reply: reply))
                case .symbol(let symbol):
                    throw Unreadable(description: "unexpected '\(symbol)'")
                }
                commented = false
            }
            guard let name else { throw Unreadable(description: "no interface line") }
            return (name, members)
        }

        /// `( field, … )`, the opening parenthesis not yet read.
        mutating func fieldList() throws(Unreadable) -> [Field] {
            try expect("(")
            var fields: [Field] = []
            var commented = false
            while let token = next() {
                switch token {
                case .comment:
                    commented = true
                case .symbol(")"):
                    return fields
                case .symbol(","):
                    commented = false
                case .word(let name):
                    var type = ""
                    if peek() == .symbol(":") {
                        position += 1
                        type = try typeText()
                    }
                    fields.append(Field(name: name, type: type, commented: commented))
                    commented = false
                case .symbol(let symbol):
                    throw Unreadable(description: "unexpected '\(symbol)' in a field list")
                }
            }
            throw Unreadable(description: "a field list is not closed")
        }

        /// A field's type, written back as text: `?`, `[]` and `[string]` prefixes, then a
        /// name or an anonymous struct or enum.
        mutating func typeText() throws(Unreadable) -> String {
            switch peek() {
            case .symbol("?")?, .symbol("[]")?, .symbol("[string]")?:
                guard case .symbol(let prefix)? = next() else { return "" }
                return prefix + (try typeText())
            case .symbol("(")?:
                let fields = try fieldList()
                return "(" + fields.map { $0.type.isEmpty ? $0.name : "\($0.name): \($0.type)" }.joined(separator: ", ") + ")"
            default:
                return try word()
            }
        }
    }
}
