import Foundation

/// Encodes a value as compact JSON text, writing it as the value is encoded.
///
/// Foundation's `JSONEncoder` first builds a tree of the whole value, then writes it; for the
/// small messages of the admin channel building the tree cost more than writing the text.
/// The text is what `JSONEncoder` writes with its default settings (no white space, `/`
/// escaped, a whole `Double` without `.0`, non-finite numbers refused), except that members
/// come in the order they are encoded. `Date`, `Data`, `URL` and `Decimal`, which `JSONEncoder`
/// encodes in its own way, are handed to it.
///
/// Containers must be used in nested order, as synthesized conformances do: writing to a
/// container ends any container opened after it.
struct StreamingJSONEncoder {
    func encode(_ value: some Encodable) throws -> Data {
        let text = JSONText()
        try text.writeValue(value, level: 0)
        text.close(downTo: 0)
        return Data(text.bytes)
    }
}

/// The text being written and the containers still open in it.
///
/// Its state is only touched by one encoding, on one thread, in nested calls that each finish
/// their access before the next begins: the run-time exclusivity checks, which cost more than
/// the writing itself, are turned off for it.
private final class JSONText {
    @exclusivity(unchecked) private(set) var bytes: [UInt8] = []
    /// The containers open, outermost first: the byte that closes each, and whether it has a
    /// member yet (so the next one is preceded by a comma).
    @exclusivity(unchecked) private var open: [(closer: UInt8, hasMembers: Bool)] = []
    /// The key of the member being written in each open container, outermost first.
    @exclusivity(unchecked) private var path: [any CodingKey] = []

    init() {
        bytes.reserveCapacity(512)
    }

    /// Ends the containers opened below `level`.
    func close(downTo level: Int) {
        while open.count > level {
            bytes.append(open.removeLast().closer)
        }
    }

    /// Opens a container at `level`, unless the value at that level already opened one (a
    /// type may ask its encoder for its container more than once).
    func openContainer(at level: Int, opener: UInt8, closer: UInt8) {
        if open.count > level {
            close(downTo: level + 1)
        } else {
            bytes.append(opener)
            open.append((closer, false))
        }
    }

    /// The coding path of a value at `level`.
    func codingPath(_ level: Int) -> [any CodingKey] {
        Array(path.prefix(level))
    }

    /// Ends what was written for the previous member of the container at `level`, and writes a
    /// comma unless this member is the first.
    func startMember(_ key: any CodingKey, of level: Int) {
        close(downTo: level + 1)
        if open[level].hasMembers {
            bytes.append(UInt8(ascii: ","))
        } else {
            open[level].hasMembers = true
        }
        path.removeSubrange(min(level, path.count)...)
        path.append(key)
    }

    func writeKey(_ key: some CodingKey, of level: Int) {
        startMember(key, of: level)
        writeString(key.stringValue)
        bytes.append(UInt8(ascii: ":"))
    }

    /// Writes a value that sits at `level` (the number of containers around it).
    func writeValue<T: Encodable>(_ value: T, level: Int) throws {
        // Strings and lists of them, the most common values, written without a container each.
        if T.self == String.self {
            writeString(unsafeBitCast(value, to: String.self))
            return
        }
        if T.self == [String].self {
            writeStrings(unsafeBitCast(value, to: [String].self))
            return
        }
        if T.self == Date.self || T.self == Data.self || T.self == URL.self || T.self == Decimal.self {
            bytes.append(contentsOf: try JSONEncoder().encode(value))
            return
        }
        let start = bytes.count
        try value.encode(to: ValueEncoder(text: self, level: level))
        close(downTo: level)
        if bytes.count == start {
            // A value that encoded nothing is an empty object, as JSONEncoder writes it.
            bytes.append(contentsOf: "{}".utf8)
        }
    }

