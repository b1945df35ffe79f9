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
        /// The park's time zone as the system's database has it (read once per configuration,
        /// not per call): what "today" is, and where a day starts, for every handler, as for
        /// the events and the scheduled jobs.
        var parkZone: ZoneRules
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
    private let zones: ZoneInfoDirectory
    private let logger: Logger

    public init(
        config: DaemonConfig, source: ConfigSource, socketDescription: String, logLevel: LogLevelControl, logger: Logger,
        receiptKey: SigningPublicKey? = nil, now: @escaping @Sendable () -> Date = Date.init
    ) {
        zones = ZoneInfoDirectory()
        self.logger = logger
        self.receiptKey = receiptKey
        self.startedAt = now()
        self.logLevel = logLevel
        self.socketDescription = socketDescription
        self.now = now
        self.settings = Mutex(Settings(
            config: config, source: source,
            access: AccessPolicy(adminGroup: config.adminGroup, auditorGroup: config.auditorGroup, reviewerGroup: config.reviewerGroup),
            parkZone: zones.parkZone(config.timeZone, logger: logger),
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
            settings.parkZone = zones.parkZone(config.timeZone, logger: logger)
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

    /// The park's time zone.
    var parkZone: ZoneRules { settings.withLock { $0.parkZone } }

    /// Today in the park's time zone.
    func today() -> CivilDate {
        LocalDateTime(instant: epochSeconds, in: parkZone).date
    }

    /// The instant a park-local day starts, as recorded in the database.
    func startOfDay(_ day: CivilDate) -> String {
        Instant.rfc3339(millisecondsSinceEpoch: day.start(in: parkZone) * 1000)
    }

    // MARK: Connections

    var connections: Int { openConnections.load(ordering: .relaxed) }

    func connectionOpened() { openConnections.add(1, ordering: .relaxed) }

    func connectionClosed() { openConnections.subtract(1, ordering: .relaxed) }
}
