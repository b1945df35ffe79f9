import Crypto

/// SHA-256 of some bytes as 64 lower-case hex digits: the audit chain's links, the versions of
/// policy files and the fingerprints of reward-run inputs.
public enum ContentHash {
    public static func sha256(_ bytes: [UInt8]) -> String {
        hex(Array(SHA256.hash(data: bytes)))
    }

    /// `fields` one after another, each as its length in UTF-8 bytes, `:`, the text and `;`, so
    /// that no two lists of fields share an encoding: what an audit entry, and the record of a
    /// run or a batch in one, are hashed over.
    public static func lengthPrefixed(_ fields: some Sequence<String>) -> [UInt8] {
        var content = ""
        for field in fields { content += "\(field.utf8.count):\(field);" }
        return Array(content.utf8)
    }

    /// Bytes as lower-case hex digits, two a byte.
    public static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}
