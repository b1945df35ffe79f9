import Foundation
import ParkControl
import Synchronization

/// The methods parkd serves: for each, who may call it and the handler that answers it.
public struct MethodTable: Sendable {
    struct Entry: Sendable {
        /// The method's name and its former names: it answers each, and the audit trail
        /// records the one called.
        let names: Set<String>
        let access: MethodAccess
        let execution: MethodExecution
        /// For a sealed method, the parameters the audit trail records as sent; nil when it
        /// records them all (`CallContext.parametersText`).
        let openParameters: Set<String>?
        /// Decodes the call's typed parameters from the message being decoded, and returns the
        /// call ready to run. Nothing runs yet: the caller is authorised first.
        let decode: @Sendable (VarlinkCallHeader, any Decoder) throws -> DecodedCall
    }

    /// A call with its parameters decoded: runs the handler and returns the encoded reply message.
    typealias DecodedCall = @Sendable (CallContext) async throws -> Data

    /// Where a message's decoder finds the table, so that a call is decoded in one pass.
    static let userInfoKey = CodingUserInfoKey(rawValue: "io.parkd.MethodTable")!

    private(set) var entries: [String: Entry] = [:]
    /// Interfaces in the order GetInfo lists them.
    private(set) var interfaces: [VarlinkInterface] = []
    /// Where handlers declared `.offEventLoop` run, and large messages are read.
    let workers = WorkerThreads()

    public init() {}

    mutating func add(_ interface: VarlinkInterface) {
        interfaces.append(interface)
    }

    /// Registers a typed handler and where it runs, under the method's name and its former names.
    /// Parameters are decoded strictly: an unknown, missing or ill-typed parameter is answered
    /// with `InvalidParameter` naming it. A sealed method (`sealingAllBut`) has its calls
    /// recorded with those parameters alone, and its refusals by their error's name alone.
    mutating func register<Parameters, Reply>(
        _ method: VarlinkMethod<Parameters, Reply>, runs execution: MethodExecution = .onEventLoop, sealingAllBut open: Set<String>? = nil,
        _ handler: @escaping @Sendable (Parameters, CallContext) async throws -> Reply
    ) {
        let parameterNames = ParameterNames()
        let workers = self.workers
        let entry = Entry(names: Set([method.name] + method.formerNames), access: method.access, execution: execution, openParameters: open) { header, decoder in
            let parameters = try MethodTable.decode(Parameters.self, from: decoder, header: header, names: parameterNames)
            let call: DecodedCall = { context in
                try VarlinkCoding.encode(VarlinkReplyMessage(parameters: try await handler(parameters, context)))
            }
            switch execution {
            case .onEventLoop: return call
            case .offEventLoop:
                return { context in try await Task(executorPreference: workers) { try await call(context) }.value }
            }
        }
        for name in entry.names {
            entries[name] = entry
        }
    }

    /// The methods whose calls the audit trail records (those that change the park), by each
    /// name they answer: every name of the same method.
    var auditedMethods: [String: Set<String>] {
        entries.filter { $0.value.access.isAudited }.mapValues(\.names)
    }

    func interface(named name: String) -> VarlinkInterface? {
        interfaces.first { $0.name == name }
    }

    /// Decodes the `parameters` member of the message `decoder` is decoding.
    private static func decode<T: Decodable>(
        _ type: T.Type, from decoder: any Decoder, header: VarlinkCallHeader, names: ParameterNames
    ) throws -> T {
        let value: T
        do {
            switch header.parameters {
            case .invalid:
                throw VarlinkError.invalidParameter("parameters")
            case .absent:
                value = try JSONDecoder().decode(T.self, from: Data("{}".utf8))
            case .object:
                value = try decoder.container(keyedBy: MessageMember.self).decode(T.self, forKey: .parameters)
            }
        } catch let error as DecodingError {
            throw VarlinkError.invalidParameter(parameterName(error))
        } catch let error as VarlinkError {
            throw error
        } catch {
            // Foundation reads numbers and string escapes lazily: a number Swift cannot hold
            // (1e400) or a lone surrogate (\ud800) fails here, without a coding path.
            throw VarlinkError.invalidParameter(unreadableParameter(in: decoder) ?? "parameters")
        }
        // Property names are the wire names, so anything else the caller sent is unknown.
        if case .object(let sent) = header.parameters, !sent.isEmpty {
            let known = names.of(value)
            if let unknown = sent.sorted().first(where: { !known.names.contains($0) }) {
                throw VarlinkError.invalidParameter(unknown)
            }
            if known.mayNest,
               case .object(let parameters)? = try? decoder.container(keyedBy: MessageMember.self).decode(JSONValue.self, forKey: .parameters),
               let unknown = NestedMembers.firstUnknown(in: parameters, decoded: value) {
                throw VarlinkError.invalidParameter(unknown)
            }
        }
        return value
    }

    /// The parameter that stopped the decoding when the error names none: the first, by name,
    /// whose value is no JSON value Swift can hold, else the first holding a number that is
    /// not a 64-bit integer (the declared integer could not take it).
    private static func unreadableParameter(in decoder: any Decoder) -> String? {
        guard let message = try? decoder.container(keyedBy: MessageMember.self),
              let parameters = try? message.nestedContainer(keyedBy: AnyParameter.self, forKey: .parameters) else {
            return nil
        }
        let values = parameters.allKeys.map(\.stringValue).sorted().map { name in
            (name, try? parameters.decode(JSONValue.self, forKey: AnyParameter(stringValue: name)))
        }
        let unreadable = values.first { $0.1 == nil }
        let notAnInteger = values.first { name, value in
            if case .number = value { true } else { false }
        }
        return (unreadable ?? notAnInteger)?.0
    }

    /// The parameter a decoding error is about, by its path for a member inside one
    /// (`anchors[0].hash`, as an unknown nested member is named).
    private static func parameterName(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, let context):
            return pathText(parameterPath(context) + [key])
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return parameterPath(context).isEmpty ? "parameters" : pathText(parameterPath(context))
        @unknown default:
            return "parameters"
        }
    }

    /// `anchors[0].hash`: a member's name after a dot, an element's index in brackets.
    private static func pathText(_ path: some Collection<any CodingKey>) -> String {
        var text = ""
        for key in path {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : "." + key.stringValue
            }
        }
        return text
    }

    /// The coding path below the message's `parameters` member.
    private static func parameterPath(_ context: DecodingError.Context) -> ArraySlice<any CodingKey> {
        let path = context.codingPath[...]
        return path.first?.stringValue == "parameters" ? path.dropFirst() : path
    }
}

/// The member of a call message that holds its parameters.
private enum MessageMember: String, CodingKey {
    case parameters
}

/// Any member name of the parameters object.
private struct AnyParameter: CodingKey {
    let stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

/// The parameter names of one method, and whether any parameter's type may hold an object (a
/// wire struct, or a list of them), read once from the first value decoded: a type's stored
/// properties do not change from one value to the next, nor do their types, which an absent
/// optional still carries.
private final class ParameterNames: Sendable {
    struct Read: Sendable {
        let names: Set<String>
        let mayNest: Bool
    }

    private let read = Mutex<Read?>(nil)

    func of(_ value: Any) -> Read {
        read.withLock { read in
            if let read { return read }
            let children = Mirror(reflecting: value).children
            // A type of the standard library alone (String, Int64, [String]?) holds no object.
            let mayNest = children.contains { String(reflecting: type(of: $0.value)).replacingOccurrences(of: "Swift.", with: "").contains(".") }
            let made = Read(names: Set(children.compactMap(\.label)), mayNest: mayNest)
            read = made
            return made
        }
    }
}
