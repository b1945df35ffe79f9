import ParkControl
import ParkCore

/// A received message's JSON, parsed once into a small tree, for the plain calls that make up
/// nearly all of the channel's traffic.
///
/// Built by ParkCore's `StrictJSONParser`, it takes only text whose meaning no JSON reader
/// could take differently: no escapes in strings, integers that fit in 64 bits (no fraction,
/// exponent or `-0`), no member named twice, modest nesting. Anything else is left to
/// Foundation's `JSONDecoder` (`init?` returns nil), whose reading and whose errors stay the
/// channel's reference: a message read into this tree decodes to the same values as there.
enum JSONTree: Sendable, StrictJSONBuildable {
    case null
    case bool(Bool)
    case integer(Int64)
    case string(String)
    case array([JSONTree])
    /// Members in the order sent; objects are small, so a member is found by a linear search.
    case object([(name: String, value: JSONTree)])

    /// Parses `text`, which must be valid UTF-8; nil when the text is outside what this
    /// tree holds (it may still be valid JSON).
    init?(parsing text: UnsafeRawBufferPointer) {
        guard let value = try? StrictJSONParser.parse(validUTF8: text, as: JSONTree.self) else { return nil }
        self = value
    }

    /// A backslash can spell a character several ways, or a lone surrogate: left to `JSONDecoder`.
    static var readsEscapes: Bool { false }

    /// An integer in 64 bits; `-0` is left out, as it reads as a floating-point zero in some decoders.
    static func number(written text: UnsafeRawBufferPointer) -> JSONTree? {
        var digits = text[...]
        let negative = digits.first == UInt8(ascii: "-")
        if negative { digits = digits.dropFirst() }
        var magnitude: UInt64 = 0
        for digit in digits {
            guard digit >= UInt8(ascii: "0"), digit <= UInt8(ascii: "9") else { return nil }
            let (times10, overflowTimes) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, overflowPlus) = times10.addingReportingOverflow(UInt64(digit - UInt8(ascii: "0")))
            guard !overflowTimes, !overflowPlus else { return nil }
            magnitude = sum
        }
        if negative {
            guard magnitude != 0, magnitude <= UInt64(Int64.max) + 1 else { return nil }
            return .integer(magnitude == UInt64(Int64.max) + 1 ? .min : -Int64(magnitude))
        }
        guard magnitude <= UInt64(Int64.max) else { return nil }
        return .integer(Int64(magnitude))
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
