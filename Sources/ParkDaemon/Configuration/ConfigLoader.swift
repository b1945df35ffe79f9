import Foundation
import Logging
import ParkControl
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
        try parse(text, file: file, zones: ZoneInfoDirectory())
    }

    /// `zones` is where the scheduled jobs and the events read their time zones: a zone the
    /// configuration names must be there.
    static func parse(_ text: String, file: String, zones: ZoneInfoDirectory) throws(ConfigError) -> DaemonConfig {
        var config = DaemonConfig()
        let reader = YAMLNodeReader(file: file)
        guard let root = try reader.compose(text) else {
            throw ConfigError(file: file, line: nil, column: nil, key: nil, reason: "is empty (or holds only comments); a configuration file sets at least one key")
        }
        for entry in try reader.entries(root, path: nil) {
            switch entry.name {
            case "state_directory": config.stateDirectory = try entry.path()
            case "timers": config.timers = try timers(entry.node, reader: reader, zones: zones)
            case "intake": config.intake = try intake(entry)
            case _ where sectionsOfSettings.contains(entry.name):
                for setting in try entry.entries() { try read(setting, into: &config, zones: zones) }
            default: throw entry.unknown
            }
        }
        return config
    }

    /// The top-level keys whose values are mappings of settings, each read by `read(_:into:)`.
    private static let sectionsOfSettings: Set = [
        "socket", "access", "park", "log", "shutdown", "policies", "calendar", "events", "cashing", "reviews", "database", "audit",
        "limits",
    ]

    /// One setting of a section, by its full key (`socket.mode`).
    private static func read(_ setting: YAMLEntry, into config: inout DaemonConfig, zones: ZoneInfoDirectory) throws(ConfigError) {
        switch setting.key {
        case "socket.path":
            let path = try setting.path()
            if let problem = UnixSocketPath.problem(path) { throw setting.error(problem) }
            config.socketPath = path
        case "socket.mode": config.socketMode = try setting.mode()
        case "socket.group": config.socketGroup = try setting.groupNameUnlessEmpty()
        case "socket.max_connections": config.socketMaxConnections = try setting.integer(in: 1...100_000)
        case "socket.message_timeout_seconds": config.socketMessageTimeoutSeconds = try setting.integer(in: 1...3600)
        case "access.admin_group": config.adminGroup = try setting.groupName()
        case "access.auditor_group": config.auditorGroup = try setting.groupName()
        case "access.reviewer_group": config.reviewerGroup = try setting.groupName()
        case "park.time_zone":
            let zone = try setting.string()
            guard TimeZone(identifier: zone) != nil else {
                throw setting.error("'\(zone)' is not a time zone name such as Asia/Shanghai")
            }
            // The scheduled jobs and the events read the zone from the system's database, not
            // Foundation's: without it they would count hours in another zone.
            guard (try? zones.rules(named: zone, field: "park.time_zone")) != nil else {
                throw setting.error("'\(zone)' is not in \(zones.path), where the scheduled jobs and the events read their zones (install tzdata)")
            }
            config.timeZone = zone
        case "log.level":
            let text = try setting.string()
            guard let level = Logger.Level(rawValue: text) else {
                let levels = Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")
                throw setting.error("'\(text)' is not a log level; use one of \(levels)")
            }
            config.logLevel = level
        case "log.target":
            let text = try setting.string()
            guard let target = LogTarget(rawValue: text) else {
                throw setting.error("'\(text)' is not a log target; use auto, journal or stderr")
            }
            config.logTarget = target
        case "shutdown.grace_seconds": config.shutdownGraceSeconds = try setting.integer(in: 0...600)
        case "policies.directory": config.policyDirectory = try setting.path()
        case "policies.reprice_approved": config.repriceApproved = try setting.boolean()
        case "calendar.directory": config.calendarDirectory = try setting.path()
        case "events.feed_directory": config.eventFeedDirectory = try setting.pathUnlessEmpty()
        case "cashing.notice_days": config.noticeWorkingDays = try setting.integer(in: 1...NoticePeriod.longest)
        case "cashing.confirmation":
            let text = try setting.string()
            guard text == "required" || text == "not-required" else {
                throw setting.error("'\(text)' is neither required nor not-required")
            }
            config.confirmationRequired = text == "required"
        case "reviews.prescreen": config.prescreen = try prescreen(setting)
        case "reviews.scoring": config.scoring = try scoring(setting)
        case "reviews.notice_days": config.reviewNoticeWorkingDays = try setting.integer(in: 1...NoticePeriod.longest)
        case "reviews.appeal_days": config.appealWorkingDays = try setting.integer(in: 1...60)
        case "reviews.onboarding":
            var items: [OnboardingChecklist.Item] = []
            for item in try setting.entries() {
                items.append(OnboardingChecklist.Item(name: item.name, description: try item.string()))
            }
            config.onboardingItems = items
        case "database.busy_timeout_seconds": config.databaseBusyTimeoutSeconds = try setting.integer(in: 0...600)
        case "audit.key_file": config.auditKeyFile = try setting.path()
        case "audit.anchor_interval_minutes": config.auditAnchorIntervalMinutes = try setting.integer(in: 1...10_080)
        case "limits.connections_per_user": config.limits.connectionsPerUser = try setting.integer(in: 1...100_000)
        case "limits.reserved_for_admins": config.limits.reservedForAdmins = try setting.integer(in: 0...100_000)
        case "limits.reply_buffer_bytes": config.limits.replyBufferBytes = try setting.integer(in: 65_536...1 << 30)
        case "limits.calls_per_second_without_role": config.limits.callsPerSecondWithoutRole = try setting.integer(in: 1...1_000_000)
        case "limits.refused_calls_audited_per_minute": config.limits.refusedCallsAuditedPerMinute = try setting.integer(in: 0...1_000_000)
        case "limits.refused_parameters_bytes": config.limits.refusedParametersBytes = try setting.integer(in: 64...1 << 20)
        case "limits.compute_seconds": config.limits.computeSeconds = try setting.integer(in: 1...3600)
        default: throw setting.unknown
        }
    }

    /// `reviews.prescreen`: `criteria` (a list of criterion names) and `minimum_registered_capital` (yuan).
    private static func prescreen(_ section: YAMLEntry) throws(ConfigError) -> PrescreenRules {
        var rules = PrescreenRules.park
        for entry in try section.entries() {
            switch entry.name {
            case "criteria":
                var criteria: [PrescreenCriterion] = []
                for item in try entry.items() {
                    let criterion = try item.parsed(PrescreenCriterion.parse)
                    guard !criteria.contains(criterion) else { throw item.error("\(criterion.rawValue) is named twice") }
                    criteria.append(criterion)
                }
                rules = PrescreenRules(criteria: criteria, minimumRegisteredCapital: rules.minimumRegisteredCapital)
            case "minimum_registered_capital":
                rules = PrescreenRules(criteria: rules.criteria, minimumRegisteredCapital: try entry.parsed { text, field throws(DomainError) in
                    try Money.parse(text, field: field)
                })
            default: throw entry.unknown
            }
        }
        return rules
    }

    /// `reviews.scoring`: `criteria` (name: weight, in order), `vetoes` (name: description) and `pass_threshold`.
    private static func scoring(_ section: YAMLEntry) throws(ConfigError) -> ScoringRules {
        var rules = ScoringRules.park
        var checkedNode = section.node
        for entry in try section.entries() {
            checkedNode = entry.node
            switch entry.name {
            case "criteria":
                var criteria: [ScoringRules.Criterion] = []
                for weight in try entry.entries() {
                    criteria.append(ScoringRules.Criterion(name: weight.name, weight: try weight.parsed(Score.parse)))
                }
                rules.criteria = criteria
            case "vetoes":
                var vetoes: [ScoringRules.VetoItem] = []
                for item in try entry.entries() {
                    vetoes.append(ScoringRules.VetoItem(name: item.name, description: try item.string()))
                }
                rules.vetoes = vetoes
            case "pass_threshold":
                rules.thresholdHundredths = Int(try entry.parsed { text, field throws(DomainError) in try Money.parse(text, field: field) }.fen)
            default: throw entry.unknown
            }
        }
        do {
            return try ScoringRules(criteria: rules.criteria, vetoes: rules.vetoes, thresholdHundredths: rules.thresholdHundredths)
        } catch {
            throw section.reader.error(checkedNode, key: section.key, error.reason)
        }
    }
}
