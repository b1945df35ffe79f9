/// Who may call a method, as the daemon enforces it from the caller's peer credentials.
public enum MethodAccess: String, Sendable {
    /// Anyone who can open the socket (the `org.varlink.service` introspection methods).
    case everyone
    /// Administrators and auditors: the method changes nothing.
    case read
    /// Administrators only: the method changes the park's state and is audited.
    case write
    /// Reviewers, about their own assignments only, and administrators (auditors not: what a
    /// reviewer sees is theirs alone). The handler answers with the caller's own only.
    case reviewer
    /// As `reviewer`, for a method that changes the park (a reviewer's own declarations): audited.
    case reviewerChange
    /// A read that reviewers may make about their own assignments only, and administrators and
    /// auditors about everyone's (the conflicts of interest of a session).
    case reviewerOrRead

    /// Whether calls are recorded in the audit trail, refused ones included.
    public var isAudited: Bool { self == .write || self == .reviewerChange }
}

/// A method of the contract, typed by its parameters and its reply.
/// The daemon registers a handler for it; the client calls it.
public struct VarlinkMethod<Parameters: Codable & Sendable, Reply: Codable & Sendable>: Sendable {
    /// Fully qualified name, `interface.Method`.
    public let name: String
    public let access: MethodAccess
    /// Fully qualified names the method had before it was renamed. The daemon still answers them
    /// for one release, so that scripts calling them keep working; the interface definition
    /// lists only `name`.
    public let formerNames: [String]

    public init(_ name: String, access: MethodAccess, formerNames: [String] = []) {
        self.name = name
        self.access = access
        self.formerNames = formerNames
    }
}

/// A method that takes no parameters (`method Status() -> (…)`).
public struct NoParameters: Codable, Sendable, Equatable {
    public init() {}
}
