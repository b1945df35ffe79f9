/// JSON written directly, byte for byte as `JSONEncoder` with `.sortedKeys` writes it, for the
/// two things a run stores in bulk: its inputs (`RewardInputs.canonical`) and an explanation for
/// each line (`Explanation.sortedJSON`). The generic encoder took most of an explained run's
/// time. Callers write the keys of an object in sorted order and leave absent optionals out,
/// as the encoder does; tests compare both writers with the encoder on random values.
struct SortedJSONWriter {
    private(set) var bytes: [UInt8] = []
    /// Whether `/` is written `\/` (the encoder's default) or as it is (`.withoutEscapingSlashes`).
    let escapesSlashes: Bool

    init(escapesSlashes: Bool, capacity: Int) {
        self.escapesSlashes = escapesSlashes
        bytes.reserveCapacity(capacity)
    }

    /// Punctuation and keys, as given: `{"amount":`, `,"steps":[`, `}`.
    mutating func literal(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func number(_ value: some BinaryInteger) {
        bytes.append(contentsOf: value.description.utf8)
    }

    mutating func bool(_ value: Bool) {
        literal(value ? "true" : "false")
    }

    /// `text` as a JSON string: `"` and `\` escaped, `/` as `\/` when `escapesSlashes`,
    /// backspace, tab, line feed, form feed and carriage return by their letters, other
    /// controls as `\u00xx`; the rest as its UTF-8, copied a stretch at a time.
    mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            var stretch = 0
            for index in utf8.indices {
                let byte = utf8[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || (byte == UInt8(ascii: "/") && escapesSlashes)
                else { continue }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[stretch..<index]))
                stretch = index + 1
                switch byte {
                case UInt8(ascii: "\""): literal(#"\""#)
                case UInt8(ascii: "\\"): literal(#"\\"#)
                case UInt8(ascii: "/"): literal(#"\/"#)
                case 0x08: literal(#"\b"#)
                case 0x09: literal(#"\t"#)
                case 0x0A: literal(#"\n"#)
                case 0x0C: literal(#"\f"#)
                case 0x0D: literal(#"\r"#)
                default:
                    let digits = Array("0123456789abcdef".utf8)
                    literal(#"\u00"#)
                    bytes.append(digits[Int(byte >> 4)])
                    bytes.append(digits[Int(byte & 0xF)])
                }
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[stretch...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// `values` as a JSON array, each written by `element`.
    mutating func array<Element>(_ values: some Sequence<Element>, _ element: (inout SortedJSONWriter, Element) -> Void) {
        bytes.append(UInt8(ascii: "["))
        var first = true
        for value in values {
            if !first { bytes.append(UInt8(ascii: ",")) }
            first = false
            element(&self, value)
        }
        bytes.append(UInt8(ascii: "]"))
    }
}
