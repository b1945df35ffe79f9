import Foundation
import Logging
import ParkControl
import ParkCore
import ParkStore
import Synchronization

/// The park's timers while parkd runs: their schedule (ParkCore's `TimerSchedule`, which
/// decides), the runs it starts and records, and what the admin channel asks of them. The
/// scheduler service waits on a `ClockWatch` and feeds the schedule with what happens.
final class TimerScheduler: Sendable {
    enum Event: Sendable {
        case wakeUp
        case clockChanged
        /// The configuration or the working-day calendar was reloaded.
        case reconfigured
    }

    private struct Current {
        var schedule: TimerSchedule
        var context: ElapseContext
    }

    let database: ParkDatabase
    let state: DaemonState
    let calendar: CalendarRegistry
    let jobs: ScheduledJobs
    let logger: Logger
    private let zones: ZoneInfoDirectory
    private let current: Mutex<Current>
    let events: AsyncStream<Event>
    private let continuation: AsyncStream<Event>.Continuation

    /// What a scheduler starts from: each timer's last trigger and each persistent timer's stamp
    /// (in microseconds since the epoch).
    struct Recorded: Sendable {
        var lastTriggers: [String: Int64] = [:]
        var stamps: [String: Int64] = [:]
    }

    /// Ends the runs an earlier parkd left running (recorded as interrupted), stamps the
    /// persistent timers started for the first time and reads each timer's last trigger back.
    static func recorded(database: ParkDatabase, state: DaemonState, logger: Logger) async throws -> Recorded {
        let stamps = try await stampPersistentTimers(database: database, state: state)
        for run in try await database.interruptTimerRuns(at: state.instant()) {
            logger.warning("a run of a scheduled job was still going when parkd stopped; it is recorded as interrupted", metadata: [
                "timer": "\(run.timer)", "run": "\(run.id)", "started": "\(run.startedAt)", "result": "\(run.result)",
            ])
        }
        return Recorded(lastTriggers: try await database.timerLastTriggers(), stamps: stamps)
    }

    /// The configured timers, activated now, each counting from its recorded last trigger.
    init(
        database: ParkDatabase, state: DaemonState, calendar: CalendarRegistry, jobs: ScheduledJobs, logger: Logger,
        recorded: Recorded, zones: ZoneInfoDirectory = ZoneInfoDirectory()
    ) {
        self.database = database
        self.state = state
        self.calendar = calendar
        self.jobs = jobs
        self.logger = logger
        self.zones = zones
        let config = state.config
        let context = Self.context(config: config, calendar: calendar.calendar, zones: zones, logger: logger)
        let schedule = TimerSchedule(
            config.timers, lastTriggers: recorded.lastTriggers, stamps: recorded.stamps, now: Self.micros(state.now()), context: context)
        current = Mutex(Current(schedule: schedule, context: context))
        (events, continuation) = AsyncStream.makeStream(of: Event.self, bufferingPolicy: .unbounded)
    }

