import Foundation
import Logging
import ParkCore
import Yams

/// Reads parkd's YAML configuration strictly: unknown keys, duplicate keys and bad values are
/// errors naming the file, line, column and key. Command-line overrides are applied by the caller.
public enum ConfigLoader {
    /// Loads `path`, or the embedded defaults when `path` is nil.
    public static func load(_ source: ConfigSource) throws(ConfigError) -> DaemonConfig {
        guard case .file(let path) = source else { return DaemonConfig() }
        let text: String
        do {
            text = try YAMLDirectory.text(ofFile: path)
        } catch {
            throw ConfigError(file: path, line: nil, column: nil, key: nil, reason: error.message)
        }
        return try parse(text, file: path)
    }

    public static func parse(_ text: String, file: String) throws(ConfigError) -> DaemonConfig {
        var config = DaemonConfig()
        let reader = YAMLNodeReader(file: file)
        guard let root = try reader.compose(text) else {
            throw ConfigError(file: file, line: nil, column: nil, key: nil, reason: "is empty (or holds only comments); a configuration file sets at least one key")
        }
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
                    case "reviewer_group": config.reviewerGroup = try reader.groupName(reader.string(node, key: name), node, key: name)
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
            case "calendar":
                for (sub, node, keyNode) in try reader.mapping(value, path: key) {
                    let name = "calendar.\(sub)"
                    switch sub {
                    case "directory": config.calendarDirectory = try reader.path(node, key: name)
                    default: throw reader.unknown(keyNode, key: name)
                    }
                }
            case "events":
                for (sub, node, keyNode) in try reader.mapping(value, path: key) {
                    let name = "events.\(sub)"
                    switch sub {
                    case "feed_directory":
                        let directory = try reader.string(node, key: name)
                        config.eventFeedDirectory = directory.isEmpty ? nil : try reader.path(node, key: name)
                    default: throw reader.unknown(keyNode, key: name)
                    }
                }
            case "cashing":
                for (sub, node, keyNode) in try reader.mapping(value, path: key) {
                    let name = "cashing.\(sub)"
                    switch sub {
                    case "notice_days": config.noticeWorkingDays = try reader.integer(node, key: name, range: 1...60)
                    case "confirmation":
                        let text = try reader.string(node, key: name)
                        guard text == "required" || text == "not-required" else {
                            throw reader.error(node, key: name, "'\(text)' is neither required nor not-required")
                        }
                        config.confirmationRequired = text == "required"
                    default: throw reader.unknown(keyNode, key: name)
                    }
                }
            case "reviews":
                for (sub, node, keyNode) in try reader.mapping(value, path: key) {
                    let name = "reviews.\(sub)"
                    switch sub {
                    case "prescreen": config.prescreen = try prescreen(node, reader: reader, path: name)
                    case "scoring": config.scoring = try scoring(node, reader: reader, path: name)
                    case "notice_days": config.reviewNoticeWorkingDays = try reader.integer(node, key: name, range: 1...60)
                    case "appeal_days": config.appealWorkingDays = try reader.integer(node, key: name, range: 1...60)
                    case "onboarding":
                        var items: [OnboardingChecklist.Item] = []
                        for (item, description, _) in try reader.mapping(node, path: name) {
                            items.append(OnboardingChecklist.Item(name: item, description: try reader.string(description, key: "\(name).\(item)")))
                        }
                        config.onboardingItems = items
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
            case "audit":
                for (sub, node, keyNode) in try reader.mapping(value, path: key) {
                    let name = "audit.\(sub)"
                    switch sub {
                    case "key_file": config.auditKeyFile = try reader.path(node, key: name)
                    case "anchor_interval_minutes": config.auditAnchorIntervalMinutes = try reader.integer(node, key: name, range: 1...10_080)
                    default: throw reader.unknown(keyNode, key: name)
                    }
                }
            case "limits":
                for (sub, node, keyNode) in try reader.mapping(value, path: key) {
                    let name = "limits.\(sub)"
                    switch sub {
                    case "connections_per_user": config.limits.connectionsPerUser = try reader.integer(node, key: name, range: 1...100_000)
                    case "reserved_for_admins": config.limits.reservedForAdmins = try reader.integer(node, key: name, range: 0...100_000)
                    case "reply_buffer_bytes": config.limits.replyBufferBytes = try reader.integer(node, key: name, range: 65_536...1 << 30)
                    case "calls_per_second_without_role":
                        config.limits.callsPerSecondWithoutRole = try reader.integer(node, key: name, range: 1...1_000_000)
                    case "refused_calls_audited_per_minute":
                        config.limits.refusedCallsAuditedPerMinute = try reader.integer(node, key: name, range: 0...1_000_000)
                    case "refused_parameters_bytes": config.limits.refusedParametersBytes = try reader.integer(node, key: name, range: 64...1 << 20)
                    case "compute_seconds": config.limits.computeSeconds = try reader.integer(node, key: name, range: 1...3600)
                    default: throw reader.unknown(keyNode, key: name)
                    }
                }
            case "timers": config.timers = try timers(value, reader: reader)
            case "intake": config.intake = try intake(value, reader: reader)
            default: throw reader.unknown(keyNode, key: key)
            }
        }
        return config
    }

