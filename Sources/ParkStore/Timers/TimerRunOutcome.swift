/// How a run of a scheduled job ended, or that it has not.
public enum TimerRunOutcome: String, Sendable, Equatable {
    case running, succeeded, failed
    /// Not started: the timer's previous run was still going.
    case skipped
    /// parkd stopped before the run ended.
    case interrupted
}
