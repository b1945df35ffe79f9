import Foundation
import Logging
import ParkCore

/// parkd's settings. Every field has a default, so `parkd` runs with no file at all.
public struct DaemonConfig: Equatable, Sendable {
    /// Directory holding `parkd.sqlite` (created if missing).
    public var stateDirectory = "/var/lib/parkd"
    /// Path of the admin socket, when parkd binds it itself (not socket-activated).
    public var socketPath = "/run/parkd/control.sock"
    /// Permission bits of the socket file it creates.
    public var socketMode: UInt16 = 0o660
    /// Group owning the socket file; nil keeps the daemon's own group.
    public var socketGroup: String?
    /// Connections served at once; more wait to be accepted until one closes.
    public var socketMaxConnections = 1_000
    /// How long a message may stay unfinished (bytes without their closing NUL) before its
    /// connection is closed.
    public var socketMessageTimeoutSeconds = 30
    /// Members may call every method.
    public var adminGroup = "parkd-admin"
    /// Members may call read-only methods.
    public var auditorGroup = "parkd-auditor"
    /// Members may sit on review panels and call the review methods about their own assignments.
    public var reviewerGroup = "parkd-reviewer"
    /// The park's time zone: "today" for dates given without one.
    public var timeZone = "Asia/Shanghai"
    public var logLevel: Logger.Level = .info
    /// Where log entries go.
    public var logTarget: LogTarget = .auto
    /// How long shutdown waits for requests in flight before closing connections.
    public var shutdownGraceSeconds = 10
    /// How long a write waits for another process holding the database.
    public var databaseBusyTimeoutSeconds = 5
    /// Directory of the policy files (`*.yaml`), read at start and on every reload.
    public var policyDirectory = "/etc/parkd/policies"
    /// Directory of the working-day calendar, a holiday schedule file a year (`2021.yaml`),
    /// read at start and on every reload.
    public var calendarDirectory = "/etc/parkd/calendar"
    /// What one caller may take of parkd.
    public var limits = CallerLimits()
    /// The key that seals the audit trail, when `$CREDENTIALS_DIRECTORY/audit-key` is not there.
    public var auditKeyFile = "/etc/parkd/audit.key"
    /// How often, at most, the audit trail's head is written to the log (and at shutdown).
    public var auditAnchorIntervalMinutes = 60
    /// Scheduled jobs (`timers:`), applied again on every reload.
    public var timers: [TimerDefinition] = []
    /// Directory where parkd keeps `events.ics`, the park's events as an iCalendar feed,
    /// rewritten on every change of an event; nil for no feed.
    public var eventFeedDirectory: String?
    /// Whether policy files may be put in force that compute an approved period's amounts
    /// otherwise (an amendment the city made retroactive): false refuses them.
    public var repriceApproved = false
    /// Working days a reward run's public notice runs when the administrator names none.
    public var noticeWorkingDays = 5
    /// Whether a tenant confirms its lines before they are paid.
    public var confirmationRequired = true
    /// The automatic prescreen of applications: the criteria applied and the capital threshold.
    public var prescreen = PrescreenRules.park
    /// What review sheets score: criteria and weights, veto items, the pass threshold.
    public var scoring = ScoringRules.park
    /// Working days a review session's public notice (公示) runs when the administrator names none.
    public var reviewNoticeWorkingDays = 5
    /// Working days after a final rejection within which the firm may appeal.
    public var appealWorkingDays = 10
    /// The onboarding checklist an approved firm gets: item names and what each is.
    public var onboardingItems = OnboardingChecklist.parkItems
    /// The spool of tenants' submissions (`intake:`); a restart applies it.
    public var intake = IntakeConfig()

    public init() {}

    /// The settings (as the configuration file names them) whose values differ from `other`'s:
    /// what a reload changed, as its audit entry records it.
    public func differences(from other: DaemonConfig) -> [String] {
        Self.settings.filter { $0.value(self) != $0.value(other) }.map(\.name)
    }

