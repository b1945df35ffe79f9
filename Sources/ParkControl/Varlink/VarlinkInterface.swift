/// An interface served by parkd: its name and its definition in the Varlink IDL.
public struct VarlinkInterface: Sendable {
    public let name: String
    /// The interface definition, served verbatim by `GetInterfaceDescription`.
    public let definition: String
    /// Every method the definition declares, with its parameter and reply types.
    public let methods: [any DeclaredMethod]
    /// Every error the definition declares, with its parameters, sentence and kind.
    public let errors: [any DeclaredError.Type]

    public init(name: String, methods: [any DeclaredMethod], errors: [any DeclaredError.Type] = [], definition: String) {
        self.name = name
        self.definition = definition
        self.methods = methods
        self.errors = errors
    }
}
