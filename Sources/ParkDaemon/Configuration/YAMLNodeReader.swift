import ParkPolicy
import Yams

/// Typed reads of YAML nodes that locate every error in its file: parkd's configuration and
/// the files of its working-day calendar.
struct YAMLNodeReader {
    let file: String

    /// The document's root node, nil for an empty document; a syntax error or a key given twice
    /// is located.
    func compose(_ text: String) throws(ConfigError) -> Node? {
        do {
            return try YAMLInput.compose(text)
        } catch {
            throw ConfigError(file: file, line: error.position?.line, column: error.position?.column, key: error.key, reason: error.message)
        }
    }

    func error(_ node: Node, key: String?, _ reason: String) -> ConfigError {
        ConfigError(file: file, line: node.mark?.line, column: node.mark?.column, key: key, reason: reason)
    }

    func unknown(_ node: Node, key: String) -> ConfigError {
        error(node, key: key, "unknown key")
    }

    /// The pairs of a mapping as (key, value, key node), refusing duplicates.
    func mapping(_ node: Node, path: String?) throws(ConfigError) -> [(String, Node, Node)] {
        guard let mapping = node.mapping else {
            throw error(node, key: path, "must be a mapping of keys to values")
        }
        var seen = Set<String>()
        var pairs: [(String, Node, Node)] = []
        for (keyNode, value) in mapping {
            guard let key = keyNode.scalar?.string else { throw error(keyNode, key: path, "keys must be plain words") }
            let full = path.map { "\($0).\(key)" } ?? key
            guard seen.insert(key).inserted else { throw error(keyNode, key: full, "is given more than once") }
            pairs.append((key, value, keyNode))
        }
        return pairs
    }

    /// The pairs of a mapping as entries named below `path` (the root's when nil), refusing duplicates.
    func entries(_ node: Node, path: String?) throws(ConfigError) -> [YAMLEntry] {
        try mapping(node, path: path).map { name, value, keyNode in
            YAMLEntry(reader: self, name: name, key: path.map { "\($0).\(name)" } ?? name, node: value, keyNode: keyNode)
        }
    }

    func string(_ node: Node, key: String) throws(ConfigError) -> String {
        guard let scalar = node.scalar else { throw error(node, key: key, "must be a single value") }
        return scalar.string
    }

    func path(_ node: Node, key: String) throws(ConfigError) -> String {
        let text = try string(node, key: key)
        guard text.hasPrefix("/") || text.hasPrefix(".") else {
            throw error(node, key: key, "'\(text)' must be a path starting with / or .")
        }
        guard !text.contains("\0") else { throw error(node, key: key, "contains a NUL byte") }
        return text
    }

    /// The items of a sequence.
    func sequence(_ node: Node, key: String) throws(ConfigError) -> [Node] {
        guard let sequence = node.sequence else { throw error(node, key: key, "must be a list") }
        return Array(sequence)
    }

    func integer(_ node: Node, key: String, range: ClosedRange<Int>) throws(ConfigError) -> Int {
        let text = try string(node, key: key)
        guard let value = Int(text), range.contains(value) else {
            throw error(node, key: key, "'\(text)' must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    func boolean(_ node: Node, key: String) throws(ConfigError) -> Bool {
        switch try string(node, key: key) {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        case let text: throw error(node, key: key, "'\(text)' must be true or false")
        }
    }

    /// An octal file mode such as 0660, quoted or not.
    func mode(_ node: Node, key: String) throws(ConfigError) -> UInt16 {
        let text = try string(node, key: key)
        guard (3...4).contains(text.count), let mode = UInt16(text, radix: 8), mode <= 0o777 else {
            throw error(node, key: key, "'\(text)' is not an octal permission mode such as 0660")
        }
        return mode
    }

    func groupName(_ name: String, _ node: Node, key: String) throws(ConfigError) -> String {
        let valid = (1...32).contains(name.count)
            && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
        guard valid else { throw error(node, key: key, "'\(name)' is not a group name") }
        return name
    }
}
