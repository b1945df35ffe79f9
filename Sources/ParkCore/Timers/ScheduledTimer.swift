/// One timer's state: when it last ran, whether it runs now, and when it runs next.
public struct ScheduledTimer: Sendable {
    public private(set) var definition: TimerDefinition
    /// When its last scheduled run was triggered (started or skipped); a run asked for by an
    /// administrator does not count, as `systemctl start` does not count for a timer.
    public internal(set) var lastTrigger: Int64?
    /// Since when its action runs; nil when it does not.
    public internal(set) var runningSince: Int64?
    /// When it was started (by parkd's start or a reload that changed it): a timer that is not
    /// persistent counts its elapses from there.
    public internal(set) var activatedAt: Int64
    /// When parkd first started it, for a persistent timer (systemd's stamp file): until it first
    /// triggers, it counts its elapses from there, so those missed while parkd was down are
    /// caught up though it never ran.
    public internal(set) var stampedAt: Int64?
    public internal(set) var next: NextElapse = .never

    public var name: String { definition.name }

    init(definition: TimerDefinition, lastTrigger: Int64?, activatedAt: Int64, stampedAt: Int64? = nil) {
        self.definition = definition
        self.lastTrigger = lastTrigger
        self.activatedAt = activatedAt
        self.stampedAt = stampedAt
    }

    /// Where the next elapse is searched from: for a persistent timer its last trigger, or its
    /// stamp when it never triggered; else the later of the last trigger and the activation.
    var base: Int64 {
        guard definition.persistent else { return max(lastTrigger ?? activatedAt, activatedAt) }
        return lastTrigger ?? stampedAt ?? activatedAt
    }

    /// How many elapses of one expression are looked at before giving up on finding one on a
    /// working day.
    static let searchLimit = 1_000

    /// Computes `next` from `base`.
    mutating func recompute(_ context: ElapseContext) {
        next = Self.nextElapse(of: definition, after: base, context: context)
    }

    /// The park's day a run for `elapse` that started at `start` is due on: the day of the latest
    /// elapse by `start` (a run that caught up several missed elapses, or that a clock set forward
    /// over them started, is the latest one's, as the job that elapse would have run), or the day
    /// off it was moved from.
    public static func dueDay(of definition: TimerDefinition, elapse: TimerElapse, start: Int64, context: ElapseContext) -> CivilDate {
        var latest = elapse
        for _ in 0..<searchLimit {
            guard case .at(let next) = nextElapse(of: definition, after: latest.instant, context: context), next.instant <= start else { break }
            latest = next
        }
        return latest.movedFrom ?? context.localDate(of: latest.instant)
    }

    /// The first elapse after `instant`, with working days applied. An expression whose next
    /// elapse falls on a day the calendar cannot judge blocks the timer only when no other
    /// expression elapses before that day: every elapse it might give comes at or after it.
    static func nextElapse(of definition: TimerDefinition, after instant: Int64, context: ElapseContext) -> NextElapse {
        var best: TimerElapse?
        var blocked: (at: Int64, reason: String)?
        for spec in definition.calendars {
            let zone = context.zone(of: spec)
            var from = instant
            for _ in 0..<searchLimit {
                guard let raw = spec.next(after: from, in: zone) else { break }
                if let best, raw >= best.instant { break }
                from = raw
                guard definition.workingDaysOnly else {
                    best = TimerElapse(instant: raw)
                    break
                }
                let day = context.localDate(of: raw)
                do {
                    if try context.calendar.isWorkingDay(day) {
                        best = TimerElapse(instant: raw)
                        break
                    }
                    guard definition.onHoliday == .nextWorkingDay else { continue }
                    var workingDay = day.adding(days: 1)
                    while try !context.calendar.isWorkingDay(workingDay) { workingDay = workingDay.adding(days: 1) }
                    let moved = TimerElapse(instant: context.moving(raw, to: workingDay), movedFrom: day)
                    if best.map({ moved.instant < $0.instant }) ?? true { best = moved }
                } catch {
                    if blocked.map({ raw < $0.at }) ?? true { blocked = (raw, error.reason) }
                    break
                }
            }
        }
        if let blocked, best.map({ $0.instant >= blocked.at }) ?? true { return .blocked(blocked.reason) }
        return best.map(NextElapse.at) ?? .never
    }
}
