/// Why a run started.
public enum TimerTrigger: String, Equatable, Sendable {
    /// The timer elapsed while parkd ran.
    case elapse
    /// A persistent timer's elapse passed while parkd was down: run once after start.
    case catchUp = "catch-up"
    /// An administrator asked for a run (`parkctl timer run-now`).
    case manual = "run-now"
}
