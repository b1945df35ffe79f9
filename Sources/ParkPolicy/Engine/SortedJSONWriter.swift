/// JSON written directly, byte for byte as `JSONEncoder` with `.sortedKeys` and
/// `.withoutEscapingSlashes` writes it, for what a run stores in bulk: its inputs
/// (`RewardInputs.canonical`). Callers give an object's members in sorted order and leave absent
/// optionals out, as the encoder does; tests compare the writer with the encoder on random values.
struct SortedJSONWriter {
    private(set) var bytes: [UInt8] = []
    /// Whether the next value is the first of its object or array (no comma before it).
    private var first = true

    init(capacity: Int) {
        bytes.reserveCapacity(capacity)
    }

    /// An object whose members `members` writes (with `member`).
    mutating func object(_ members: (inout SortedJSONWriter) -> Void) {
        separate()
        bytes.append(UInt8(ascii: "{"))
        first = true
        members(&self)
        bytes.append(UInt8(ascii: "}"))
        first = false
    }

    /// `values` as an array, each written by `element`.
    mutating func array<Element>(_ values: some Sequence<Element>, _ element: (inout SortedJSONWriter, Element) -> Void) {
        separate()
        bytes.append(UInt8(ascii: "["))
        first = true
        for value in values { element(&self, value) }
        bytes.append(UInt8(ascii: "]"))
        first = false
    }

    /// A member's name; its value is written next.
    mutating func member(_ name: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: "\":".utf8)
        first = true
    }

    mutating func member(_ name: StaticString, _ value: String) {
        member(name)
        string(value)
    }

    mutating func member(_ name: StaticString, _ value: some BinaryInteger) {
        member(name)
        number(value)
    }

    mutating func member(_ name: StaticString, _ value: Bool) {
        member(name)
        separate()
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
    }

    mutating func member(_ name: StaticString, _ values: [String]) {
        member(name)
        array(values) { json, value in json.string(value) }
    }

    /// `text` as a JSON string: `"` and `\` escaped,
    /// backspace, tab, line feed, form feed and carriage return by their letters, other
    /// controls as `\u00xx`; the rest as its UTF-8, copied a stretch at a time.
    mutating func string(_ text: String) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            var stretch = 0
            for index in utf8.indices {
                let byte = utf8[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
                else { continue }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[stretch..<index]))
                stretch = index + 1
                switch byte {
                case UInt8(ascii: "\""): bytes.append(contentsOf: #"\""#.utf8)
                case UInt8(ascii: "\\"): bytes.append(contentsOf: #"\\"#.utf8)
                case 0x08: bytes.append(contentsOf: #"\b"#.utf8)
                case 0x09: bytes.append(contentsOf: #"\t"#.utf8)
                case 0x0A: bytes.append(contentsOf: #"\n"#.utf8)
                case 0x0C: bytes.append(contentsOf: #"\f"#.utf8)
                case 0x0D: bytes.append(contentsOf: #"\r"#.utf8)
                default:
                    let digits = Array("0123456789abcdef".utf8)
                    bytes.append(contentsOf: #"\u00"#.utf8)
                    bytes.append(digits[Int(byte >> 4)])
                    bytes.append(digits[Int(byte & 0xF)])
                }
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[stretch...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// An integer's decimal digits: a run's inputs write millions of them, each straight into
    /// the bytes rather than through a string.
    mutating func number(_ value: some BinaryInteger) {
        separate()
        guard let value = Int64(exactly: value) else {
            bytes.append(contentsOf: value.description.utf8)
            return
        }
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var start = digits.count
            repeat {
                start -= 1
                digits[start] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: digits[start...]))
        }
    }

    /// A comma before any value but the first of its object or array (or a member's).
    private mutating func separate() {
        if !first { bytes.append(UInt8(ascii: ",")) }
        first = false
    }
}
