/// A Varlink error reply: a fully qualified name and its parameters.
public struct VarlinkError: Error, Equatable, Sendable, CustomStringConvertible {
    public let name: String
    public let parameters: JSONValue

    public init(name: String, parameters: JSONValue = .object([:])) {
        self.name = name
        self.parameters = parameters
    }

    public var description: String {
        if case .object(let fields) = parameters, !fields.isEmpty {
            let details = fields.keys.sorted().map { key -> String in
                let value = fields[key]!
                return "\(key)=\(value.stringValue ?? value.canonicalText)"
            }
            return "\(name) (\(details.joined(separator: ", ")))"
        }
        return name
    }

    // The standard errors of org.varlink.service.
    public static func interfaceNotFound(_ interface: String) -> VarlinkError {
        VarlinkServiceAPI.InterfaceNotFound(interface: interface).varlinkError
    }

    public static func methodNotFound(_ method: String) -> VarlinkError {
        VarlinkServiceAPI.MethodNotFound(method: method).varlinkError
    }

    public static func methodNotImplemented(_ method: String) -> VarlinkError {
        VarlinkServiceAPI.MethodNotImplemented(method: method).varlinkError
    }

    public static func invalidParameter(_ parameter: String) -> VarlinkError {
        VarlinkServiceAPI.InvalidParameter(parameter: parameter).varlinkError
    }
}
