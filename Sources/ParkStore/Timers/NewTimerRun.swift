import MemberwiseInit

/// A run about to start (or skipped), as recorded.
@MemberwiseInit
public struct NewTimerRun: Sendable {
    public var timer: String
    public var action: String
    public var arguments: String
    /// `elapse`, `catch-up` or `run-now`.
    public var trigger: String
    /// RFC 3339 instant of the elapse it runs for; nil for a run asked for by an administrator.
    public var elapse: String?
    /// The day off the elapse was moved from (YYYY-MM-DD).
    public var movedFrom: String?
    public var startedAt: String
    /// The same instant in microseconds since the epoch: what a persistent timer counts from.
    public var startedAtMicros: Int64
    public var skipped: Bool = false
    /// Why a skipped run was not started.
    public var skipReason: String = ""
}
