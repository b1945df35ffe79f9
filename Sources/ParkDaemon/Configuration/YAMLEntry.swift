import ParkCore
import Yams

/// One key of a configuration mapping and its value, read with typed accessors whose errors
/// name the key's full path (`socket.mode`) at the value's line and column.
struct YAMLEntry {
    let reader: YAMLNodeReader
    /// The key as written in its mapping (`mode`).
    let name: String
    /// The key's full path (`socket.mode`), named by every error about the value.
    let key: String
    /// The value.
    let node: Node
    /// The key itself, where an unknown key is reported.
    let keyNode: Node

    /// The error for a key its mapping does not take.
    var unknown: ConfigError { reader.unknown(keyNode, key: key) }

    /// A bad value: the reason names what is wrong with it.
    func error(_ reason: String) -> ConfigError { reader.error(node, key: key, reason) }

    /// The value as a mapping: its keys in the order written, each named below this one.
    func entries() throws(ConfigError) -> [YAMLEntry] { try reader.entries(node, path: key) }

    /// The value as a list: its items, each read under this key.
    func items() throws(ConfigError) -> [YAMLEntry] {
        try reader.sequence(node, key: key).map { YAMLEntry(reader: reader, name: name, key: key, node: $0, keyNode: $0) }
    }

    func string() throws(ConfigError) -> String { try reader.string(node, key: key) }

    /// A path starting with / or .
    func path() throws(ConfigError) -> String { try reader.path(node, key: key) }

    /// A path, or nil for an empty value.
    func pathUnlessEmpty() throws(ConfigError) -> String? { try string().isEmpty ? nil : try path() }

    func integer(in range: ClosedRange<Int>) throws(ConfigError) -> Int { try reader.integer(node, key: key, range: range) }

    /// An octal file mode such as 0660.
    func mode() throws(ConfigError) -> UInt16 { try reader.mode(node, key: key) }

    func groupName() throws(ConfigError) -> String { try reader.groupName(string(), node, key: key) }

    /// A group name, or nil for an empty value.
    func groupNameUnlessEmpty() throws(ConfigError) -> String? {
        let name = try string()
        return name.isEmpty ? nil : try reader.groupName(name, node, key: key)
    }

    /// true, yes or on; false, no or off.
    func boolean() throws(ConfigError) -> Bool { try reader.boolean(node, key: key) }

    /// The value parsed by a ParkCore parser given the key as its field; its refusal is this key's error.
    func parsed<Value>(_ parse: (_ text: String, _ field: String) throws(DomainError) -> Value) throws(ConfigError) -> Value {
        let text = try string()
        do {
            return try parse(text, key)
        } catch {
            throw self.error(error.reason)
        }
    }
}