    /// Every setting, by its name in the configuration file, with its value as text to compare.
    static let settings: [(name: String, value: @Sendable (DaemonConfig) -> String)] = [
            ("state_directory", { $0.stateDirectory }), ("socket.path", { $0.socketPath }), ("socket.mode", { "\($0.socketMode)" }),
            ("socket.group", { "\($0.socketGroup ?? "")" }), ("socket.max_connections", { "\($0.socketMaxConnections)" }),
            ("socket.message_timeout_seconds", { "\($0.socketMessageTimeoutSeconds)" }), ("access.admin_group", { $0.adminGroup }),
            ("access.auditor_group", { $0.auditorGroup }), ("access.reviewer_group", { $0.reviewerGroup }), ("park.time_zone", { $0.timeZone }),
            ("log.level", { "\($0.logLevel)" }), ("log.target", { $0.logTarget.rawValue }), ("shutdown.grace_seconds", { "\($0.shutdownGraceSeconds)" }),
            ("database.busy_timeout_seconds", { "\($0.databaseBusyTimeoutSeconds)" }), ("policies.directory", { $0.policyDirectory }),
            ("policies.reprice_approved", { "\($0.repriceApproved)" }),
            ("calendar.directory", { $0.calendarDirectory }), ("limits", { "\($0.limits)" }), ("audit.key_file", { $0.auditKeyFile }),
            ("audit.anchor_interval_minutes", { "\($0.auditAnchorIntervalMinutes)" }), ("timers", { "\($0.timers)" }),
            ("events.feed_directory", { $0.eventFeedDirectory ?? "" }), ("cashing.notice_days", { "\($0.noticeWorkingDays)" }),
            ("cashing.confirmation", { "\($0.confirmationRequired)" }), ("reviews.prescreen", { "\($0.prescreen)" }),
            ("reviews.scoring", { "\($0.scoring)" }), ("reviews.notice_days", { "\($0.reviewNoticeWorkingDays)" }),
            ("reviews.appeal_days", { "\($0.appealWorkingDays)" }), ("reviews.onboarding", { "\($0.onboardingItems)" }),
            ("intake", { "\($0.intake)" }),
    ]

    /// These settings, but for those a reload cannot change, which stay as `running` has them.
    public func keepingRestartOnlySettings(of running: DaemonConfig) -> DaemonConfig {
        var kept = self
        kept.stateDirectory = running.stateDirectory
        kept.socketPath = running.socketPath
        kept.socketMode = running.socketMode
        kept.socketGroup = running.socketGroup
        kept.databaseBusyTimeoutSeconds = running.databaseBusyTimeoutSeconds
        kept.logTarget = running.logTarget
        kept.auditKeyFile = running.auditKeyFile
        kept.intake = running.intake
        return kept
    }

    /// The settings that a reload cannot change in a running daemon.
    public func restartOnlyDifferences(from other: DaemonConfig) -> [String] {
        var keys: [String] = []
        if stateDirectory != other.stateDirectory { keys.append("state_directory") }
        if socketPath != other.socketPath { keys.append("socket.path") }
        if socketMode != other.socketMode { keys.append("socket.mode") }
        if socketGroup != other.socketGroup { keys.append("socket.group") }
        if databaseBusyTimeoutSeconds != other.databaseBusyTimeoutSeconds { keys.append("database.busy_timeout_seconds") }
        if logTarget != other.logTarget { keys.append("log.target") }
        if auditKeyFile != other.auditKeyFile { keys.append("audit.key_file") }
        if intake != other.intake { keys.append("intake") }
        return keys
    }
}

/// Where log entries go.
public enum LogTarget: String, CaseIterable, Sendable {
    /// The journal when stderr is connected to it (`JOURNAL_STREAM`), else stderr.
    case auto
    /// Structured entries through sd_journal, always.
    case journal
    /// One line per entry on stderr, always.
    case stderr
}

/// Where a configuration came from, for status and reload.
public enum ConfigSource: Equatable, Sendable, CustomStringConvertible {
    case embeddedDefaults
    case file(String)

    public var description: String {
        switch self {
        case .embeddedDefaults: "embedded defaults"
        case .file(let path): path
        }
    }
}

/// A configuration problem, located in its file.
public struct ConfigError: Error, CustomStringConvertible, Equatable, Sendable {
    public let file: String
    public let line: Int?
    public let column: Int?
    public let key: String?
    public let reason: String

    public var description: String {
        var location = file
        if let line { location += ":\(line)" }
        if let column { location += ":\(column)" }
        if let key { return "\(location): \(key): \(reason)" }
        return "\(location): \(reason)"
    }
}
