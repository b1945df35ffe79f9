import Foundation
import ParkControl

/// Decodes `Decodable` values from a `JSONTree`, as Foundation's `JSONDecoder` (default
/// strategies) decodes them from the same text.
///
/// It serves the calls whose every value it can read exactly so: strings, booleans, integers
/// that fit the declared type, and objects and arrays of them. Anything else — a type the
/// two could read differently (floating point, `Date`, `Data`, `URL`, `Decimal`), an
/// optional element of an array, a missing member, a value of the wrong type — throws `JSONTreeDecoder.NotDecoded` without a reason:
/// the message is then read again by `JSONDecoder`, whose errors name the parameter.
struct JSONTreeDecoder: Decoder {
    /// Why is left to `JSONDecoder` to say.
    struct NotDecoded: Error {}

    let value: JSONTree
    let codingPath: [any CodingKey]
    let userInfo: [CodingUserInfoKey: Any]

    init(_ value: JSONTree, codingPath: [any CodingKey] = [], userInfo: [CodingUserInfoKey: Any] = [:]) {
        self.value = value
        self.codingPath = codingPath
        self.userInfo = userInfo
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let members) = value else { throw NotDecoded() }
        return KeyedDecodingContainer(ObjectContainer<Key>(members: members, decoder: self))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let elements) = value else { throw NotDecoded() }
        return ArrayContainer(elements: elements, decoder: self)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        ValueContainer(decoder: self)
    }

    /// Decodes `value`, found under `key`, as `T`. Types are compared, not asked for their
    /// conformances: a conformance lookup costs more than the rest of a call's decoding.
    func decode<T: Decodable>(_ type: T.Type, from value: JSONTree, at key: (any CodingKey)?) throws -> T {
        // Any JSON, as JSONDecoder reads it (what the check for unknown nested members reads).
        if T.self == JSONValue.self { return value.jsonValue as! T }
        switch value {
        case .string(let text) where T.self == String.self: return text as! T
        case .bool(let flag) where T.self == Bool.self: return flag as! T
        case .integer(let number):
            let integer: Any? =
                if T.self == Int.self { Int(exactly: number) }
                else if T.self == Int64.self { number }
                else if T.self == Int32.self { Int32(exactly: number) }
                else if T.self == Int16.self { Int16(exactly: number) }
                else if T.self == Int8.self { Int8(exactly: number) }
                else if T.self == UInt.self { UInt(exactly: number) }
                else if T.self == UInt64.self { UInt64(exactly: number) }
                else if T.self == UInt32.self { UInt32(exactly: number) }
                else if T.self == UInt16.self { UInt16(exactly: number) }
                else if T.self == UInt8.self { UInt8(exactly: number) }
                else { nil }
            guard let integer else { throw NotDecoded() }
            return integer as! T
        case .object, .array:
            // Foundation's JSONDecoder reads these types in ways of its own.
            guard T.self != Date.self, T.self != Data.self, T.self != URL.self, T.self != Decimal.self else { throw NotDecoded() }
            let path = key.map { codingPath + [$0] } ?? codingPath
            return try T(from: JSONTreeDecoder(value, codingPath: path, userInfo: userInfo))
        case .string, .bool, .null:
            // A scalar of another type than declared, or a type none of parkd's parameters
            // uses (optional elements, floating point): JSONDecoder says which it is.
            throw NotDecoded()
        }
    }
}

private struct ObjectContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let members: [(name: String, value: JSONTree)]
    let decoder: JSONTreeDecoder

    var codingPath: [any CodingKey] { decoder.codingPath }
    var allKeys: [Key] { members.compactMap { Key(stringValue: $0.name) } }

    func contains(_ key: Key) -> Bool {
        members.contains { $0.name == key.stringValue }
    }

    private func member(_ key: Key) throws -> JSONTree {
        guard let member = members.first(where: { $0.name == key.stringValue }) else { throw JSONTreeDecoder.NotDecoded() }
        return member.value
    }

    func decodeNil(forKey key: Key) throws -> Bool {
        if case .null = try member(key) { true } else { false }
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try decoder.decode(T.self, from: try member(key), at: key)
    }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try decoder.decode(type, from: try member(key), at: key) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try decoder.decode(type, from: try member(key), at: key) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { throw JSONTreeDecoder.NotDecoded() }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { throw JSONTreeDecoder.NotDecoded() }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try decoder.decode(type, from: try member(key), at: key) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try decoder.decode(type, from: try member(key), at: key) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try decoder.decode(type, from: try member(key), at: key) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try decoder.decode(type, from: try member(key), at: key) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try decoder.decode(type, from: try member(key), at: key) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try decoder.decode(type, from: try member(key), at: key) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try decoder.decode(type, from: try member(key), at: key) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try decoder.decode(type, from: try member(key), at: key) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try decoder.decode(type, from: try member(key), at: key) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try decoder.decode(type, from: try member(key), at: key) }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try JSONTreeDecoder(try member(key), codingPath: codingPath + [key], userInfo: decoder.userInfo).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try JSONTreeDecoder(try member(key), codingPath: codingPath + [key], userInfo: decoder.userInfo).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder { throw JSONTreeDecoder.NotDecoded() }
    func superDecoder(forKey key: Key) throws -> any Decoder { throw JSONTreeDecoder.NotDecoded() }
}

private struct ArrayContainer: UnkeyedDecodingContainer {
    let elements: [JSONTree]
    let decoder: JSONTreeDecoder
    private(set) var currentIndex = 0

    init(elements: [JSONTree], decoder: JSONTreeDecoder) {
        self.elements = elements
        self.decoder = decoder
    }

    var codingPath: [any CodingKey] { decoder.codingPath }
    var count: Int? { elements.count }
    var isAtEnd: Bool { currentIndex >= elements.count }

    private mutating func next() throws -> JSONTree {
        guard !isAtEnd else { throw JSONTreeDecoder.NotDecoded() }
        defer { currentIndex += 1 }
        return elements[currentIndex]
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, case .null = elements[currentIndex] else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let index = ElementIndex(intValue: currentIndex)
        return try decoder.decode(T.self, from: try next(), at: index)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        let index = ElementIndex(intValue: currentIndex)
        return try JSONTreeDecoder(try next(), codingPath: codingPath + [index], userInfo: decoder.userInfo).container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let index = ElementIndex(intValue: currentIndex)
        return try JSONTreeDecoder(try next(), codingPath: codingPath + [index], userInfo: decoder.userInfo).unkeyedContainer()
    }

    mutating func superDecoder() throws -> any Decoder { throw JSONTreeDecoder.NotDecoded() }
}

private struct ValueContainer: SingleValueDecodingContainer {
    let decoder: JSONTreeDecoder

    var codingPath: [any CodingKey] { decoder.codingPath }

    func decodeNil() -> Bool {
        if case .null = decoder.value { true } else { false }
    }

    /// Only a scalar: a type that asks for an object or an array as one value would decode
    /// the same value again, and none of parkd's does.
    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        switch decoder.value {
        case .object, .array: throw JSONTreeDecoder.NotDecoded()
        case .null, .bool, .integer, .string: try decoder.decode(T.self, from: decoder.value, at: nil)
        }
    }
}

/// The position of an element in an array, as a coding key.
private struct ElementIndex: CodingKey {
    let intValue: Int?
    var stringValue: String { "Index \(intValue ?? 0)" }
    init(intValue: Int) { self.intValue = intValue }
    init?(stringValue: String) { nil }
}