    /// `reviews.prescreen`: `criteria` (a list of criterion names) and `minimum_registered_capital` (yuan).
    private static func prescreen(_ node: Node, reader: YAMLNodeReader, path: String) throws(ConfigError) -> PrescreenRules {
        var rules = PrescreenRules.park
        for (sub, value, keyNode) in try reader.mapping(node, path: path) {
            let name = "\(path).\(sub)"
            switch sub {
            case "criteria":
                var criteria: [PrescreenCriterion] = []
                for item in try reader.sequence(value, key: name) {
                    let text = try reader.string(item, key: name)
                    do {
                        criteria.append(try PrescreenCriterion.parse(text, field: name))
                    } catch {
                        throw reader.error(item, key: name, error.reason)
                    }
                }
                rules = PrescreenRules(criteria: criteria, minimumRegisteredCapital: rules.minimumRegisteredCapital)
            case "minimum_registered_capital":
                let text = try reader.string(value, key: name)
                do {
                    rules = PrescreenRules(criteria: rules.criteria, minimumRegisteredCapital: try Money.parse(text, field: name))
                } catch {
                    throw reader.error(value, key: name, error.reason)
                }
            default: throw reader.unknown(keyNode, key: name)
            }
        }
        return rules
    }

    /// `reviews.scoring`: `criteria` (name: weight, in order), `vetoes` (name: description) and `pass_threshold`.
    private static func scoring(_ node: Node, reader: YAMLNodeReader, path: String) throws(ConfigError) -> ScoringRules {
        var rules = ScoringRules.park
        var checkedNode = node
        for (sub, value, keyNode) in try reader.mapping(node, path: path) {
            let name = "\(path).\(sub)"
            checkedNode = value
            switch sub {
            case "criteria":
                var criteria: [ScoringRules.Criterion] = []
                for (criterion, weight, _) in try reader.mapping(value, path: name) {
                    let text = try reader.string(weight, key: "\(name).\(criterion)")
                    do {
                        criteria.append(ScoringRules.Criterion(name: criterion, weight: try Score.parse(text, field: "\(name).\(criterion)")))
                    } catch {
                        throw reader.error(weight, key: "\(name).\(criterion)", error.reason)
                    }
                }
                rules.criteria = criteria
            case "vetoes":
                var vetoes: [ScoringRules.VetoItem] = []
                for (item, description, _) in try reader.mapping(value, path: name) {
                    vetoes.append(ScoringRules.VetoItem(name: item, description: try reader.string(description, key: "\(name).\(item)")))
                }
                rules.vetoes = vetoes
            case "pass_threshold":
                let text = try reader.string(value, key: name)
                do {
                    rules.thresholdHundredths = Int(try Money.parse(text, field: name).fen)
                } catch {
                    throw reader.error(value, key: name, error.reason)
                }
            default: throw reader.unknown(keyNode, key: name)
            }
        }
        do {
            return try ScoringRules(criteria: rules.criteria, vetoes: rules.vetoes, thresholdHundredths: rules.thresholdHundredths)
        } catch {
            throw reader.error(checkedNode, key: path, error.reason)
        }
    }
}
