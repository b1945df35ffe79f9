import Foundation
import InterfaceTestSupport
import ParkControl

/// What disagrees between an interface's definition and the Swift types of its methods, one
/// sentence each, naming the interface, the type and the field.
///
/// A Codable type's keys are read without an instance at hand: a JSON object is built from the
/// definition's fields, with a sample value of each declared type, and decoded (a key the type
/// requires and the definition lacks, or a value of another type, fails the decoding); then the
/// decoded value is reflected (a stored property the definition lacks shows up, and whether each
/// is optional). A named type reached through a field is checked the same way, on the nested
/// value the decoding built. Errors are checked the same way against the `DeclaredError` types the
/// interface lists.
struct InterfaceContract {
    let interface: VarlinkInterface
    private(set) var disagreements: [String] = []
    /// The named types already compared with their Swift types.
    private var compared: Set<String> = []

    init(_ interface: VarlinkInterface) {
        self.interface = interface
        do {
            let definition = try InterfaceDefinition(interface.definition)
            compareMethods(definition)
            compareErrors(definition)
            checkComments(definition)
            checkTypesInUse(definition)
        } catch {
            disagreements.append("\(interface.name): the definition cannot be read: \(error)")
        }
    }

    /// The methods the definition lists and those the interface declares are the same, and
    /// each one's parameters and reply agree with its Swift types.
    private mutating func compareMethods(_ definition: InterfaceDefinition) {
        let listed = Set(definition.methods.map { "\(interface.name).\($0.name)" })
        for method in interface.methods {
            if !listed.contains(method.name) {
                disagreements.append("\(interface.name): \(method.name) is declared, and not in the definition")
            }
            for former in method.formerNames where listed.contains(former) {
                disagreements.append("\(interface.name): \(former), a former name of \(method.name), is still in the definition")
            }
        }
        for member in definition.methods {
            let name = "\(interface.name).\(member.name)"
            guard let method = interface.methods.first(where: { $0.name == name }) else {
                disagreements.append("\(interface.name): method \(member.name) is in the definition, and no VarlinkMethod declares it")
                continue
            }
            compare(member.fields, with: method.parametersType, in: definition, what: "\(interface.name): method \(member.name)'s parameters")
            compare(member.reply, with: method.replyType, in: definition, what: "\(interface.name): method \(member.name)'s reply")
        }
    }

    /// The errors the definition lists and those the interface declares are the same, and each
    /// one's parameters agree with its Swift type.
    private mutating func compareErrors(_ definition: InterfaceDefinition) {
        let listed = Set(definition.errors.map { "\(interface.name).\($0.name)" })
        for type in interface.errors where !listed.contains(type.name) {
            disagreements.append("\(interface.name): \(type.name) is declared, and not in the definition")
        }
        for member in definition.errors {
            guard let type = interface.errors.first(where: { $0.name == "\(interface.name).\(member.name)" }) else {
                disagreements.append("\(interface.name): error \(member.name) is in the definition, and no DeclaredError declares it")
                continue
            }
            compare(member.fields, with: type, in: definition, what: "\(interface.name): error \(member.name)")
        }
    }

    private mutating func compare(
        _ fields: [InterfaceDefinition.Field], with type: any (Codable & Sendable).Type, in definition: InterfaceDefinition,
        what: String
    ) {
        let value: Any
        do {
            let json = try JSONEncoder().encode(JSONValue.object(try Self.sample(fields, in: definition)))
            value = try Self.decode(type, from: json)
        } catch let error as DecodingError {
            disagreements.append("\(what): \(String(reflecting: type)) does not decode what the definition describes: \(Self.describe(error))")
            return
        } catch {
            disagreements.append("\(what): \(error)")
            return
        }
        agree(fields, with: value, in: definition, what: what)
    }

    /// The fields and the stored properties of `value` are the same, optional alike, and
    /// named types nested in them agree too.
    private mutating func agree(_ fields: [InterfaceDefinition.Field], with value: Any, in definition: InterfaceDefinition, what: String) {
        let swiftType = String(reflecting: Swift.type(of: value))
        let properties = Dictionary(
            Mirror(reflecting: value).children.compactMap { child in child.label.map { ($0, child.value) } },
            uniquingKeysWith: { first, _ in first })
        for field in fields where properties[field.name] == nil {
            disagreements.append("\(what): field \(field.name) is not a property of \(swiftType)")
        }
        for name in properties.keys.sorted() where !fields.contains(where: { $0.name == name }) {
            disagreements.append("\(what): property \(name) of \(swiftType) is not in the definition")
        }
        for field in fields {
            guard let property = properties[field.name] else { continue }
            let optional = Mirror(reflecting: property).displayStyle == .optional
            if optional != field.type.hasPrefix("?") {
                disagreements.append(
                    "\(what): field \(field.name) is \(field.type) in the definition, and \(optional ? "optional" : "not optional") in \(swiftType)")
            }
            if let named = Self.namedType(field.type), let nested = Self.element(of: property) {
                agreeNamed(named, with: nested, in: definition)
            }
        }
    }

