/// Every timer of the park and what to do when: a value that the scheduler feeds with events
/// (time passing, a run ending, the clock set, a reload) and that answers with decisions. It
/// reads no clock and does no I/O: "now" is always a parameter (microseconds since the epoch).
///
/// The rules are systemd's for `OnCalendar=` timers: a persistent timer counts its next elapse
/// from its last trigger, so elapses missed while parkd was down make one run after start, however
/// many were missed; a timer that is not persistent counts from its activation. A clock set back
/// behind a last trigger rewinds that trigger to now, so the elapses ahead happen again.
public struct TimerSchedule: Sendable {
    public private(set) var timers: [ScheduledTimer]

    /// The timers of `definitions`, activated `now`, each with its last trigger as recorded and,
    /// for a persistent one, its stamp. A last trigger or a stamp after `now` (the clock was set
    /// back while parkd was down) is not believed, as systemd does not believe a stamp file from
    /// the future: the timer counts from `now`.
    public init(
        _ definitions: [TimerDefinition], lastTriggers: [String: Int64], stamps: [String: Int64] = [:], now: Int64, context: ElapseContext
    ) {
        timers = definitions.map { definition in
            let recorded = lastTriggers[definition.name].flatMap { $0 <= now ? $0 : nil }
            let stamped = definition.persistent ? stamps[definition.name].flatMap { $0 <= now ? $0 : nil } : nil
            var timer = ScheduledTimer(definition: definition, lastTrigger: recorded, activatedAt: now, stampedAt: stamped)
            timer.recompute(context)
            return timer
        }
    }

    public func timer(named name: String) -> ScheduledTimer? {
        timers.first { $0.name == name }
    }

    /// When the scheduler must next wake up: the earliest end of an elapse's accuracy window,
    /// so that elapses whose windows overlap share one wake-up. Nil when no timer will elapse.
    public var wakeUp: Int64? {
        timers.compactMap { timer in timer.next.elapse.map { $0.instant + timer.definition.accuracy } }.min()
    }

    /// The timers whose elapse has come by `now`: a run each, or a skip for one still running,
    /// for the latest of its elapses due (`ScheduledTimer.latestElapse`). Each timer's next
    /// elapse is then counted from `now`, so a clock that jumped over several elapses, or a
    /// catch-up of several missed, makes one run.
    public mutating func due(now: Int64, context: ElapseContext) -> [TimerDecision] {
        var decisions: [TimerDecision] = []
        for index in timers.indices {
            guard let first = timers[index].next.elapse, first.instant <= now else { continue }
            let trigger: TimerTrigger = first.instant < timers[index].activatedAt ? .catchUp : .elapse
            let elapse = ScheduledTimer.latestElapse(of: timers[index].definition, from: first, by: now, context: context)
            if let since = timers[index].runningSince {
                decisions.append(.skip(timer: timers[index].name, trigger: trigger, elapse: elapse, runningSince: since))
            } else {
                timers[index].runningSince = now
                decisions.append(.run(timer: timers[index].name, trigger: trigger, elapse: elapse))
            }
            timers[index].lastTrigger = now
            timers[index].recompute(context)
        }
        return decisions
    }

    /// An administrator's run of `name` now: run, or skip while a run is going. Nil when there is
    /// no such timer. The timer's own schedule is left as it is.
    public mutating func runRequested(_ name: String, now: Int64) -> TimerDecision? {
        guard let index = timers.firstIndex(where: { $0.name == name }) else { return nil }
        if let since = timers[index].runningSince {
            return .skip(timer: name, trigger: .manual, elapse: nil, runningSince: since)
        }
        timers[index].runningSince = now
        return .run(timer: name, trigger: .manual, elapse: nil)
    }

    /// The run of `name` has ended.
    public mutating func finished(_ name: String) {
        guard let index = timers.firstIndex(where: { $0.name == name }) else { return }
        timers[index].runningSince = nil
    }

    /// The wall clock was set: a last trigger or an activation now in the future is rewound to
    /// `now`, and every next elapse is counted again.
    public mutating func clockChanged(now: Int64, context: ElapseContext) {
        for index in timers.indices {
            if let last = timers[index].lastTrigger, last > now { timers[index].lastTrigger = now }
            if let stamp = timers[index].stampedAt, stamp > now { timers[index].stampedAt = now }
            timers[index].activatedAt = min(timers[index].activatedAt, now)
            timers[index].recompute(context)
        }
    }

    /// A reload: timers whose definition is unchanged keep their state; a changed or new one is
    /// activated `now` (keeping its last trigger and a run in progress); a removed one is
    /// dropped (a run in progress ends on its own). Every next elapse is counted again, with the
    /// working-day calendar and zones now in force.
    public mutating func reconfigure(_ definitions: [TimerDefinition], now: Int64, context: ElapseContext) {
        let current = timers
        timers = definitions.map { definition in
            var updated: ScheduledTimer
            if let running = current.first(where: { $0.name == definition.name }) {
                updated = running
                if running.definition != definition {
                    updated = ScheduledTimer(
                        definition: definition, lastTrigger: running.lastTrigger, activatedAt: now,
                        stampedAt: definition.persistent ? running.stampedAt : nil)
                    updated.runningSince = running.runningSince
                }
            } else {
                updated = ScheduledTimer(definition: definition, lastTrigger: nil, activatedAt: now)
            }
            updated.recompute(context)
            return updated
        }
    }
}
