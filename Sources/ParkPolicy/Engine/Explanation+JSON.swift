extension Explanation {
    /// The explanation as JSON, byte for byte what `JSONEncoder` with `.sortedKeys` writes (keys
    /// in order, absent optionals left out, `/` and control characters escaped as it escapes
    /// them), written directly: a run stores one for every line, and the generic encoder took
    /// two thirds of an explained run's time.
    public var sortedJSON: String {
        var json: [UInt8] = []
        json.reserveCapacity(256 + steps.count * 160)
        json.append(contentsOf: #"{"amount":"#.utf8)
        Self.append(amount, to: &json)
        json.append(contentsOf: #","clause":"#.utf8)
        Self.append(clause, to: &json)
        json.append(contentsOf: #","period":"#.utf8)
        Self.append(period, to: &json)
        json.append(contentsOf: #","policy":"#.utf8)
        Self.append(policy, to: &json)
        json.append(contentsOf: #","policyDocument":"#.utf8)
        Self.append(policyDocument, to: &json)
        json.append(contentsOf: #","rule":"#.utf8)
        Self.append(rule, to: &json)
        json.append(contentsOf: #","steps":["#.utf8)
        for (index, step) in steps.enumerated() {
            json.append(contentsOf: index == 0 ? "{".utf8 : ",{".utf8)
            if let context = step.context {
                json.append(contentsOf: #""context":"#.utf8)
                Self.append(context, to: &json)
                json.append(UInt8(ascii: ","))
            }
            json.append(contentsOf: #""kind":"#.utf8)
            Self.append(step.kind.rawValue, to: &json)
            json.append(contentsOf: #","name":"#.utf8)
            Self.append(step.name, to: &json)
            if let source = step.source {
                json.append(contentsOf: #","source":"#.utf8)
                Self.append(source, to: &json)
            }
            json.append(contentsOf: #","value":"#.utf8)
            Self.append(step.value, to: &json)
            json.append(UInt8(ascii: "}"))
        }
        json.append(contentsOf: #"],"title":"#.utf8)
        Self.append(title, to: &json)
        json.append(UInt8(ascii: "}"))
        return String(decoding: json, as: UTF8.self)
    }

    /// `text` as a JSON string: `"` and `\` escaped, `/` as `\/`, backspace, tab, line feed,
    /// form feed and carriage return by their letters, other controls as `\u00xx`; the rest as
    /// its UTF-8, copied a stretch at a time.
    private static func append(_ text: String, to json: inout [UInt8]) {
        json.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            var stretch = 0
            for index in bytes.indices {
                let byte = bytes[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "/") else { continue }
                json.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[stretch..<index]))
                stretch = index + 1
                switch byte {
                case UInt8(ascii: "\""): json.append(contentsOf: #"\""#.utf8)
                case UInt8(ascii: "\\"): json.append(contentsOf: #"\\"#.utf8)
                case UInt8(ascii: "/"): json.append(contentsOf: #"\/"#.utf8)
                case 0x08: json.append(contentsOf: #"\b"#.utf8)
                case 0x09: json.append(contentsOf: #"\t"#.utf8)
                case 0x0A: json.append(contentsOf: #"\n"#.utf8)
                case 0x0C: json.append(contentsOf: #"\f"#.utf8)
                case 0x0D: json.append(contentsOf: #"\r"#.utf8)
                default:
                    let digits = Array("0123456789abcdef".utf8)
                    json.append(contentsOf: #"\u00"#.utf8)
                    json.append(digits[Int(byte >> 4)])
                    json.append(digits[Int(byte & 0xF)])
                }
            }
            json.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[stretch...]))
        }
        json.append(UInt8(ascii: "\""))
    }
}
