import ParkCore
import Yams

/// The spool of tenants' submissions (`intake:`).
public struct IntakeConfig: Equatable, Sendable {
    /// Whether parkd takes submissions from the spool at all.
    public var enabled = true
    /// The spool's directory; nil for `spool` in the state directory.
    public var spoolDirectory: String?
    /// Files larger than this are set aside unread.
    public var maxFileBytes = 1 << 20
    /// Unfinished uploads in `incoming/tmp` older than this are removed.
    public var tmpMaxAgeSeconds = 86_400
    /// How often `incoming/new` is scanned even without a notification (inotify is a hint).
    public var rescanSeconds = 60
    /// Members may upload (own files in `incoming/new`) and read the outbox.
    public var uploaderGroup = "parkd-intake"
    /// Credit code → the accounts that upload for that firm alone: its outbox is theirs to read
    /// and no other uploader's. Firms not listed share their outbox with the whole group.
    public var tenantUploaders: [String: [String]] = [:]

    public init() {}

    /// The spool's directory for a state directory.
    public func spool(stateDirectory: String) -> String { spoolDirectory ?? stateDirectory + "/spool" }
}

extension ConfigLoader {
    /// The `intake:` section.
    static func intake(_ node: Node, reader: YAMLNodeReader) throws(ConfigError) -> IntakeConfig {
        var intake = IntakeConfig()
        for (sub, value, keyNode) in try reader.mapping(node, path: "intake") {
            let name = "intake.\(sub)"
            switch sub {
            case "enabled": intake.enabled = try boolean(value, reader: reader, key: name)
            case "spool_directory":
                let directory = try reader.string(value, key: name)
                intake.spoolDirectory = directory.isEmpty ? nil : try reader.path(value, key: name)
            case "max_file_bytes": intake.maxFileBytes = try reader.integer(value, key: name, range: 1_024...(64 << 20))
            case "tmp_max_age_seconds": intake.tmpMaxAgeSeconds = try reader.integer(value, key: name, range: 60...(30 * 86_400))
            case "rescan_seconds": intake.rescanSeconds = try reader.integer(value, key: name, range: 1...86_400)
            case "uploader_group": intake.uploaderGroup = try reader.groupName(reader.string(value, key: name), value, key: name)
            case "tenant_uploaders": intake.tenantUploaders = try tenantUploaders(value, reader: reader, key: name)
            default: throw reader.unknown(keyNode, key: name)
            }
        }
        return intake
    }

    /// `intake.tenant_uploaders`: credit codes, each with a list of user names.
    private static func tenantUploaders(_ node: Node, reader: YAMLNodeReader, key: String) throws(ConfigError) -> [String: [String]] {
        var uploaders: [String: [String]] = [:]
        for (code, value, codeNode) in try reader.mapping(node, path: key) {
            guard (try? CreditCode(code)) != nil else {
                throw reader.error(codeNode, key: key, "'\(code)' is not a unified social credit code")
            }
            var names: [String] = []
            for item in try reader.sequence(value, key: "\(key).\(code)") {
                let name = try reader.string(item, key: "\(key).\(code)")
                let valid = (1...32).contains(name.count) && name.first != "-"
                    && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }
                guard valid else { throw reader.error(item, key: "\(key).\(code)", "'\(name)' is not a user name") }
                names.append(name)
            }
            guard !names.isEmpty else { throw reader.error(value, key: "\(key).\(code)", "list at least one user, or leave the firm out") }
            uploaders[code] = names
        }
        return uploaders
    }
}
