/// The byte encoding of compact explanations: unsigned LEB128 varints, signed values zigzagged
/// first, texts as a varint byte count then UTF-8. Reading checks every length and byte: stored
/// bytes that are not well formed are an error, never a crash.
enum CompactBytes {
    /// Bytes that are not a well-formed compact explanation.
    struct Malformed: Error {}

    static func appendVarint(_ value: some UnsignedInteger & FixedWidthInteger, to bytes: inout some ByteSink) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    static func appendZigzag(_ value: Int64, to bytes: inout some ByteSink) {
        appendVarint(UInt64(bitPattern: (value << 1) ^ (value >> 63)), to: &bytes)
    }

    static func appendZigzag(_ value: Int128, to bytes: inout some ByteSink) {
        appendVarint(UInt128(bitPattern: (value << 1) ^ (value >> 127)), to: &bytes)
    }

    static func append(text: String, to bytes: inout some ByteSink) {
        var text = text
        text.withUTF8 { utf8 in
            appendVarint(UInt64(utf8.count), to: &bytes)
            bytes.append(contentsOf: utf8)
        }
    }

    /// Reads values in order from a slice of bytes.
    struct Reader {
        private let bytes: ArraySlice<UInt8>
        private(set) var offset: Int

        init(_ bytes: ArraySlice<UInt8>) {
            self.bytes = bytes
            offset = bytes.startIndex
        }

        var endOffset: Int { bytes.endIndex }
        var isAtEnd: Bool { offset == bytes.endIndex }

        mutating func byte() throws(Malformed) -> UInt8 {
            guard offset < bytes.endIndex else { throw Malformed() }
            defer { offset += 1 }
            return bytes[offset]
        }

        mutating func varint() throws(Malformed) -> UInt64 {
            try varint(as: UInt64.self)
        }

        mutating func zigzag() throws(Malformed) -> Int64 {
            let value = try varint()
            return Int64(bitPattern: value >> 1) ^ -Int64(bitPattern: value & 1)
        }

        mutating func zigzag128() throws(Malformed) -> Int128 {
            let value = try varint(as: UInt128.self)
            return Int128(bitPattern: value >> 1) ^ -Int128(bitPattern: value & 1)
        }

        /// A varint that fits `Value`: its last byte may not hold bits beyond the type's width.
        private mutating func varint<Value: UnsignedInteger & FixedWidthInteger>(as type: Value.Type) throws(Malformed) -> Value {
            var value: Value = 0
            for shift in stride(from: 0, to: Value.bitWidth, by: 7) {
                let byte = try byte()
                value |= Value(byte & 0x7F) << shift
                if byte < 0x80 {
                    guard Value.bitWidth - shift >= 7 || byte >> (Value.bitWidth - shift) == 0 else { throw Malformed() }
                    return value
                }
            }
            throw Malformed()
        }

        /// A length within what is left to read.
        mutating func length() throws(Malformed) -> Int {
            let count = try varint()
            guard count <= UInt64(bytes.endIndex - offset) else { throw Malformed() }
            return Int(count)
        }

        mutating func string() throws(Malformed) -> String {
            let count = try length()
            defer { offset += count }
            guard let text = String(validating: bytes[offset..<offset + count], as: UTF8.self) else { throw Malformed() }
            return text
        }

        /// The next `count` bytes, unread.
        mutating func slice(_ count: Int) throws(Malformed) -> ArraySlice<UInt8> {
            guard count >= 0, count <= bytes.endIndex - offset else { throw Malformed() }
            defer { offset += count }
            return bytes[offset..<offset + count]
        }
    }
}

/// Where compact bytes are written: an array, or a `StepText`'s own bytes.
protocol ByteSink {
    mutating func append(_ byte: UInt8)
    mutating func append(contentsOf bytes: UnsafeBufferPointer<UInt8>)
}

extension Array: ByteSink where Element == UInt8 {}
