import MemberwiseInit
import Yams

/// What parkd refuses in every YAML file it is handed (policies, policy tests, its configuration
/// and its calendar), before the file is composed into nodes.
///
/// parkd's files never need anchors or aliases, and a few hundred bytes of nested aliases
/// (a "billion laughs") cost exponential time to compose; so the first anchor (`&name`) or alias
/// (`*name`) is refused, found in linear time by reading the text as libyaml's scanner tokenizes
/// it: quoted scalars, plain scalars (`placements * placement_subsidy` is one), block scalars and
/// comments are skipped as libyaml skips them.
public enum YAMLInput {
    /// The largest YAML file parkd reads: 1 MiB. A larger file is refused before it is parsed.
    public static let maximumBytes = 1 << 20

    /// Why a text is refused, located when the refusal has a place in it.
    @MemberwiseInit
    public struct Refusal: Error, Equatable, Sendable {
        public let position: SourcePosition?
        public let message: String
        /// The key given twice in one mapping, when that is the refusal (`message` is then
        /// "is given more than once").
        public var key: String? = nil

        /// The refusal as one sentence, the key given twice named first.
        public var sentence: String { key.map { "'\($0)' \(message)" } ?? message }
    }

    /// libyaml's own words for a problem, but for those that speak of its API: its nesting
    /// limit (`Maximum nesting level reached, set with yaml_set_max_nest_level())`).
    static func readable(_ problem: String) -> String {
        problem.hasPrefix("Maximum nesting level reached") ? "nested too deeply (lists and mappings within each other)" : problem
    }

    /// The text's root node, nil for an empty document, once `check` has passed it. A syntax
    /// error is placed where libyaml stopped, a key given twice at its second occurrence (where
    /// its mapping begins, in a flow mapping).
    public static func compose(_ text: String) throws(Refusal) -> Node? {
        try check(text)
        do {
            return try Yams.compose(yaml: text)
        } catch let error as YamlError {
            switch error {
            case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
                throw Refusal(position: SourcePosition(line: mark.line, column: mark.column), message: "not valid YAML: \(readable(problem))")
            case .duplicatedKeysInMapping(let duplicates, let context):
                let mapping = SourcePosition(line: context.mark.line, column: context.mark.column)
                throw Refusal(
                    position: duplicates.first.map { secondOccurrence(of: $0, inMappingAt: mapping, of: text) } ?? mapping,
                    message: "is given more than once", key: duplicates.first)
            default:
                throw Refusal(position: nil, message: "not valid YAML: \(error)")
            }
        } catch {
            throw Refusal(position: nil, message: "not valid YAML: \(error)")
        }
    }

    /// Where `key` is given the second time in the block mapping that begins at `start`: the
    /// line, below it, that holds the key at the mapping's column (plain or quoted); the
    /// mapping's start when none does (a flow mapping, `{a: 1, a: 2}`).
    static func secondOccurrence(of key: String, inMappingAt start: SourcePosition, of text: String) -> SourcePosition {
        let spellings = [key + ":", "\"" + key + "\":", "'" + key + "':"]
        var found = 0
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().dropFirst(start.line - 1) {
            let indent = line.prefix { $0 == " " }.count
            let content = line.dropFirst(indent)
            // Past the mapping: a line that starts left of it (comments and blank lines aside).
            if index >= start.line, !content.isEmpty, !content.hasPrefix("#"), indent < start.column - 1 { break }
            guard indent == start.column - 1, spellings.contains(where: { content.hasPrefix($0) }) else { continue }
            let after = content.dropFirst(spellings.first { content.hasPrefix($0) }!.count)
            guard after.isEmpty || after.first == " " else { continue }
            found += 1
            if found == 2 { return SourcePosition(line: index + 1, column: start.column) }
        }
        return start
    }

