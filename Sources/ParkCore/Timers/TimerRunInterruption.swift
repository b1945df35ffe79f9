import MemberwiseInit

/// What a run of a scheduled job left when parkd stopped before it ended: the changes its job
/// saved (each audited as the call it made, by `timer NAME`, after the newest entry when the
/// run started), read at
/// the next start. The run's record then says whether its work was saved, so that whoever reads
/// `timer history` knows whether to run the job again by hand.
@MemberwiseInit
public struct TimerRunInterruption: Equatable, Sendable {
    /// A change the run's job saved: its audit entry.
    @MemberwiseInit
    public struct SavedChange: Equatable, Sendable {
        public var auditEntry: Int64
        public var method: String
        public var outcome: String
    }

    public var timer: String
    public var saved: [SavedChange]

    /// The run's result: whether anything it did was saved, and what to do when nothing was.
    public var result: String {
        switch saved.count {
        case 0:
            "parkd stopped before the run ended, and nothing it did was saved; run it again with parkctl timer run-now \(timer)"
        case 1:
            "parkd stopped before the run ended; the one change it made was saved (audit entry \(saved[0].auditEntry))"
        default:
            "parkd stopped before the run ended; the \(saved.count) changes it made were saved (each is a line below, with its audit entry)"
        }
    }

    /// A line for each change saved, as the audit trail holds it (its outcome cut at 200 characters).
    public var details: [String] {
        saved.map { change in
            let outcome = change.outcome.count > 200 ? String(change.outcome.prefix(200)) + "…" : change.outcome
            return "audit entry \(change.auditEntry): \(change.method) \(outcome)"
        }
    }
}
