import Foundation
import Logging
import Yams

/// Reads parkd's YAML configuration strictly: unknown keys, duplicate keys and bad values are
/// errors naming the file, line, column and key. Command-line overrides are applied by the caller.
public enum ConfigLoader {
    /// Loads `path`, or the embedded defaults when `path` is nil.
    public static func load(_ source: ConfigSource) throws(ConfigError) -> DaemonConfig {
        guard case .file(let path) = source else { return DaemonConfig() }
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ConfigError(file: path, line: nil, column: nil, key: nil, reason: "cannot read: \(error.localizedDescription)")
        }
        return try parse(text, file: path)
    }

    public static func parse(_ text: String, file: String) throws(ConfigError) -> DaemonConfig {
        var config = DaemonConfig()
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw syntaxError(error, file: file)
        } catch {
            throw ConfigError(file: file, line: nil, column: nil, key: nil, reason: "\(error)")
        }
        guard let root else { return config }  // an empty file keeps every default
        let reader = Reader(file: file)
        for (key, value, keyNode) in try reader.mapping(root, path: nil) {
            switch key {
            case "state_directory": config.stateDirectory = try reader.path(value, key: key)
            case "socket":
                for (sub, node, keyNode) in try reader.mapping(value, path: key) {
                    let name = "socket.\(sub)"
                    switch sub {
                    case "path": config.socketPath = try reader.path(node, key: name)
                    case "mode": config.socketMode = try reader.mode(node, key: name)
                    case "group":
                        let group = try reader.string(node, key: name)
                        config.socketGroup = group.isEmpty ? nil : try reader.groupName(group, node, key: name)
                    case "max_connections": config.socketMaxConnections = try reader.integer(node, key: name, range: 1...100_000)
                    case "message_timeout_seconds": config.socketMessageTimeoutSeconds = try reader.integer(node, key: name, range: 1...3600)
                    default: throw reader.unknown(keyNode, key: name)
                    }
                }
            case "access":
                for (sub, node, keyNode) in try reader.mapping(value, path: key) {
                    let name = "access.\(sub)"
                    switch sub {
                    case "admin_group": config.adminGroup = try reader.groupName(reader.string(node, key: name), node, key: name)
                    case "auditor_group": config.auditorGroup = try reader.groupName(reader.string(node, key: name), node, key: name)
                    default: throw reader.unknown(keyNode, key: name)
                    }
                }
            case "park":
                for (sub, node, keyNode) in try reader.mapping(value, path: key) {
                    let name = "park.\(sub)"
                    switch sub {
                    case "time_zone":
                        let zone = try reader.string(node, key: name)
                        guard TimeZone(identifier: zone) != nil else {
                            throw reader.error(node, key: name, "'\(zone)' is not a time zone name such as Asia/Shanghai")
                        }
                        config.timeZone = zone
                    default: throw reader.unknown(keyNode, key: name)
                    }
                }
            case "log":
                for (sub, node, keyNode) in try reader.mapping(value, path: key) {
                    let name = "log.\(sub)"
                    switch sub {
                    case "level":
                        let text = try reader.string(node, key: name)
                        guard let level = Logger.Level(rawValue: text) else {
                            let levels = Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")
                            throw reader.error(node, key: name, "'\(text)' is not a log level; use one of \(levels)")
                        }
                        config.logLevel = level
                    case "target":
                        let text = try reader.string(node, key: name)
                        guard let target = LogTarget(rawValue: text) else {
                            throw reader.error(node, key: name, "'\(text)' is not a log target; use auto, journal or stderr")
                        }
                        config.logTarget = target
                    default: throw reader.unknown(keyNode, key: name)
                    }
                }
            case "shutdown":
                for (sub, node, keyNode) in try reader.mapping(value, path: key) {
                    let name = "shutdown.\(sub)"
                    switch sub {
                    case "grace_seconds": config.shutdownGraceSeconds = try reader.integer(node, key: name, range: 0...600)
                    default: throw reader.unknown(keyNode, key: name)
                    }
                }
            case "policies":
                for (sub, node, keyNode) in try reader.mapping(value, path: key) {
                    let name = "policies.\(sub)"
                    switch sub {
                    case "directory": config.policyDirectory = try reader.path(node, key: name)
                    default: throw reader.unknown(keyNode, key: name)
                    }
                }
            case "database":
                for (sub, node, keyNode) in try reader.mapping(value, path: key) {
                    let name = "database.\(sub)"
                    switch sub {
                    case "busy_timeout_seconds": config.databaseBusyTimeoutSeconds = try reader.integer(node, key: name, range: 0...600)
                    default: throw reader.unknown(keyNode, key: name)
                    }
                }
            default: throw reader.unknown(keyNode, key: key)
            }
        }
        return config
    }

    private static func syntaxError(_ error: YamlError, file: String) -> ConfigError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return ConfigError(file: file, line: mark.line, column: mark.column, key: nil, reason: "not valid YAML: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return ConfigError(
                file: file, line: context.mark.line, column: context.mark.column, key: duplicates.first,
                reason: "is given more than once")
        default:
            return ConfigError(file: file, line: nil, column: nil, key: nil, reason: "not valid YAML: \(error)")
        }
    }

    /// Typed reads of YAML nodes that locate every error.
    private struct Reader {
        let file: String

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

        func integer(_ node: Node, key: String, range: ClosedRange<Int>) throws(ConfigError) -> Int {
            let text = try string(node, key: key)
            guard let value = Int(text), range.contains(value) else {
                throw error(node, key: key, "'\(text)' must be a whole number from \(range.lowerBound) to \(range.upperBound)")
            }
            return value
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
}
