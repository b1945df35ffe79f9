/// A strict JSON parser (RFC 8259) over exact bytes: UTF-8 only, one value with optional
/// surrounding white space, no duplicate member names (a signed envelope must mean one
/// thing), nesting at most `maximumDepth` deep.
///
/// Its parsing is inlinable so that the daemon's plain-call tree, built through it on every
/// call, gets a copy specialised for that tree rather than generic code.
public struct StrictJSONParser {
    /// Why the bytes are not JSON: the byte offset and what was expected. Never quotes the input.
    public struct SyntaxError: Error, Equatable, Sendable, CustomStringConvertible {
        public let offset: Int
        public let reason: String
        public var description: String { "not JSON at byte \(offset): \(reason)" }

        /// What is wrong is inside a string (an escape, a surrogate, a control character, its
        /// end), or is nesting past this reader's depth, rather than the text's structure.
        public var isInsideStringOrTooDeep: Bool {
            reason.hasPrefix("nested") || ["surrogate", "string", "escape", "hex digits"].contains(where: reason.contains)
        }

        @usableFromInline
        init(offset: Int, reason: String) {
            self.offset = offset
            self.reason = reason
        }
    }

    @inlinable public static var maximumDepth: Int { 32 }
    /// The reason given for a member name that an object repeats.
    public static let memberGivenTwice = "a member name given twice"
    /// Up to this many members, a repeated name is looked for one by one; past it, in a set,
    /// so that an object of many thousands of members costs no more than its length.
    @inlinable static var namesSearchedOneByOne: Int { 16 }

    @usableFromInline let bytes: UnsafeRawBufferPointer
    @usableFromInline var index = 0

    @usableFromInline
    init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    /// The value `bytes` hold.
    public static func parse(_ bytes: [UInt8]) throws(SyntaxError) -> StrictJSON {
        guard String(validating: bytes, as: UTF8.self) != nil else {
            throw SyntaxError(offset: 0, reason: "the bytes are not UTF-8")
        }
        return try bytes.withUnsafeBytes { text in Result { () throws(SyntaxError) in try parse(validUTF8: text, as: StrictJSON.self) } }.get()
    }

    /// The value `text` holds, built as `Value`; `text` must be valid UTF-8 (the caller has
    /// checked it), so that the bytes of a string without escapes are its text.
    @inlinable
    public static func parse<Value: StrictJSONBuildable>(validUTF8 text: UnsafeRawBufferPointer, as _: Value.Type) throws(SyntaxError) -> Value {
        var parser = StrictJSONParser(text)
        parser.skipSpace()
        let value: Value = try parser.value(depth: 0)
        parser.skipSpace()
        guard parser.index == text.count else { throw parser.error("more after the value") }
        return value
    }

    @usableFromInline
    func error(_ reason: String) -> SyntaxError { SyntaxError(offset: index, reason: reason) }

    /// Whether the next byte is `byte`.
    @inlinable
    func at(_ byte: UInt8) -> Bool { index < bytes.count && bytes[index] == byte }

    /// Always inlined: called around every member and element, a call each time cost the
    /// dispatch's tree a tenth of its parsing time.
    @inlinable @inline(__always)
    mutating func skipSpace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    @inlinable
    mutating func value<Value: StrictJSONBuildable>(depth: Int) throws(SyntaxError) -> Value {
        guard depth < Self.maximumDepth else { throw error("nested more than \(Self.maximumDepth) deep") }
        guard index < bytes.count else { throw error("a value was expected") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try object(depth: depth)
        case UInt8(ascii: "["): return try array(depth: depth)
        case UInt8(ascii: "\""): return .string(try string(escapes: Value.readsEscapes))
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            let start = index
            let text = try number()
            guard let number = Value.number(written: text) else { throw SyntaxError(offset: start, reason: "a number this reader cannot hold exactly") }
            return number
        default: throw error("a value was expected")
        }
    }

    @inlinable
    mutating func literal(_ word: StaticString) throws(SyntaxError) {
        let length = word.utf8CodeUnitCount
        guard bytes.count - index >= length,
              UnsafeRawBufferPointer(rebasing: bytes[index..<index + length])
                  .elementsEqual(UnsafeRawBufferPointer(start: word.utf8Start, count: length)) else {
            throw error("a value was expected")
        }
        index += length
    }

    @inlinable
    mutating func object<Value: StrictJSONBuildable>(depth: Int) throws(SyntaxError) -> Value {
        index += 1
        var members: [(name: String, value: Value)] = []
        // The names so far, once there are too many to search one by one for a repeat.
        var names: Set<String> = []
        skipSpace()
        if at(UInt8(ascii: "}")) {
            index += 1
            return .object(members)
        }
        while true {
            skipSpace()
            guard at(UInt8(ascii: "\"")) else { throw error("a member name was expected") }
            let nameOffset = index
            let name = try string(escapes: Value.readsEscapes)
            if members.count < Self.namesSearchedOneByOne {
                guard !members.contains(where: { $0.name == name }) else { throw SyntaxError(offset: nameOffset, reason: Self.memberGivenTwice) }
            } else {
                if names.isEmpty { names = Set(members.map(\.name)) }
                guard names.insert(name).inserted else { throw SyntaxError(offset: nameOffset, reason: Self.memberGivenTwice) }
            }
            skipSpace()
            guard at(UInt8(ascii: ":")) else { throw error("':' was expected") }
            index += 1
            skipSpace()
            members.append((name, try value(depth: depth + 1)))
            skipSpace()
            // Consumed: otherwise the array is retained and released once more per object.
            if try afterElement(closer: UInt8(ascii: "}"), expected: "',' or '}' was expected") { return .object(consume members) }
        }
    }

