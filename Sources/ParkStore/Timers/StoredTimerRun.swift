/// A run of a scheduled job as recorded: when, why, how it ended and what it did.
public struct StoredTimerRun: Sendable, Equatable {
    public var id: Int64
    public var timer: String
    public var action: String
    public var arguments: String
    public var trigger: String
    public var elapse: String?
    public var movedFrom: String?
    public var startedAt: String
    public var endedAt: String?
    public var outcome: TimerRunOutcome
    /// One sentence: what the run did, or why it failed or was skipped.
    public var result: String
    /// The items it found or did, one line each (tenants without a report, leases ending).
    public var details: [String]
}
