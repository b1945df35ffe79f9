import Foundation
import ParkControl

/// The methods parkd serves: for each, who may call it and the handler that answers it.
public struct MethodTable: Sendable {
    struct Entry: Sendable {
        let access: MethodAccess
        /// Decodes the call's parameters from the whole message, runs the handler and returns
        /// the encoded reply message.
        let invoke: @Sendable (Data, VarlinkCallHeader, CallContext) async throws -> Data
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
        entries[method.name] = Entry(access: method.access) { message, header, context in
            let parameters = try MethodTable.decode(Parameters.self, from: message, header: header)
            return try VarlinkCoding.encode(VarlinkReplyMessage(parameters: try await handler(parameters, context)))
        }
    }

    func interface(named name: String) -> VarlinkInterface? {
        interfaces.first { $0.name == name }
    }

    static func decode<T: Decodable>(_ type: T.Type, from message: Data, header: VarlinkCallHeader) throws -> T {
        let value: T
        do {
            switch header.parameters {
            case .invalid:
                throw VarlinkError.invalidParameter("parameters")
            case .absent:
                value = try JSONDecoder().decode(T.self, from: Data("{}".utf8))
            case .object:
                value = try JSONDecoder().decode(VarlinkCallParameters<T>.self, from: message).parameters
            }
        } catch let error as DecodingError {
            throw VarlinkError.invalidParameter(parameterName(error))
        }
        // Property names are the wire names, so anything else the caller sent is unknown.
        if case .object(let names) = header.parameters, !names.isEmpty {
            let known = Set(Mirror(reflecting: value).children.compactMap(\.label))
            if let unknown = names.sorted().first(where: { !known.contains($0) }) {
                throw VarlinkError.invalidParameter(unknown)
            }
        }
        return value
    }

    private static func parameterName(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, let context):
            return (parameterPath(context).first ?? key).stringValue
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return parameterPath(context).first?.stringValue ?? "parameters"
        @unknown default:
            return "parameters"
        }
    }

    /// The coding path below the message's `parameters` member.
    private static func parameterPath(_ context: DecodingError.Context) -> ArraySlice<any CodingKey> {
        let path = context.codingPath[...]
        return path.first?.stringValue == "parameters" ? path.dropFirst() : path
    }
}
