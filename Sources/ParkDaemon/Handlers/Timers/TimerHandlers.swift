import Foundation
import ParkControl
import ParkCore
import ParkStore

/// `io.parkd.Timer`.
enum TimerHandlers {
    static func register(
        in table: inout MethodTable, scheduler: TimerScheduler, database: ParkDatabase, zones: ZoneInfoDirectory = ZoneInfoDirectory()
    ) {
        table.add(TimerAPI.interface)

        table.register(TimerAPI.list) { request, _ in
            let display = try zones.displayRules(named: request.displayTimeZone ?? "UTC", field: "displayTimeZone")
            let timers = scheduler.timers
            var wired: [TimerAPI.Timer] = []
            for timer in timers {
                wired.append(wire(timer, lastTriggered: try await database.lastTriggeredRun(timer: timer.name), display: display))
            }
            // Soonest first, as systemctl list-timers; those with no next elapse last.
            wired.sort { ($0.next ?? .max, $0.name) < ($1.next ?? .max, $1.name) }
            return TimerAPI.ListReply(now: scheduler.now, timers: wired)
        }

        table.register(TimerAPI.get) { request, _ in
            let display = try zones.displayRules(named: request.displayTimeZone ?? "UTC", field: "displayTimeZone")
            guard let timer = scheduler.timers.first(where: { $0.name == request.name }) else { throw TimerAPI.NoSuchTimer(name: request.name) }
            let runs = try await database.timerRuns(timer: timer.name, limit: 10)
            let lastTriggered = try await database.lastTriggeredRun(timer: timer.name)
            return TimerAPI.GetReply(now: scheduler.now, timer: wire(timer, lastTriggered: lastTriggered, display: display), runs: runs.map(wire))
        }

        table.register(TimerAPI.run, runs: .offEventLoop) { request, call in
            TimerAPI.RunReply(run: wire(try await scheduler.runNow(request.name, context: call.change())))
        }

        table.register(TimerAPI.history) { request, _ in
            let limit = request.limit ?? 20
            guard (1...1000).contains(limit) else { throw DomainError.invalid("limit", "\(limit) is not a count of runs from 1 to 1000") }
            if let name = request.name, !scheduler.timers.contains(where: { $0.name == name }) {
                // A timer no longer configured still has its history.
                guard try await !database.timerRuns(timer: name, limit: 1).isEmpty else { throw TimerAPI.NoSuchTimer(name: name) }
            }
            // One more than asked for: whether older runs were left out.
            let runs = try await database.timerRuns(timer: request.name, limit: limit + 1)
            return TimerAPI.HistoryReply(runs: runs.prefix(limit).map(wire), more: runs.count > limit ? true : nil)
        }
    }

    /// A timer as `timer list` and `timer show` give it, with the outcome of `latest`, the newest
    /// run its schedule triggered, beside the time of that trigger (`Last`). A run asked for by
    /// an administrator (`run-now`) is in the history, but is not the timer's trigger, as
    /// `systemctl start` of a service is not.
    static func wire(_ timer: ScheduledTimer, lastTriggered latest: StoredTimerRun?, display: some TimeZoneRules) -> TimerAPI.Timer {
        let definition = timer.definition
        let note: String? = switch timer.next {
        case .at(let elapse): elapse.movedFrom.map { "moved from \($0), a day off" }
        case .never: "its calendar expressions never elapse again"
        case .blocked(let reason): reason
        }
        return TimerAPI.Timer(
            name: definition.name, action: definition.action.name, arguments: definition.action.arguments,
            calendars: definition.calendars.map(\.normalized), persistent: definition.persistent,
            accuracy: TimeSpan.describe(definition.accuracy), workingDaysOnly: definition.workingDaysOnly,
            onHoliday: definition.onHoliday.rawValue, next: timer.next.elapse?.instant, nextNote: note,
            nextLocal: timer.next.elapse.map { display.timestamp($0.instant) }, last: timer.lastTrigger,
            lastLocal: timer.lastTrigger.map { display.timestamp($0) },
            lastOutcome: latest?.outcome.rawValue, running: timer.runningSince != nil)
    }

    static func wire(_ run: StoredTimerRun) -> TimerAPI.TimerRun {
        TimerAPI.TimerRun(
            id: run.id, timer: run.timer, action: run.action, arguments: run.arguments, trigger: run.trigger, elapse: run.elapse,
            movedFrom: run.movedFrom, startedAt: run.startedAt, endedAt: run.endedAt, outcome: run.outcome.rawValue, result: run.result,
            details: run.details)
    }
}
