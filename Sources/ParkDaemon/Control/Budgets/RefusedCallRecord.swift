import ParkControl
import ParkCore
import ParkStore

/// What the audit trail keeps of a refused call: the method, the caller and the error in full,
/// the parameters only up to a bound, so that refused calls cannot fill the database.
enum RefusedCallRecord {
    /// The call with its parameters as sent when they fit in `bytes`; otherwise as
    /// `{"bytes":N,"prefix":"…","sha256":"…"}`: their length, their first bytes (whole
    /// characters) and the SHA-256 of the whole, so the entry still identifies what was sent.
    static func bounded(_ call: AuditedCall, to bytes: Int) -> AuditedCall {
        let text = call.parameters
        guard text.utf8.count > bytes else { return call }
        var bounded = call
        bounded.parameters = JSONValue.object([
            "bytes": .integer(Int64(text.utf8.count)),
            "prefix": .string(prefix(of: text, bytes: bytes)),
            "sha256": .string(ContentHash.sha256(Array(text.utf8))),
        ]).canonicalText
        return bounded
    }

    /// An error's text cut to `bytes` (whole characters), marked as cut.
    static func bounded(_ text: String, to bytes: Int) -> String {
        guard text.utf8.count > bytes else { return text }
        return prefix(of: text, bytes: bytes) + "… (\(text.utf8.count) bytes)"
    }

    /// The longest run of whole characters from the start of `text` within `bytes` bytes.
    private static func prefix(of text: String, bytes: Int) -> String {
        var end = text.startIndex
        var used = 0
        for index in text.indices {
            let size = text[index].utf8.count
            guard used + size <= bytes else { break }
            used += size
            end = text.index(after: index)
        }
        return String(text[..<end])
    }
}