    /// A list of strings, as an unkeyed container of them would write it.
    func writeStrings(_ values: [String]) {
        bytes.append(UInt8(ascii: "["))
        for (index, value) in values.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            writeString(value)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    func writeNull() {
        bytes.append(contentsOf: "null".utf8)
    }

    func writeBool(_ value: Bool) {
        bytes.append(contentsOf: value ? "true".utf8 : "false".utf8)
    }

    func writeInteger(_ value: some BinaryInteger) {
        bytes.append(contentsOf: String(value).utf8)
    }

    func writeFloatingPoint<F: BinaryFloatingPoint & LosslessStringConvertible>(_ value: F, level: Int) throws {
        guard value.isFinite else {
            throw EncodingError.invalidValue(value, EncodingError.Context(
                codingPath: codingPath(level), debugDescription: "Unable to encode \(F.self).\(value) directly in JSON."))
        }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        bytes.append(contentsOf: text.utf8)
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private static func needsEscaping(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "/")
    }

    func writeString(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        // A native string's bytes are contiguous: scanned as one buffer, not through the
        // string's index, which costs several times more per byte.
        let plain = value.utf8.withContiguousStorageIfAvailable { !$0.contains(where: JSONText.needsEscaping) }
            ?? !value.utf8.contains(where: JSONText.needsEscaping)
        if plain {
            bytes.append(contentsOf: value.utf8)
            bytes.append(UInt8(ascii: "\""))
            return
        }
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: #"\""#.utf8)
            case UInt8(ascii: "\\"): bytes.append(contentsOf: #"\\"#.utf8)
            case UInt8(ascii: "/"): bytes.append(contentsOf: #"\/"#.utf8)
            case UInt8(ascii: "\n"): bytes.append(contentsOf: #"\n"#.utf8)
            case UInt8(ascii: "\r"): bytes.append(contentsOf: #"\r"#.utf8)
            case UInt8(ascii: "\t"): bytes.append(contentsOf: #"\t"#.utf8)
            case 0x08: bytes.append(contentsOf: #"\b"#.utf8)
            case 0x0C: bytes.append(contentsOf: #"\f"#.utf8)
            case 0x00..<0x20:
                bytes.append(contentsOf: #"\u00"#.utf8)
                bytes.append(JSONText.hexDigits[Int(byte >> 4)])
                bytes.append(JSONText.hexDigits[Int(byte & 0x0F)])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}

/// The encoder handed to one value's `encode(to:)`.
private struct ValueEncoder: Encoder {
    let text: JSONText
    /// How many containers are open around the value.
    let level: Int
    var codingPath: [any CodingKey] { text.codingPath(level) }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        text.openContainer(at: level, opener: UInt8(ascii: "{"), closer: UInt8(ascii: "}"))
        return KeyedEncodingContainer(ObjectContainer(text: text, level: level))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        text.openContainer(at: level, opener: UInt8(ascii: "["), closer: UInt8(ascii: "]"))
        return ArrayContainer(text: text, level: level)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleValue(text: text, level: level)
    }
}

/// A JSON object; `level` is the index of its entry among the open containers.
private struct ObjectContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let text: JSONText
    let level: Int
    var codingPath: [any CodingKey] { text.codingPath(level) }

    mutating func encodeNil(forKey key: Key) throws {
        text.writeKey(key, of: level)
        text.writeNull()
    }

    mutating func encode(_ value: Bool, forKey key: Key) throws {
        text.writeKey(key, of: level)
        text.writeBool(value)
    }

    mutating func encode(_ value: String, forKey key: Key) throws {
        text.writeKey(key, of: level)
        text.writeString(value)
    }

    mutating func encode(_ value: Double, forKey key: Key) throws {
        text.writeKey(key, of: level)
        try text.writeFloatingPoint(value, level: level + 1)
    }

    mutating func encode(_ value: Float, forKey key: Key) throws {
        text.writeKey(key, of: level)
        try text.writeFloatingPoint(value, level: level + 1)
    }

    mutating func encode(_ value: Int, forKey key: Key) throws { try encodeInteger(value, forKey: key) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { try encodeInteger(value, forKey: key) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { try encodeInteger(value, forKey: key) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { try encodeInteger(value, forKey: key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { try encodeInteger(value, forKey: key) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { try encodeInteger(value, forKey: key) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { try encodeInteger(value, forKey: key) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { try encodeInteger(value, forKey: key) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { try encodeInteger(value, forKey: key) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { try encodeInteger(value, forKey: key) }

    private func encodeInteger(_ value: some BinaryInteger, forKey key: Key) throws {
        text.writeKey(key, of: level)
        text.writeInteger(value)
    }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        text.writeKey(key, of: level)
        try text.writeValue(value, level: level + 1)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        text.writeKey(key, of: level)
        return ValueEncoder(text: text, level: level + 1).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        text.writeKey(key, of: level)
        return ValueEncoder(text: text, level: level + 1).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        superEncoder(forKey: Key(stringValue: "super")!)
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        text.writeKey(key, of: level)
        return ValueEncoder(text: text, level: level + 1)
    }
}

/// A JSON array; `level` is the index of its entry among the open containers.
private struct ArrayContainer: UnkeyedEncodingContainer {
    let text: JSONText
    let level: Int
    var codingPath: [any CodingKey] { text.codingPath(level) }
    private(set) var count = 0

    init(text: JSONText, level: Int) {
        self.text = text
        self.level = level
    }

    private mutating func startElement() {
        text.startMember(ElementIndex(intValue: count), of: level)
        count += 1
    }

    mutating func encodeNil() throws {
        startElement()
        text.writeNull()
    }

    mutating func encode(_ value: Bool) throws {
        startElement()
        text.writeBool(value)
    }

    mutating func encode(_ value: String) throws {
        startElement()
        text.writeString(value)
    }

    mutating func encode(_ value: Double) throws {
        startElement()
        try text.writeFloatingPoint(value, level: level + 1)
    }

    mutating func encode(_ value: Float) throws {
        startElement()
        try text.writeFloatingPoint(value, level: level + 1)
    }

    mutating func encode(_ value: Int) throws { encodeInteger(value) }
    mutating func encode(_ value: Int8) throws { encodeInteger(value) }
    mutating func encode(_ value: Int16) throws { encodeInteger(value) }
    mutating func encode(_ value: Int32) throws { encodeInteger(value) }
    mutating func encode(_ value: Int64) throws { encodeInteger(value) }
    mutating func encode(_ value: UInt) throws { encodeInteger(value) }
    mutating func encode(_ value: UInt8) throws { encodeInteger(value) }
    mutating func encode(_ value: UInt16) throws { encodeInteger(value) }
    mutating func encode(_ value: UInt32) throws { encodeInteger(value) }
    mutating func encode(_ value: UInt64) throws { encodeInteger(value) }

    private mutating func encodeInteger(_ value: some BinaryInteger) {
        startElement()
        text.writeInteger(value)
    }

    mutating func encode<T: Encodable>(_ value: T) throws {
        startElement()
        try text.writeValue(value, level: level + 1)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        startElement()
        return ValueEncoder(text: text, level: level + 1).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        startElement()
        return ValueEncoder(text: text, level: level + 1).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        startElement()
        return ValueEncoder(text: text, level: level + 1)
    }
}

/// A value written where it stands: at the top, as an object member or as an array element.
private struct SingleValue: SingleValueEncodingContainer {
    let text: JSONText
    let level: Int
    var codingPath: [any CodingKey] { text.codingPath(level) }

    mutating func encodeNil() throws { text.writeNull() }
    mutating func encode(_ value: Bool) throws { text.writeBool(value) }
    mutating func encode(_ value: String) throws { text.writeString(value) }
    mutating func encode(_ value: Double) throws { try text.writeFloatingPoint(value, level: level) }
    mutating func encode(_ value: Float) throws { try text.writeFloatingPoint(value, level: level) }
    mutating func encode(_ value: Int) throws { text.writeInteger(value) }
    mutating func encode(_ value: Int8) throws { text.writeInteger(value) }
    mutating func encode(_ value: Int16) throws { text.writeInteger(value) }
    mutating func encode(_ value: Int32) throws { text.writeInteger(value) }
    mutating func encode(_ value: Int64) throws { text.writeInteger(value) }
    mutating func encode(_ value: UInt) throws { text.writeInteger(value) }
    mutating func encode(_ value: UInt8) throws { text.writeInteger(value) }
    mutating func encode(_ value: UInt16) throws { text.writeInteger(value) }
    mutating func encode(_ value: UInt32) throws { text.writeInteger(value) }
    mutating func encode(_ value: UInt64) throws { text.writeInteger(value) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        try text.writeValue(value, level: level)
    }
}

/// The position of an array element in a coding path.
private struct ElementIndex: CodingKey {
    let intValue: Int?
    var stringValue: String { "Index \(intValue ?? 0)" }

    init(intValue: Int) { self.intValue = intValue }
    init?(stringValue: String) { nil }
}