    static func micros(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1_000_000).rounded(.down)) }

    var now: Int64 { Self.micros(state.now()) }

    /// The timers as they stand.
    var timers: [ScheduledTimer] { current.withLock { $0.schedule.timers } }

    /// When the scheduler must wake up next.
    var wakeUp: Int64? { current.withLock { $0.schedule.wakeUp } }

    /// The persistent timers of the configuration in force get a stamp if they have none: one
    /// that has never run then catches up elapses missed while parkd is down, as from systemd's
    /// stamp file.
    @discardableResult
    private static func stampPersistentTimers(database: ParkDatabase, state: DaemonState) async throws -> [String: Int64] {
        let now = state.now()
        return try await database.stampPersistentTimers(
            state.config.timers.filter(\.persistent).map(\.name), at: micros(now), instant: Instant.rfc3339(millisecondsSinceEpoch: micros(now) / 1_000))
    }

    /// Applies a reloaded configuration and the calendar in force; a persistent timer the reload
    /// added is stamped (a stamp that cannot be written is said, and the timer stamped at the next
    /// start).
    func reconfigure() async {
        do {
            try await Self.stampPersistentTimers(database: database, state: state)
        } catch {
            logger.warning("persistent timers could not be stamped; a timer the reload added that never runs before parkd stops catches up from its next start", metadata: [
                "error": "\(error)",
            ])
        }
        let config = state.config
        let context = Self.context(config: config, calendar: calendar.calendar, zones: zones, logger: logger)
        let now = now
        current.withLock {
            $0.context = context
            $0.schedule.reconfigure(config.timers, now: now, context: context)
        }
        continuation.yield(.reconfigured)
    }

    func deliver(_ event: Event) {
        continuation.yield(event)
    }

    func finish() {
        continuation.finish()
    }

    /// The decisions for what has come due by now (after the clock was set, counted again first).
    func decide(_ event: Event) -> (now: Int64, decisions: [TimerDecision]) {
        let now = now
        let decisions = current.withLock { current in
            if case .clockChanged = event { current.schedule.clockChanged(now: now, context: current.context) }
            return current.schedule.due(now: now, context: current.context)
        }
        return (now, decisions)
    }

    /// An administrator's run of `name`: run now and wait for its end, or recorded as skipped
    /// while the previous one is going.
    func runNow(_ name: String, context: ChangeContext) async throws -> StoredTimerRun {
        let now = now
        let decided = current.withLock { current in
            current.schedule.runRequested(name, now: now).map { ($0, current.schedule.timer(named: name)!.definition.action) }
        }
        guard let (decision, action) = decided else { throw TimerAPI.NoSuchTimer(name: name) }
        let run = try await record(decision, action: action, now: now, context: context)
        guard case .run = decision else { return run }
        return await execute(run, timer: name, action: action)
    }

    /// A run decided but not started (its record failed): the timer is free again.
    func abandon(_ timer: String) {
        current.withLock { $0.schedule.finished(timer) }
    }

    /// The action of the timer a decision is about, when it is still configured.
    func action(of timer: String) -> TimerAction? {
        current.withLock { $0.schedule.timer(named: timer)?.definition.action }
    }

    /// Records a decision's run: started, or skipped.
    func record(_ decision: TimerDecision, action: TimerAction, now: Int64, context: ChangeContext? = nil) async throws -> StoredTimerRun {
        let instant = Instant.rfc3339(millisecondsSinceEpoch: now / 1_000)
        let change = context ?? ChangeContext(call: nil, at: instant, outcome: { "\($0)" }, parkZone: state.parkZone)
        switch decision {
        case .run(let timer, let trigger, let elapse):
            return try await database.startTimerRun(NewTimerRun(
                timer: timer, action: action.name, arguments: action.arguments, trigger: trigger.rawValue,
                elapse: elapse.map { Instant.rfc3339(millisecondsSinceEpoch: $0.instant / 1_000) }, movedFrom: elapse?.movedFrom?.description,
                startedAt: instant, startedAtMicros: now), context: change)
        case .skip(let timer, let trigger, let elapse, let since):
            let sinceText = Instant.rfc3339(millisecondsSinceEpoch: since / 1_000)
            let run = try await database.startTimerRun(NewTimerRun(
                timer: timer, action: action.name, arguments: action.arguments, trigger: trigger.rawValue,
                elapse: elapse.map { Instant.rfc3339(millisecondsSinceEpoch: $0.instant / 1_000) }, movedFrom: elapse?.movedFrom?.description,
                startedAt: instant, startedAtMicros: now, skipped: true,
                skipReason: "not started: the run started at \(sinceText) was still going"), context: change)
            logger.notice("scheduled job skipped: its previous run is still going", metadata: NotableEvent.timerRunSkipped.metadata([
                "timer": "\(timer)", "run": "\(run.id)", "running_since": "\(sinceText)",
            ]))
            return run
        }
    }

    /// The park's day a run is due on: the day off its elapse (the latest due when it started)
    /// was moved from, else that elapse's day; today for a run started by hand.
    private func dueDay(of run: StoredTimerRun) -> CivilDate {
        if let moved = run.movedFrom, let day = try? CivilDate.parse(moved, field: "movedFrom") { return day }
        guard let text = run.elapse, let elapse = Instant.millisecondsSinceEpoch(text) else { return state.today() }
        return LocalDateTime(instant: elapse / 1_000, in: state.parkZone).date
    }

    /// Runs a started run's action and records how it ended.
    func execute(_ run: StoredTimerRun, timer: String, action: TimerAction) async -> StoredTimerRun {
        let outcome: TimerRunOutcome
        let result: ScheduledJobs.Result
        do {
            result = try await jobs.perform(action, timer: timer, run: run.id, due: dueDay(of: run))
            outcome = .succeeded
        } catch let partly as ScheduledJobs.PartlyFailed {
            result = partly.result
            outcome = .failed
        } catch {
            result = ScheduledJobs.Result(summary: ControlErrors.sentence(for: error), details: [])
            outcome = .failed
        }
        current.withLock { $0.schedule.finished(timer) }
        let ended = state.instant()
        logger.log(
            level: outcome == .succeeded ? .notice : .error, "scheduled job \(outcome.rawValue)",
            metadata: NotableEvent.timerRunEnded.metadata([
                "timer": "\(timer)", "action": "\(action.name)", "run": "\(run.id)", "result": "\(result.summary)",
            ]))
        do {
            return try await database.finishTimerRun(run.id, endedAt: ended, outcome: outcome, result: result.summary, details: result.details)
        } catch {
            logger.error("the end of a scheduled job's run was not recorded", metadata: ["run": "\(run.id)", "error": "\(error)"])
            var unrecorded = run
            unrecorded.endedAt = ended
            unrecorded.outcome = outcome
            unrecorded.result = result.summary
            unrecorded.details = result.details
            return unrecorded
        }
    }

    /// The park's zone, the zones the timers' expressions name, and the calendar in force. The
    /// configuration was refused unless every zone could be read; one that cannot be read now
    /// (its file removed since) is logged, and counted as the park's zone (the park's own, as UTC).
    static func context(config: DaemonConfig, calendar: WorkingDayCalendar, zones: ZoneInfoDirectory, logger: Logger) -> ElapseContext {
        func rules(_ name: String, field: String) -> (any TimeZoneRules)? {
            do {
                return try zones.rules(named: name, field: field)
            } catch {
                logger.error("a time zone of the scheduled jobs cannot be read; their hours are counted in another zone", metadata: [
                    "zone": "\(name)", "field": "\(field)", "error": "\(error.reason)",
                ])
                return nil
            }
        }
        let park = zones.parkZone(config.timeZone, logger: logger)
        var named: [String: any TimeZoneRules] = [:]
        for name in Set(config.timers.flatMap { $0.calendars.compactMap(\.timeZone) }) {
            named[name] = rules(name, field: "timers")
        }
        return ElapseContext(parkZone: park, zones: named, calendar: calendar)
    }
}
