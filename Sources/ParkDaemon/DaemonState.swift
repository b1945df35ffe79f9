import Foundation
import Logging
import ParkCore
import Synchronization

/// What the running daemon knows about itself and may change while it runs (on reload).
public final class DaemonState: Sendable {
    struct Settings {
        var config: DaemonConfig
        var source: ConfigSource
        var access: AccessPolicy
        /// Gregorian, in the park's time zone: made once per configuration, not per call.
        var calendar: Calendar
        var lastReloadError: String?
    }

    public let startedAt: Date
    public let logLevel: LogLevelControl
    /// How the socket was obtained: its path, or "socket activation (fd 3)".
    public let socketDescription: String
    /// The public half of the park's receipt key; nil when parkd runs without one (in-process tests).
    let receiptKey: SigningPublicKey?
    private let settings: Mutex<Settings>
    private let integrityCheck = Mutex<DatabaseIntegrity?>(nil)
    private let openConnections = Atomic<Int>(0)
    private let currentPhase = Atomic<Int>(Phase.starting.rawValue)

    /// Where the daemon is in its life.
    enum Phase: Int {
        case starting, serving, stopping
    }

    var phase: Phase {
        get { Phase(rawValue: currentPhase.load(ordering: .relaxed)) ?? .starting }
        set { currentPhase.store(newValue.rawValue, ordering: .relaxed) }
    }
    /// The clock every handler reads; tests inject their own.
    let now: @Sendable () -> Date
    /// The clock in whole seconds since the epoch, as event rules read it.
    var epochSeconds: Int64 { Int64(now().timeIntervalSince1970.rounded(.down)) }
    /// What each caller holds and spends of the limits in force.
    let budgets: CallerBudgets

    public init(
        config: DaemonConfig, source: ConfigSource, socketDescription: String, logLevel: LogLevelControl, logger: Logger,
        receiptKey: SigningPublicKey? = nil, now: @escaping @Sendable () -> Date = Date.init
    ) {
        self.receiptKey = receiptKey
        self.startedAt = now()
        self.logLevel = logLevel
        self.socketDescription = socketDescription
        self.now = now
        self.settings = Mutex(Settings(
            config: config, source: source,
            access: AccessPolicy(adminGroup: config.adminGroup, auditorGroup: config.auditorGroup, reviewerGroup: config.reviewerGroup),
            calendar: DaemonState.calendar(in: TimeZone(identifier: config.timeZone) ?? TimeZone(identifier: "Asia/Shanghai")!),
            lastReloadError: nil))
        logLevel.current = config.logLevel
        budgets = CallerBudgets(logger: logger)
    }

    var config: DaemonConfig { settings.withLock { $0.config } }
    /// The database's integrity check since start; nil before it began.
    var integrity: DatabaseIntegrity? {
        get { integrityCheck.withLock { $0 } }
        set { integrityCheck.withLock { $0 = newValue } }
    }
    var source: ConfigSource { settings.withLock { $0.source } }
    var access: AccessPolicy { settings.withLock { $0.access } }
    var lastReloadError: String? { settings.withLock { $0.lastReloadError } }

    /// Takes a validated configuration's reloadable settings.
    func apply(_ config: DaemonConfig) {
        let access = AccessPolicy(adminGroup: config.adminGroup, auditorGroup: config.auditorGroup, reviewerGroup: config.reviewerGroup)
        settings.withLock { settings in
            settings.config = config
            settings.access = access
            if let zone = TimeZone(identifier: config.timeZone) { settings.calendar = DaemonState.calendar(in: zone) }
            settings.lastReloadError = nil
        }
        logLevel.current = config.logLevel
    }

    func rejectReload(_ reason: String) {
        settings.withLock { $0.lastReloadError = reason }
    }

    // MARK: Time

    /// The current instant as recorded in the database (RFC 3339, UTC, milliseconds).
    func instant() -> String {
        Instant.rfc3339(millisecondsSinceEpoch: Int64((now().timeIntervalSince1970 * 1000).rounded(.down)))
    }

    private static func calendar(in zone: TimeZone) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar
    }

    /// Today in the park's time zone.
    func today() -> CivilDate {
        let calendar = settings.withLock { $0.calendar }
        let parts = calendar.dateComponents([.year, .month, .day], from: now())
        return CivilDate(year: parts.year!, month: parts.month!, day: parts.day!)!
    }

    /// The instant a park-local day starts, as recorded in the database.
    func startOfDay(_ day: CivilDate) -> String {
        let calendar = settings.withLock { $0.calendar }
        let start = calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day))!
        return Instant.rfc3339(millisecondsSinceEpoch: Int64(start.timeIntervalSince1970 * 1000))
    }

    // MARK: Connections

    var connections: Int { openConnections.load(ordering: .relaxed) }

    func connectionOpened() { openConnections.add(1, ordering: .relaxed) }

    func connectionClosed() { openConnections.subtract(1, ordering: .relaxed) }
}
