import ParkControl

/// A received message's JSON, parsed once into a small tree, for the plain calls that make up
/// nearly all of the channel's traffic.
///
/// The parser accepts only text whose meaning no JSON reader could take differently: no
/// escapes in strings, integers that fit in 64 bits (no fraction, exponent or `-0`), no member
/// named twice, modest nesting. Anything else is left to Foundation's `JSONDecoder`
/// (`init?` returns nil), whose reading and whose errors stay the channel's reference: a
/// message this parser accepts decodes to the same values as there.
enum JSONTree: Sendable {
    case null
    case bool(Bool)
    case integer(Int64)
    case string(String)
    case array([JSONTree])
    /// Members in the order sent; objects are small, so a member is found by a linear search.
    case object([(name: String, value: JSONTree)])

    /// Deeper nesting than any of parkd's parameters, and far from the reach of the stack.
    static let maximumDepth = 32
    /// Up to this many members, a repeated name is looked for one by one; past it, in a set,
    /// so that a message of many thousands of members costs no more than its length.
    static let namesSearchedOneByOne = 16

    /// Parses `text`, which must be valid UTF-8; nil when the text is outside what this
    /// parser accepts (it may still be valid JSON).
    init?(parsing text: UnsafeRawBufferPointer) {
        var reader = JSONTreeReader(text: text)
        guard let value = reader.value(depth: 0), reader.skipWhiteSpace() == nil else { return nil }
        self = value
    }

    /// The member `name` of an object.
    func member(_ name: String) -> JSONTree? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.name == name }?.value
    }

    /// The same value as Foundation's `JSONDecoder` reads it into a `JSONValue`.
    var jsonValue: JSONValue {
        switch self {
        case .null: .null
        case .bool(let value): .bool(value)
        case .integer(let value): .integer(value)
        case .string(let value): .string(value)
        case .array(let elements): .array(elements.map(\.jsonValue))
        case .object(let members): .object(Dictionary(uniqueKeysWithValues: members.map { ($0.name, $0.value.jsonValue) }))
        }
    }
}

/// A cursor over the text being parsed; each method returns nil where the text leaves what
/// `JSONTree` accepts.
private struct JSONTreeReader {
    let text: UnsafeRawBufferPointer
    var position = 0

    init(text: UnsafeRawBufferPointer) {
        self.text = text
    }

    /// Skips JSON white space; returns the next byte, or nil at the end of the text.
    mutating func skipWhiteSpace() -> UInt8? {
        while position < text.count {
            switch text[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            case let byte: return byte
            }
        }
        return nil
    }

    mutating func value(depth: Int) -> JSONTree? {
        guard depth <= JSONTree.maximumDepth, let byte = skipWhiteSpace() else { return nil }
        switch byte {
        case UInt8(ascii: "{"): return object(depth: depth)
        case UInt8(ascii: "["): return array(depth: depth)
        case UInt8(ascii: "\""): return string().map(JSONTree.string)
        case UInt8(ascii: "t"): return literal("true", .bool(true))
        case UInt8(ascii: "f"): return literal("false", .bool(false))
        case UInt8(ascii: "n"): return literal("null", .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return integer()
        default: return nil
        }
    }

    private mutating func object(depth: Int) -> JSONTree? {
        position += 1
        var members: [(name: String, value: JSONTree)] = []
        // The names so far, once there are too many to search one by one for a repeat.
        var names: Set<String> = []
        if skipWhiteSpace() == UInt8(ascii: "}") {
            position += 1
            return .object(members)
        }
        while true {
            guard skipWhiteSpace() == UInt8(ascii: "\""), let name = string(),
                  skipWhiteSpace() == UInt8(ascii: ":") else { return nil }
            position += 1
            guard let value = value(depth: depth + 1) else { return nil }
            if members.count < JSONTree.namesSearchedOneByOne {
                guard !members.contains(where: { $0.name == name }) else { return nil }
            } else {
                if names.isEmpty { names = Set(members.map(\.name)) }
                guard names.insert(name).inserted else { return nil }
            }
            members.append((name, value))
            guard let more = afterMember(closer: UInt8(ascii: "}")) else { return nil }
            if !more { return .object(members) }
        }
    }

    private mutating func array(depth: Int) -> JSONTree? {
        position += 1
        var elements: [JSONTree] = []
        if skipWhiteSpace() == UInt8(ascii: "]") {
            position += 1
            return .array(elements)
        }
        while true {
            guard let element = value(depth: depth + 1) else { return nil }
            elements.append(element)
            guard let more = afterMember(closer: UInt8(ascii: "]")) else { return nil }
            if !more { return .array(elements) }
        }
    }

    /// Reads what follows a member of an object or an element of an array: true after a
    /// comma (another follows), false after `closer`, nil after anything else.
    private mutating func afterMember(closer: UInt8) -> Bool? {
        switch skipWhiteSpace() {
        case UInt8(ascii: ","):
            position += 1
            return true
        case closer:
            position += 1
            return false
        default: return nil
        }
    }

    /// A string without escapes or control characters; the text is valid UTF-8, and a quote
    /// never occurs inside a multi-byte sequence, so the bytes between the quotes are too.
    private mutating func string() -> String? {
        position += 1
        let start = position
        while position < text.count {
            switch text[position] {
            case UInt8(ascii: "\""):
                let bytes = UnsafeRawBufferPointer(rebasing: text[start..<position])
                position += 1
                return String(decoding: bytes, as: UTF8.self)
            case UInt8(ascii: "\\"), 0x00..<0x20: return nil
            default: position += 1
            }
        }
        return nil
    }

    private mutating func literal(_ word: StaticString, _ value: JSONTree) -> JSONTree? {
        let length = word.utf8CodeUnitCount
        guard text.count - position >= length,
              UnsafeRawBufferPointer(rebasing: text[position..<position + length])
                  .elementsEqual(UnsafeRawBufferPointer(start: word.utf8Start, count: length)) else { return nil }
        position += length
        return value
    }

    /// An integer in 64 bits, written as JSON requires (no leading zero); `-0` is left out, as
    /// it reads as a floating-point zero in some decoders.
    private mutating func integer() -> JSONTree? {
        let negative = text[position] == UInt8(ascii: "-")
        if negative { position += 1 }
        let start = position
        var magnitude: UInt64 = 0
        while position < text.count, case let digit = text[position], digit >= UInt8(ascii: "0"), digit <= UInt8(ascii: "9") {
            let (times10, overflowTimes) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, overflowPlus) = times10.addingReportingOverflow(UInt64(digit - UInt8(ascii: "0")))
            guard !overflowTimes, !overflowPlus else { return nil }
            magnitude = sum
            position += 1
        }
        let digits = position - start
        guard digits > 0, digits == 1 || text[start] != UInt8(ascii: "0") else { return nil }
        if position < text.count, [UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E")].contains(text[position]) { return nil }
        if negative {
            guard magnitude != 0, magnitude <= UInt64(Int64.max) + 1 else { return nil }
            return .integer(magnitude == UInt64(Int64.max) + 1 ? .min : -Int64(magnitude))
        }
        guard magnitude <= UInt64(Int64.max) else { return nil }
        return .integer(Int64(magnitude))
    }
}
