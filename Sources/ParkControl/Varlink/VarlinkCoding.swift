import Foundation

/// JSON coding shared by both ends of the channel.
public enum VarlinkCoding {
    /// Encodes a value as the JSON of one message (no NUL).
    public static func encode(_ value: some Encodable) throws -> Data {
        try JSONEncoder().encode(value)
    }

    /// Re-reads loosely typed parameters as a typed value.
    public static func decode<T: Decodable>(_ type: T.Type, from parameters: JSONValue?) throws -> T {
        let data = try JSONEncoder().encode(parameters ?? .object([:]))
        return try JSONDecoder().decode(T.self, from: data)
    }

    /// A typed value as loosely typed parameters.
    public static func parameters(_ value: some Encodable) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: encode(value))
    }
}
