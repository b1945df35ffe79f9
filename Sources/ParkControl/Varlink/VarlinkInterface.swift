/// An interface served by parkd: its name, its definition in the Varlink IDL, and the methods
/// the definition declares.
public struct VarlinkInterface: Sendable {
    public let name: String
    /// The interface definition, served verbatim by `GetInterfaceDescription`.
    public let definition: String
    /// Every method the definition declares, with its parameter and reply types.
    public let methods: [any DeclaredMethod]

    public init(name: String, methods: [any DeclaredMethod], definition: String) {
        self.name = name
        self.definition = definition
        self.methods = methods
    }
}
