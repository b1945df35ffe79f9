import Crypto

/// SHA-256 of some bytes as 64 lower-case hex digits: the audit chain's links, the versions of
/// policy files and the fingerprints of reward-run inputs.
public enum ContentHash {
    public static func sha256(_ bytes: [UInt8]) -> String {
        hex(Array(SHA256.hash(data: bytes)))
    }

    /// Bytes as lower-case hex digits, two a byte.
    public static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}
