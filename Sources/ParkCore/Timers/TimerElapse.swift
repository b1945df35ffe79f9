/// When a timer runs next.
public enum NextElapse: Equatable, Sendable {
    /// At this elapse.
    case at(TimerElapse)
    /// Its expressions never elapse again.
    case never
    /// It cannot be computed: the working-day calendar does not cover a day it falls on. It
    /// is computed again when the calendar is reloaded.
    case blocked(String)

    public var elapse: TimerElapse? {
        if case .at(let elapse) = self { return elapse }
        return nil
    }
}

/// One elapse of a timer.
public struct TimerElapse: Equatable, Sendable {
    /// When it runs (microseconds since the epoch).
    public var instant: Int64
    /// The park-local day off it was moved from (`on_holiday: next-working-day`); nil when it
    /// runs at the expression's own elapse.
    public var movedFrom: CivilDate?

    public init(instant: Int64, movedFrom: CivilDate? = nil) {
        self.instant = instant
        self.movedFrom = movedFrom
    }
}

/// Why a run started.
public enum TimerTrigger: String, Equatable, Sendable {
    /// The timer elapsed while parkd ran.
    case elapse
    /// A persistent timer's elapse passed while parkd was down: run once after start.
    case catchUp = "catch-up"
    /// An administrator asked for a run (`parkctl timer run-now`).
    case manual = "run-now"
}

/// What the scheduler is to do for a timer.
public enum TimerDecision: Equatable, Sendable {
    /// Start the timer's action.
    case run(timer: String, trigger: TimerTrigger, elapse: TimerElapse?)
    /// The timer's previous run is still going: this one is not started, only recorded.
    case skip(timer: String, trigger: TimerTrigger, elapse: TimerElapse?, runningSince: Int64)

    public var timer: String {
        switch self {
        case .run(let timer, _, _), .skip(let timer, _, _, _): timer
        }
    }
}
