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

    /// The latest elapse by `now`, from `elapse` (the first one due) on: the one a run that
    /// catches up several missed elapses, or that a clock set forward over them starts, is for,
    /// as the job it runs is that elapse's. A frequent timer's search starts a few weeks before
    /// `now` rather than stepping through every elapse since `elapse`.
    static func latestElapse(of definition: TimerDefinition, from elapse: TimerElapse, by now: Int64, context: ElapseContext) -> TimerElapse {
        var latest = elapse
        let weeksBefore = now - latestSearchSpan
        // Stepping forward from an elapse due, no elapse moved from before it is looked for
        // (`lookingBack`): that search, a thousand steps for a timer of every minute, at each of
        // a thousand steps, would hold the scheduler for seconds.
        if weeksBefore > latest.instant,
           case .at(let near) = nextElapse(of: definition, after: weeksBefore, context: context, lookingBack: false),
           near.instant <= now, near.instant > latest.instant {
            latest = near
        }
        for _ in 0..<searchLimit {
            guard case .at(let next) = nextElapse(of: definition, after: latest.instant, context: context, lookingBack: false),
                  next.instant <= now else { break }
            latest = next
        }
        return latest
    }

    /// Five weeks, in microseconds: more than a month between two elapses of a monthly timer
    /// moved past a holiday.
    static let latestSearchSpan: Int64 = 35 * 86_400 * 1_000_000

    /// Sixteen days, in microseconds: longer than any run of days off, so an elapse moved past
    /// them to the next working day is found from any instant before it arrives.
    static let movedElapseSpan: Int64 = 16 * 86_400 * 1_000_000

    /// The first elapse after `instant`, with working days applied. An expression whose next
    /// elapse falls on a day the calendar cannot judge blocks the timer only when no other
    /// expression elapses before that day: every elapse it might give comes at or after it.
    ///
    /// With `on_holiday: next-working-day`, an expression's elapse on a day off before `instant`
    /// that is moved to after it is found too: it has not run (a run at `instant` or before was
    /// another elapse's), and counting only from `instant` would lose it (a catch-up run on a
    /// day off, while the elapse of the day before waits for its working day).
    static func nextElapse(of definition: TimerDefinition, after instant: Int64, context: ElapseContext, lookingBack: Bool = true) -> NextElapse {
        var best: TimerElapse?
        var blocked: (at: Int64, reason: String)?
        let movesElapses = lookingBack && definition.workingDaysOnly && definition.onHoliday == .nextWorkingDay
        for spec in definition.calendars {
            let zone = context.zone(of: spec)
            if movesElapses, let moved = movedPast(instant, spec: spec, zone: zone, context: context),
               best.map({ moved.instant < $0.instant }) ?? true {
                best = moved
            }
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

    /// The earliest elapse of `spec` on a day off in the weeks before `instant` that is moved to
    /// the next working day after it; nil when there is none. A day the calendar cannot judge is
    /// passed over here: what lies ahead decides whether the timer waits.
    private static func movedPast(_ instant: Int64, spec: CalendarSpec, zone: any TimeZoneRules, context: ElapseContext) -> TimerElapse? {
        var earliest: TimerElapse?
        var from = instant - movedElapseSpan
        for _ in 0..<searchLimit {
            guard let raw = spec.next(after: from, in: zone), raw <= instant else { break }
            from = raw
            let day = context.localDate(of: raw)
            guard (try? context.calendar.isWorkingDay(day)) == false else { continue }
            var workingDay = day.adding(days: 1)
            while (try? context.calendar.isWorkingDay(workingDay)) == false { workingDay = workingDay.adding(days: 1) }
            guard (try? context.calendar.isWorkingDay(workingDay)) == true else { continue }
            let moved = TimerElapse(instant: context.moving(raw, to: workingDay), movedFrom: day)
            if moved.instant > instant, earliest.map({ moved.instant < $0.instant }) ?? true { earliest = moved }
        }
        return earliest
    }
}