    @inlinable
    mutating func array<Value: StrictJSONBuildable>(depth: Int) throws(SyntaxError) -> Value {
        index += 1
        var values: [Value] = []
        skipSpace()
        if at(UInt8(ascii: "]")) {
            index += 1
            return .array(values)
        }
        while true {
            skipSpace()
            values.append(try value(depth: depth + 1))
            skipSpace()
            if try afterElement(closer: UInt8(ascii: "]"), expected: "',' or ']' was expected") { return .array(consume values) }
        }
    }

    /// Reads what follows a member of an object or an element of an array: a comma (false,
    /// another follows) or `closer` (true, the end).
    @inlinable
    mutating func afterElement(closer: UInt8, expected: StaticString) throws(SyntaxError) -> Bool {
        guard index < bytes.count else { throw error("\(expected)") }
        switch bytes[index] {
        case UInt8(ascii: ","):
            index += 1
            return false
        case closer:
            index += 1
            return true
        default: throw error("\(expected)")
        }
    }

    /// The text of a number as RFC 8259 writes it.
    @inlinable
    mutating func number() throws(SyntaxError) -> UnsafeRawBufferPointer {
        let start = index
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < bytes.count, isDigit(bytes[index]) else { throw error("a digit was expected") }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
        } else {
            skipDigits()
        }
        if at(UInt8(ascii: ".")) {
            index += 1
            guard index < bytes.count, isDigit(bytes[index]) else { throw error("a digit was expected") }
            skipDigits()
        }
        if at(UInt8(ascii: "e")) || at(UInt8(ascii: "E")) {
            index += 1
            if at(UInt8(ascii: "+")) || at(UInt8(ascii: "-")) { index += 1 }
            guard index < bytes.count, isDigit(bytes[index]) else { throw error("a digit was expected") }
            skipDigits()
        }
        return UnsafeRawBufferPointer(rebasing: bytes[start..<index])
    }

    @inlinable
    mutating func skipDigits() {
        while index < bytes.count, isDigit(bytes[index]) { index += 1 }
    }

    @inlinable
    func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    /// A string; its bytes are taken as they are up to the first escape, if any (`escapes`
    /// false refuses it), and the rest is read by `escapedString`.
    @inlinable
    mutating func string(escapes: Bool) throws(SyntaxError) -> String {
        index += 1
        let start = index
        while index < bytes.count, bytes[index] != UInt8(ascii: "\""), bytes[index] != UInt8(ascii: "\\"), bytes[index] >= 0x20 { index += 1 }
        guard at(UInt8(ascii: "\"")) else {
            guard escapes || !at(UInt8(ascii: "\\")) else { throw error("an escape in a string") }
            return try escapedString(from: start)
        }
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        index += 1
        return text
    }

    /// The rest of a string that begins at `start` and has an escape at `index`.
    @usableFromInline
    mutating func escapedString(from start: Int) throws(SyntaxError) -> String {
        var scalars = String.UnicodeScalarView()
        var runStart = start
        func flush(_ parser: StrictJSONParser, upTo end: Int) {
            if end > runStart {
                scalars.append(contentsOf: String(decoding: UnsafeRawBufferPointer(rebasing: parser.bytes[runStart..<end]), as: UTF8.self).unicodeScalars)
            }
        }
        while true {
            guard index < bytes.count else { throw error("an unterminated string") }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                flush(self, upTo: index)
                index += 1
                return String(scalars)
            }
            guard byte >= 0x20 else { throw error("a control character inside a string") }
            guard byte == UInt8(ascii: "\\") else {
                index += 1
                continue
            }
            flush(self, upTo: index)
            index += 1
            guard index < bytes.count else { throw error("an unterminated string") }
            let escaped = bytes[index]
            index += 1
            switch escaped {
            case UInt8(ascii: "\""): scalars.append("\"")
            case UInt8(ascii: "\\"): scalars.append("\\")
            case UInt8(ascii: "/"): scalars.append("/")
            case UInt8(ascii: "b"): scalars.append("\u{08}")
            case UInt8(ascii: "f"): scalars.append("\u{0C}")
            case UInt8(ascii: "n"): scalars.append("\n")
            case UInt8(ascii: "r"): scalars.append("\r")
            case UInt8(ascii: "t"): scalars.append("\t")
            case UInt8(ascii: "u"):
                var code = try hex4()
                if (0xD800...0xDBFF).contains(code) {
                    guard bytes.count - index >= 6, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                        throw error("a lone surrogate in a \\u escape")
                    }
                    index += 2
                    let low = try hex4()
                    guard (0xDC00...0xDFFF).contains(low) else { throw error("a lone surrogate in a \\u escape") }
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                }
                guard let scalar = Unicode.Scalar(code) else { throw error("a lone surrogate in a \\u escape") }
                scalars.append(scalar)
            default:
                throw error("an unknown escape in a string")
            }
            runStart = index
        }
    }

    @usableFromInline
    mutating func hex4() throws(SyntaxError) -> UInt32 {
        guard bytes.count - index >= 4 else { throw error("four hex digits were expected") }
        var code: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw error("four hex digits were expected")
            }
            code = code << 4 | digit
            index += 1
        }
        return code
    }
}
