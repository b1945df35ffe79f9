import Foundation
import Logging
import ParkControl
import ParkStore
import ServiceLifecycle
import UnixSignals

/// Re-reads the configuration, the policy directory and the calendar directory on SIGHUP. A bad
/// configuration, policy file or calendar file is refused and what is running stays.
struct ReloadService: Service {
    let options: DaemonOptions
    let state: DaemonState
    let policies: PolicyRegistry
    let calendar: CalendarRegistry
    let scheduler: TimerScheduler
    let database: ParkDatabase
    let notifier: ServiceNotifier
    let logger: Logger
    let hangups: UnixSignalsSequence

    /// Where a reload reads and checks its files: never on an event loop, which the admin
    /// channel and the watchdog's health check need meanwhile (parkd runs Swift concurrency on
    /// its event loops).
    private let workers = WorkerThreads()

    func run() async throws {
        for await _ in hangups.cancelOnGracefulShutdown() {
            await Task(executorPreference: workers) { await reload() }.value
        }
    }

    func reload() async {
        notifier.reloading()
        let running = state.config
        do {
            let config = try options.loadConfig()
            let needRestart = config.restartOnlyDifferences(from: running)
            if !needRestart.isEmpty {
                logger.warning("changed settings take effect only after a restart", metadata: ["keys": "\(needRestart.joined(separator: ","))"])
            }
            var applied = config
            applied.stateDirectory = running.stateDirectory
            applied.socketPath = running.socketPath
            applied.socketMode = running.socketMode
            applied.socketGroup = running.socketGroup
            applied.databaseBusyTimeoutSeconds = running.databaseBusyTimeoutSeconds
            state.apply(applied)
            logger.notice("configuration reloaded", metadata: NotableEvent.reloaded.metadata(["config": "\(options.configSource)"]))
            var refusals: [(problems: String, consequence: String)] = []
            if let refused = await policies.load(
                directory: applied.policyDirectory, database: database, at: state.instant(), atStart: false, logger: logger) {
                refusals.append(("policies refused: " + refused, "policies refused, those in force stay"))
            }
            if let refused = calendar.load(directory: applied.calendarDirectory, logger: logger) {
                refusals.append(("calendar refused: " + refused, "calendar refused, the one in force stays"))
            }
            // The timers as reloaded, their elapses counted with the calendar now in force.
            await scheduler.reconfigure()
            if refusals.isEmpty {
                notifier.ready(status: "Serving on \(state.socketDescription); configuration reloaded")
            } else {
                state.rejectReload(refusals.map { $0.problems.split(separator: "\n").joined(separator: "; ") }.joined(separator: "; "))
                notifier.ready(status: "Serving on \(state.socketDescription); " + refusals.map(\.consequence).joined(separator: "; "))
            }
        } catch {
            state.rejectReload(error.description)
            logger.error("configuration reload rejected; keeping the running configuration", metadata: NotableEvent.reloadRejected.metadata(["error": "\(error)"]))
            notifier.ready(status: "Serving on \(state.socketDescription); reload rejected: \(error)")
        }
    }
}
