import ParkCore

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
    static func intake(_ section: YAMLEntry) throws(ConfigError) -> IntakeConfig {
        var intake = IntakeConfig()
        for entry in try section.entries() {
            switch entry.name {
            case "enabled": intake.enabled = try entry.boolean()
            case "spool_directory": intake.spoolDirectory = try entry.pathUnlessEmpty()
            case "max_file_bytes": intake.maxFileBytes = try entry.integer(in: 1_024...(64 << 20))
            case "tmp_max_age_seconds": intake.tmpMaxAgeSeconds = try entry.integer(in: 60...(30 * 86_400))
            case "rescan_seconds": intake.rescanSeconds = try entry.integer(in: 1...86_400)
            case "uploader_group": intake.uploaderGroup = try entry.groupName()
            case "tenant_uploaders": intake.tenantUploaders = try tenantUploaders(entry)
            default: throw entry.unknown
            }
        }
        return intake
    }

    /// `intake.tenant_uploaders`: credit codes, each with a list of user names.
    private static func tenantUploaders(_ entry: YAMLEntry) throws(ConfigError) -> [String: [String]] {
        var uploaders: [String: [String]] = [:]
        for firm in try entry.entries() {
            guard (try? CreditCode(firm.name)) != nil else {
                throw entry.reader.error(firm.keyNode, key: entry.key, "'\(firm.name)' is not a unified social credit code")
            }
            var names: [String] = []
            for item in try firm.items() {
                let name = try item.string()
                let valid = (1...32).contains(name.count) && name.first != "-"
                    && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }
                guard valid else { throw item.error("'\(name)' is not a user name") }
                names.append(name)
            }
            guard !names.isEmpty else { throw firm.error("list at least one user, or leave the firm out") }
            uploaders[firm.name] = names
        }
        return uploaders
    }
}