    /// The refusal of a file of `bytes` bytes, nil when it is small enough.
    public static func sizeRefusal(bytes: Int) -> Refusal? {
        guard bytes > maximumBytes else { return nil }
        return Refusal(position: nil, message: "is \(bytes) bytes, larger than the \(maximumBytes) bytes (1 MiB) parkd reads from a YAML file")
    }

    /// Refuses a text larger than `maximumBytes` or holding an anchor or an alias.
    public static func check(_ text: String) throws(Refusal) {
        if let refusal = sizeRefusal(bytes: text.utf8.count) { throw refusal }
        var scanner = AnchorScanner(text)
        if let (position, token) = scanner.firstAnchorOrAlias() {
            let what = token.hasPrefix("&") ? "an anchor" : "an alias"
            throw Refusal(position: position, message: "YAML anchors and aliases are not allowed in parkd's files: '\(token)' is \(what)")
        }
    }
}

/// libyaml's tokenizer, reduced to what tells an anchor or alias token from text: flow levels,
/// block indentation, simple keys, and the extent of every scalar and comment.
private struct AnchorScanner {
    private let lines: [[Unicode.Scalar]]
    private var row = 0
    private var column = 0
    private var flowLevel = 0
    private var indents: [Int] = []
    /// The column of the first token on this line since a simple key became possible.
    private var keyColumn: Int?

    init(_ text: String) {
        var lines: [[Unicode.Scalar]] = []
        var line: [Unicode.Scalar] = []
        var previous: Unicode.Scalar?
        for scalar in text.unicodeScalars {
            defer { previous = scalar }
            switch scalar {
            case "\n" where previous == "\r": continue
            case "\n", "\r", "\u{85}", "\u{2028}", "\u{2029}":
                lines.append(line)
                line = []
            case "\u{FEFF}" where lines.isEmpty && line.isEmpty: continue
            default: line.append(scalar)
            }
        }
        lines.append(line)
        self.lines = lines
    }

    mutating func firstAnchorOrAlias() -> (SourcePosition, String)? {
        while skipToToken() {
            let line = lines[row]
            let start = column
            let character = line[start]
            let next: Unicode.Scalar? = start + 1 < line.count ? line[start + 1] : nil
            let blankAfter = next.map(Self.isBlank) ?? true
            if flowLevel == 0 { while let last = indents.last, last > start { indents.removeLast() } }
            if start == 0 && character == "%" {
                indents = []
                nextRow()
                continue
            }
            if start == 0 && isDocumentMarker(row) {
                indents = []
                column += 3
                keyColumn = nil
                continue
            }
            switch character {
            case "*", "&":
                var end = start + 1
                while end < line.count, !Self.isBlank(line[end]), !",[]{}".unicodeScalars.contains(line[end]) { end += 1 }
                let token = String(String.UnicodeScalarView(line[start..<min(end, start + 41)]))
                return (SourcePosition(line: row + 1, column: start + 1), token)
            case "[", "{":
                markKey(start)
                flowLevel += 1
                column += 1
            case "]", "}":
                flowLevel = max(0, flowLevel - 1)
                column += 1
            case ",":
                column += 1
            case "-" where blankAfter:
                indicator(rollAt: start)
            case "?" where flowLevel > 0 || blankAfter:
                indicator(rollAt: start)
            case ":" where flowLevel > 0 || blankAfter:
                indicator(rollAt: keyColumn ?? start)
            case "!":
                markKey(start)
                while column < line.count, !Self.isBlank(line[column]),
                      !(flowLevel > 0 && ",[]{}".unicodeScalars.contains(line[column])) { column += 1 }
            case "|" where flowLevel == 0, ">" where flowLevel == 0:
                skipBlockScalar()
            case "'", "\"":
                markKey(start)
                guard skipQuoted(character) else { return nil }
            default:
                markKey(start)
                skipPlain()
            }
        }
        return nil
    }

    private static func isBlank(_ scalar: Unicode.Scalar) -> Bool { scalar == " " || scalar == "\t" }

