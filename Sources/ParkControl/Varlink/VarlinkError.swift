/// A Varlink error reply: a fully qualified name and its parameters.
public struct VarlinkError: Error, Equatable, Sendable, CustomStringConvertible {
    public let name: String
    public let parameters: JSONValue

    public init(name: String, parameters: JSONValue = .object([:])) {
        self.name = name
        self.parameters = parameters
    }

    /// The error's name without its interface (`NoSuchTenant`).
    public var shortName: String { String(name.split(separator: ".").last ?? Substring(name)) }

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
        VarlinkError(name: "org.varlink.service.InterfaceNotFound", parameters: .object(["interface": .string(interface)]))
    }

    public static func methodNotFound(_ method: String) -> VarlinkError {
        VarlinkError(name: "org.varlink.service.MethodNotFound", parameters: .object(["method": .string(method)]))
    }

    public static func methodNotImplemented(_ method: String) -> VarlinkError {
        VarlinkError(name: "org.varlink.service.MethodNotImplemented", parameters: .object(["method": .string(method)]))
    }

    public static func invalidParameter(_ parameter: String) -> VarlinkError {
        VarlinkError(name: "org.varlink.service.InvalidParameter", parameters: .object(["parameter": .string(parameter)]))
    }
}
