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
