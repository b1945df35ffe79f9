import MemberwiseInit

/// A call as it arrives: `{"method": …, "parameters": {…}, "more": …, "oneway": …}`.
public struct VarlinkRequest: Codable, Sendable {
    /// Fully qualified method name, `interface.Method`.
    public var method: String
    /// The method's input; missing, null and `{}` all mean "no parameters".
    public var parameters: JSONValue?
    /// The caller accepts several replies.
    public var more: Bool?
    /// The caller wants no reply at all.
    public var oneway: Bool?
    /// The caller wants to switch protocols after the reply (not supported by parkd).
    public var upgrade: Bool?

    public init(method: String, parameters: JSONValue? = nil, more: Bool? = nil, oneway: Bool? = nil) {
        self.method = method
        self.parameters = parameters
        self.more = more
        self.oneway = oneway
    }

    /// The interface part of `method`, and the method's own name.
    public var qualifiedName: (interface: String, member: String)? {
        guard let dot = method.lastIndex(of: "."), dot != method.startIndex,
              method.index(after: dot) != method.endIndex else { return nil }
        return (String(method[..<dot]), String(method[method.index(after: dot)...]))
    }
}

/// A reply: either `parameters` or an `error` name with its `parameters`.
@MemberwiseInit
public struct VarlinkReply: Codable, Sendable {
    public var parameters: JSONValue?
    /// More replies follow this one.
    public var continues: Bool? = nil
    /// Fully qualified error name when the call failed.
    public var error: String? = nil
}
