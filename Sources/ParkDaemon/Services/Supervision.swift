import Foundation
import Logging
import NIOCore
import NIOPosix
import ParkCore
import ParkStore
import ServiceLifecycle

/// Keeps the service manager informed: a `WATCHDOG=1` ping at half the watchdog interval, sent
/// only after a health check proves that the event loop answers and the database can be read,
/// and a `STATUS=` line that follows the daemon's state.
///
/// The check also proves that the database file parkd opened is still the one at its path: a
/// database deleted or replaced while parkd runs stops parkd at once, loudly, instead of
/// letting it write changes into a file nobody will find (and start on an empty park next time).
struct Supervision: Service {
    let database: ParkDatabase
    /// The database file as opened.
    let databaseIdentity: FileIdentity
    let state: DaemonState
    let calendar: CalendarRegistry
    let notifier: ServiceNotifier
    let logger: Logger
    /// The manager's watchdog interval, nil when it does not watch parkd.
    let watchdogInterval: Duration?

    /// How often the status line is refreshed when there is no watchdog.
    static let statusInterval = Duration.seconds(15)

    func run() async throws {
        do {
            try await cancelWhenGracefulShutdown { try await report() }
        } catch is CancellationError {
            // Shutdown ends the reporting; that is not a failure.
        }
        // The admin channel has stopped (services stop in reverse order) and the database is
        // still open: the head noted now is the trail's last.
        await AuditAnchors.note(database: database, logger: logger)
    }

    private func report() async throws {
        let tick = watchdogInterval.map { $0 / 2 } ?? Supervision.statusInterval
        var lastStatus = ""
        var anchor: AuditTrailHead?
        var anchoredAt: ContinuousClock.Instant?
        var calendarReminder = CalendarReminder()
        while !Task.isCancelled {
            if FileIdentity.of(database.path) != databaseIdentity {
                let what = FileIdentity.of(database.path) == nil ? "was deleted or moved away" : "was replaced by another file"
                notifier.status("Stopped: the database \(what) while parkd ran; put it back (parkd --restore BACKUP) before starting parkd again")
                logger.critical("the database \(what) while parkd ran; stopping so that no change is written where nobody will find it", metadata: NotableEvent.databaseGone.metadata([
                    "database": "\(database.path)",
                ]))
                throw DatabaseGone(path: database.path, what: what)
            }
            let healthy = await checkHealth(within: tick)
            if watchdogInterval != nil {
                if healthy {
                    notifier.watchdog()
                } else {
                    logger.error("health check failed; withholding the watchdog ping", metadata: NotableEvent.watchdogUnhealthy.metadata())
                }
            }
            let anchorInterval = Duration.seconds(state.config.auditAnchorIntervalMinutes * 60)
            if anchoredAt.map({ ContinuousClock.now - $0 >= anchorInterval }) ?? true {
                anchor = await AuditAnchors.note(database: database, logger: logger, last: anchor)
                anchoredAt = ContinuousClock.now
            }
            if let warning = calendarReminder.warning(calendar: calendar.calendar, today: state.today()) {
                logger.warning("\(warning)", metadata: NotableEvent.calendarEndsSoon.metadata([
                    "years": "\(CalendarRegistry.describe(calendar.calendar.years))",
                ]))
            }
            // Before the socket listens the line would promise too much; while stopping,
            // STOPPING=1's own status stands.
            let status = await statusLine()
            if state.phase == .serving, status != lastStatus {
                notifier.status(status)
                lastStatus = status
            }
            try await EventLoopSleep.sleep(for: tick)
        }
    }

    /// The event loop runs a task and the database answers a read, both within `limit`.
    private func checkHealth(within limit: Duration) async -> Bool {
        await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                do {
                    try await MultiThreadedEventLoopGroup.singleton.any().submit {}.get()
                    return try await database.isReadable()
                } catch {
                    return false
                }
            }
            group.addTask {
                try? await EventLoopSleep.sleep(for: limit)
                return false
            }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
    }

    /// One line that says what parkd is doing: where it serves, what it holds, what went wrong last.
    func statusLine() async -> String {
        var line = "Serving on \(state.socketDescription)"
        if let counts = try? await database.tenantCounts() {
            let active = counts[.active] ?? 0
            line += "; \(counts.values.reduce(0, +)) tenants (\(active) active)"
        }
        line += "; \(state.connections) connections"
        if case .damaged = state.integrity?.outcome {
            line += "; database damaged (PRAGMA quick_check)"
        }
        switch CalendarCoverage(calendar.calendar, today: state.today()).standing {
        case .covered: break
        case .endsSoon(let through, _): line += "; working days counted only to \(through)"
        case .yearNotCovered(let year): line += "; no working-day calendar for \(year)"
        }
        if let rejected = state.lastReloadError {
            line += "; last reload rejected: \(rejected)"
        }
        return line
    }
}

/// The database file parkd opened is no longer at its path.
struct DatabaseGone: NotMendedByRestart, CustomStringConvertible {
    let path: String
    let what: String

    var description: String { "\(path) \(what) while parkd ran" }
}