    private mutating func agreeNamed(_ name: String, with value: Any, in definition: InterfaceDefinition) {
        guard let member = definition.type(named: name), compared.insert(name).inserted else { return }
        let swiftName = String(describing: Swift.type(of: value))
        if swiftName != name {
            disagreements.append("\(interface.name): type \(name) is decoded as \(String(reflecting: Swift.type(of: value))), named otherwise")
        }
        guard !Self.isEnum(member) else { return }
        agree(member.fields, with: value, in: definition, what: "\(interface.name): type \(name)")
    }

    /// A comment line above every type, method, error and field.
    private mutating func checkComments(_ definition: InterfaceDefinition) {
        for member in definition.members {
            let what = "\(interface.name): \(member.kind) \(member.name)"
            if !member.commented {
                disagreements.append("\(what) has no comment")
            }
            let part = member.kind == .method ? "parameter" : "field"
            for field in member.fields where !field.commented {
                disagreements.append("\(what): \(part) \(field.name) has no comment")
            }
            for field in member.reply where !field.commented {
                disagreements.append("\(what): reply field \(field.name) has no comment")
            }
        }
    }

    /// Every named type is used by a method or an error.
    private mutating func checkTypesInUse(_ definition: InterfaceDefinition) {
        var used: Set<String> = []
        var pending = definition.methods.flatMap { $0.fields + $0.reply } + definition.errors.flatMap(\.fields)
        while let field = pending.popLast() {
            guard let name = Self.namedType(field.type), used.insert(name).inserted else { continue }
            pending += definition.type(named: name)?.fields ?? []
        }
        for type in definition.types where !used.contains(type.name) {
            disagreements.append("\(interface.name): type \(type.name) is used by no method and no error")
        }
    }

    private static func decode<T: Decodable>(_ type: T.Type, from json: Data) throws -> T {
        try JSONDecoder().decode(type, from: json)
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let context):
            let within = path(context)
            return "it requires \(within.isEmpty ? "" : within + ".")\(key.stringValue), which the definition lacks"
        case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
            return "field \(path(context)) holds no \(type) in the definition"
        case .dataCorrupted(let context):
            return "field \(path(context)): \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }

    struct Unsupported: Error, CustomStringConvertible {
        let description: String
    }

    /// A JSON object with a value of each field's declared type; optional fields are present,
    /// arrays and maps hold one element, so that every nested type is built.
    static func sample(_ fields: [InterfaceDefinition.Field], in definition: InterfaceDefinition, depth: Int = 0) throws -> [String: JSONValue] {
        guard depth < 20 else { throw Unsupported(description: "types nest too deep (a type that holds itself?)") }
        var object: [String: JSONValue] = [:]
        for field in fields {
            object[field.name] = try sample(of: field.type, in: definition, depth: depth)
        }
        return object
    }

    private static func sample(of type: String, in definition: InterfaceDefinition, depth: Int) throws -> JSONValue {
        for prefix in ["?", "[]", "[string]"] where type.hasPrefix(prefix) {
            let element = try sample(of: String(type.dropFirst(prefix.count)), in: definition, depth: depth)
            switch prefix {
            case "[]": return .array([element])
            case "[string]": return .object(["key": element])
            default: return element
            }
        }
        switch type {
        case "bool": return .bool(true)
        case "int": return .integer(1)
        case "float": return .number(1.5)
        case "string": return .string("text")
        case "object": return .object([:])
        default: break
        }
        let fields: [InterfaceDefinition.Field]
        if type.hasPrefix("(") {
            fields = try InterfaceDefinition.fields(ofAnonymous: type)
        } else if let member = definition.type(named: type) {
            fields = member.fields
        } else {
            throw Unsupported(description: "type \(type) is not declared")
        }
        if let first = fields.first, fields.allSatisfy({ $0.type.isEmpty }) {
            return .string(first.name)
        }
        return .object(try sample(fields, in: definition, depth: depth + 1))
    }

    /// The named type a field's type holds, if any: `Tenant` for `?[]Tenant`, nil for `[]string`.
    static func namedType(_ type: String) -> String? {
        var type = Substring(type)
        while let prefix = ["?", "[]", "[string]"].first(where: { type.hasPrefix($0) }) {
            type = type.dropFirst(prefix.count)
        }
        let builtIn: Set<Substring> = ["bool", "int", "float", "string", "object"]
        return builtIn.contains(type) || type.hasPrefix("(") ? nil : String(type)
    }

    private static func isEnum(_ member: InterfaceDefinition.Member) -> Bool {
        !member.fields.isEmpty && member.fields.allSatisfy { $0.type.isEmpty }
    }

    /// The value itself, or what an optional, an array or a map holds (their first element).
    private static func element(of value: Any) -> Any? {
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional, .collection:
            return mirror.children.first.flatMap { element(of: $0.value) }
        case .dictionary:
            return mirror.children.first.flatMap { Mirror(reflecting: $0.value).children.dropFirst().first }.flatMap { element(of: $0.value) }
        default:
            return value
        }
    }
}
