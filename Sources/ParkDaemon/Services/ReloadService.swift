import Foundation
import Logging
import ParkCore
import ParkControl
import ParkPolicy
import ParkStore
import ServiceLifecycle
import UnixSignals

/// Re-reads the configuration, the policy directory and the calendar directory on SIGHUP. A bad
/// configuration, policy file or calendar file refuses the whole reload: what is running stays.
struct ReloadService: Service {
    let options: DaemonOptions
    let state: DaemonState
    let policies: PolicyRegistry
    let calendar: CalendarRegistry
    let scheduler: TimerScheduler
    let database: ParkDatabase
    /// Written again after a reload: `events.feed_directory` may name another directory.
    let feed: EventCalendarFeed
    let notifier: ServiceNotifier
    let logger: Logger
    let hangups: UnixSignalsSequence

    /// The method of the audit entry of a reload that changed the configuration in force.
    static let method = "io.parkd.Service.Reload"

    /// Where a reload reads and checks its files: never on an event loop, which the admin
    /// channel and the watchdog's health check need meanwhile (parkd runs Swift concurrency on
    /// its event loops).
    private let workers = WorkerThreads()

    func run() async throws {
        for await _ in hangups.cancelOnGracefulShutdown() {
            await Task(executorPreference: workers) { await reload() }.value
        }
    }

    /// Reads and checks the configuration, the policy files and the calendar files, and only
    /// when all three are good puts them in force: a reload is applied whole or not at all.
    func reload() async {
        notifier.reloading()
        let running = state.config
        let config: DaemonConfig
        do {
            config = try options.loadConfig()
        } catch {
            state.rejectReload(error.description)
            logger.error("configuration reload rejected; keeping the running configuration", metadata: NotableEvent.reloadRejected.metadata(["error": "\(error)"]))
            notifier.ready(status: "Serving on \(state.socketDescription); reload rejected: \(error)")
            return
        }
        var refusals: [(problems: String, consequence: String)] = []
        var workingDays: WorkingDayCalendar?
        do {
            workingDays = try CalendarRegistry.read(directory: config.calendarDirectory)
        } catch {
            calendar.refuse(error, directory: config.calendarDirectory, logger: logger)
            refusals.append(("calendar refused: " + error.description, "calendar refused, the one in force stays"))
        }
        // Checked against the approved runs and put in force with no approval in between.
        let calendarRefusals = refusals
        let policyRefusals = try? await policies.changes.exclusively { [policies, database, state, logger] in
            var found: [(problems: String, consequence: String)] = []
            do throws(PolicyProblems) {
                let book = try PolicyRegistry.read(directory: config.policyDirectory)
                try await policies.checkApprovedAmounts(
                    book, inForce: policies.book, directory: config.policyDirectory, database: database, allow: config.repriceApproved, logger: logger)
                if !calendarRefusals.isEmpty {
                    // Good files, not put in force because the reload is refused whole: no refusal of theirs to show.
                    policies.clearRefusal()
                } else if let unrecorded = await policies.install(
                    book, directory: config.policyDirectory, database: database, at: state.instant(), logger: logger) {
                    found.append(("policies not recorded: " + unrecorded, "policies not recorded, those in force stay"))
                }
            } catch {
                policies.refuse(error, directory: config.policyDirectory, logger: logger)
                found.append(("policies refused: " + error.description, "policies refused, those in force stay"))
            }
            return found
        }
        refusals.insert(contentsOf: policyRefusals ?? [], at: 0)
        guard refusals.isEmpty, let workingDays else {
            state.rejectReload(refusals.map { $0.problems.split(separator: "\n").joined(separator: "; ") }.joined(separator: "; "))
            logger.error("reload rejected: the configuration, the policies and the calendar in force stay", metadata: NotableEvent.reloadRejected.metadata([
                "error": "\(refusals.map(\.consequence).joined(separator: "; "))",
            ]))
            notifier.ready(status: "Serving on \(state.socketDescription); " + refusals.map(\.consequence).joined(separator: "; ")
                + "; the configuration in force stays")
            return
        }
        let needRestart = config.restartOnlyDifferences(from: running)
        if !needRestart.isEmpty {
            logger.warning("changed settings take effect only after a restart", metadata: ["keys": "\(needRestart.joined(separator: ","))"])
        }
        let applied = config.keepingRestartOnlySettings(of: running)
        // What changed in force is audited (who may do what, the timers, the money settings),
        // with what the file changes that waits for a restart (which alone changes nothing).
        // The log level counts from the one in force, which Service.SetLogLevel may have changed.
        var runningNow = running
        runningNow.logLevel = state.logLevel.current
        let changed = applied.differences(from: runningNow)
        state.apply(applied)
        calendar.install(workingDays, directory: applied.calendarDirectory, logger: logger)
        if !changed.isEmpty {
            let call = AuditedCall(
                uid: Int64(getuid()), user: "parkd", pid: Int64(getpid()), method: Self.method,
                parameters: JSONValue.object([
                    "config": .string("\(options.configSource)"), "changed": .array(changed.map { .string($0) }),
                    "restartNeeded": .array(needRestart.map { .string($0) }),
                ]).canonicalText)
            do {
                try await database.recordCall(call, at: state.instant(), outcome: "ok")
            } catch {
                logger.error("the configuration reloaded is not in the audit trail", metadata: ["changed": "\(changed.joined(separator: ","))", "error": "\(error)"])
            }
        }
        logger.notice("configuration reloaded", metadata: NotableEvent.reloaded.metadata(["config": "\(options.configSource)"]))
        // The timers as reloaded, their elapses counted with the calendar now in force.
        await scheduler.reconfigure()
        await feed.refresh()
        notifier.ready(status: "Serving on \(state.socketDescription); configuration reloaded")
    }
}
