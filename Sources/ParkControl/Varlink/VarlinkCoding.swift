import Foundation

/// JSON coding shared by both ends of the channel.
public enum VarlinkCoding {
    /// Encodes a value as the JSON of one message (no NUL).
    public static func encode(_ value: some Encodable) throws -> Data {
        try StreamingJSONEncoder().encode(value)
    }
}