    private func isDocumentMarker(_ row: Int) -> Bool {
        let line = lines[row]
        guard line.count >= 3, line[0] == line[1], line[1] == line[2], line[0] == "-" || line[0] == "." else { return false }
        return line.count == 3 || Self.isBlank(line[3])
    }

    private mutating func nextRow() {
        row += 1
        column = 0
        keyColumn = nil
    }

    private mutating func markKey(_ start: Int) {
        if flowLevel == 0 && keyColumn == nil { keyColumn = start }
    }

    /// A `-`, `?` or `:` indicator: in block context it opens a collection at `rollAt`.
    private mutating func indicator(rollAt start: Int) {
        if flowLevel == 0 {
            if (indents.last ?? -1) < start { indents.append(start) }
            keyColumn = nil
        }
        column += 1
    }

    /// Moves past blanks, comments and line breaks; false at the end of the text.
    private mutating func skipToToken() -> Bool {
        while row < lines.count {
            let line = lines[row]
            while column < line.count, Self.isBlank(line[column]) { column += 1 }
            if column < line.count, line[column] != "#" { return true }
            nextRow()
        }
        return false
    }

    /// A quoted scalar, over as many lines as it takes; false when it is never closed.
    private mutating func skipQuoted(_ quote: Unicode.Scalar) -> Bool {
        column += 1
        while row < lines.count {
            let line = lines[row]
            while column < line.count {
                let character = line[column]
                if quote == "\"" && character == "\\" {
                    column += 2
                } else if character == quote {
                    if quote == "'" && column + 1 < line.count && line[column + 1] == "'" {
                        column += 2
                    } else {
                        column += 1
                        return true
                    }
                } else {
                    column += 1
                }
            }
            nextRow()
        }
        return false
    }

    /// A plain scalar: up to `: `, ` #`, a flow indicator inside a flow collection, or the first
    /// line indented no deeper than the collection it belongs to.
    private mutating func skipPlain() {
        let indent = (indents.last ?? -1) + 1
        while true {
            let line = lines[row]
            if column == 0 && isDocumentMarker(row) { return }
            if column < line.count && line[column] == "#" { return }
            while column < line.count, !Self.isBlank(line[column]) {
                let character = line[column]
                let next: Unicode.Scalar? = column + 1 < line.count ? line[column + 1] : nil
                if character == ":" && (next.map(Self.isBlank) ?? true) { return }
                if flowLevel > 0 && (",[]{}".unicodeScalars.contains(character) || character == ":") { return }
                column += 1
            }
            while column < line.count, Self.isBlank(line[column]) { column += 1 }
            if column < line.count { continue }
            var following = row + 1
            var first = 0
            while following < lines.count {
                first = 0
                while first < lines[following].count, Self.isBlank(lines[following][first]) { first += 1 }
                if first < lines[following].count { break }
                following += 1
            }
            guard following < lines.count, flowLevel > 0 || first >= indent else {
                nextRow()
                return
            }
            row = following
            column = first
            keyColumn = nil
        }
    }

    /// A literal or folded block scalar: its header line and every line indented as its content.
    private mutating func skipBlockScalar() {
        let parent = indents.last ?? -1
        let line = lines[row]
        var header = column + 1
        var indent = 0
        while header < line.count, "+-0123456789".unicodeScalars.contains(line[header]) {
            if let digit = Int(String(line[header])), digit > 0 { indent = parent >= 0 ? parent + digit : digit }
            header += 1
        }
        if indent == 0 {
            var widest = 0
            for candidate in lines[(row + 1)...] {
                var spaces = 0
                while spaces < candidate.count, candidate[spaces] == " " { spaces += 1 }
                widest = max(widest, spaces)
                if spaces < candidate.count { break }
            }
            indent = max(widest, parent + 1, 1)
        }
        nextRow()
        while row < lines.count {
            let candidate = lines[row]
            var spaces = 0
            while spaces < candidate.count, spaces < indent, candidate[spaces] == " " { spaces += 1 }
            guard spaces == indent || spaces == candidate.count else { return }
            nextRow()
        }
    }
}
