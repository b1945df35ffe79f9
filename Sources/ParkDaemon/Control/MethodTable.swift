import ParkControl

/// The methods parkd serves: for each, who may call it and the handler that answers it.
public struct MethodTable: Sendable {
    struct Entry: Sendable {
        let access: MethodAccess
        let invoke: @Sendable (JSONValue?, CallContext) async throws -> JSONValue
    }

    private(set) var entries: [String: Entry] = [:]
    /// Interfaces in the order GetInfo lists them.
    private(set) var interfaces: [VarlinkInterface] = []

    public init() {}

    mutating func add(_ interface: VarlinkInterface) {
        interfaces.append(interface)
    }

    /// Registers a typed handler. Parameters are decoded strictly: an unknown, missing or
    /// ill-typed parameter is answered with `InvalidParameter` naming it.
    mutating func register<Parameters, Reply>(
        _ method: VarlinkMethod<Parameters, Reply>,
        _ handler: @escaping @Sendable (Parameters, CallContext) async throws -> Reply
    ) {
        entries[method.name] = Entry(access: method.access) { raw, context in
            let parameters = try MethodTable.decode(Parameters.self, from: raw)
            return try VarlinkCoding.parameters(try await handler(parameters, context))
        }
    }

    func interface(named name: String) -> VarlinkInterface? {
        interfaces.first { $0.name == name }
    }

    static func decode<T: Decodable>(_ type: T.Type, from raw: JSONValue?) throws -> T {
        switch raw {
        case nil, .null?, .object?: break
        default: throw VarlinkError.invalidParameter("parameters")
        }
        let value: T
        do {
            value = try VarlinkCoding.decode(T.self, from: raw)
        } catch let error as DecodingError {
            throw VarlinkError.invalidParameter(parameterName(error))
        }
        // Property names are the wire names, so anything else the caller sent is unknown.
        let known = Set(Mirror(reflecting: value).children.compactMap(\.label))
        if case .object(let fields)? = raw, let unknown = fields.keys.sorted().first(where: { !known.contains($0) }) {
            throw VarlinkError.invalidParameter(unknown)
        }
        return value
    }

    private static func parameterName(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, let context):
            return (context.codingPath.first ?? key).stringValue
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return context.codingPath.first?.stringValue ?? "parameters"
        @unknown default:
            return "parameters"
        }
    }
}
