import Foundation
import MemberwiseInit

// Typed message shapes, so a call or a reply is encoded or decoded in one pass with no
// intermediate JSON tree (on the hot path the tree cost more than the work it carried).

/// A call with typed parameters, as a client sends it.
@MemberwiseInit
public struct VarlinkCall<Parameters: Encodable>: Encodable {
    public var method: String
    public var parameters: Parameters
    public var oneway: Bool? = nil
}

/// The header of a received call: everything but the parameters' values, whose names are
/// read without decoding them. Decoded, or made whole by the daemon's reader of plain calls.
@MemberwiseInit
public struct VarlinkCallHeader: Decodable, Sendable {
    public let method: String
    public let more: Bool?
    public let oneway: Bool?
    public let upgrade: Bool?
    /// How the `parameters` member was given.
    public let parameters: ParametersShape

    public enum ParametersShape: Sendable, Equatable {
        /// Missing or null: no parameters.
        case absent
        /// An object with these member names.
        case object([String])
        /// Something that is not an object.
        case invalid
    }

    private enum CodingKeys: String, CodingKey {
        case method, more, oneway, upgrade, parameters
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        method = try container.decode(String.self, forKey: .method)
        more = try container.decodeIfPresent(Bool.self, forKey: .more)
        oneway = try container.decodeIfPresent(Bool.self, forKey: .oneway)
        upgrade = try container.decodeIfPresent(Bool.self, forKey: .upgrade)
        if try !container.contains(.parameters) || container.decodeNil(forKey: .parameters) {
            parameters = .absent
        } else if let members = try? container.nestedContainer(keyedBy: MemberName.self, forKey: .parameters) {
            parameters = .object(members.allKeys.map(\.stringValue))
        } else {
            parameters = .invalid
        }
    }

    /// The interface part of `method`, and the method's own name.
    public var qualifiedName: (interface: String, member: String)? {
        VarlinkRequest(method: method).qualifiedName
    }
}

/// Any member name of a JSON object.
struct MemberName: CodingKey {
    let stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

/// A successful reply with typed parameters, as the service sends it.
@MemberwiseInit
public struct VarlinkReplyMessage<Parameters: Encodable>: Encodable {
    public let parameters: Parameters
}

/// The parts of a reply a client reads before deciding how to decode its parameters.
struct VarlinkReplyHeader: Decodable {
    let error: String?
}

/// A successful reply's typed parameters, as a client reads them.
struct VarlinkTypedReply<Parameters: Decodable>: Decodable {
    let parameters: Parameters?
}
