/// A method an interface declares, with its parameter and reply types erased: what lets the
/// daemon and tests go through every method of an interface without naming each one.
public protocol DeclaredMethod: Sendable {
    /// Fully qualified name, `interface.Method`.
    var name: String { get }
    /// Names the method had before it was renamed, still answered for one release.
    var formerNames: [String] { get }
    var access: MethodAccess { get }
    /// The Codable type of the method's parameters; its properties are the parameters' names.
    var parametersType: any (Codable & Sendable).Type { get }
    /// The Codable type of the method's reply.
    var replyType: any (Codable & Sendable).Type { get }
}

extension VarlinkMethod: DeclaredMethod {
    public var parametersType: any (Codable & Sendable).Type { Parameters.self }
    public var replyType: any (Codable & Sendable).Type { Reply.self }
}
