import GRDB
import MemberwiseInit
import ParkCore

/// What every audited change carries: who asked, when, and how to name a failure in the trail.
@MemberwiseInit
public struct ChangeContext: Sendable {
    public var call: AuditedCall?
    /// The call as the trail records it when the change is refused, when that differs from
    /// `call`: its parameters bounded, so that refused calls cannot fill the trail. Made only
    /// for a refusal.
    public var refusedCall: (@Sendable () -> AuditedCall)? = nil
    /// RFC 3339 instant of the change.
    public var at: String
    /// Text recorded as the audit outcome when the change fails.
    public var outcome: @Sendable (any Error) -> String
    /// Told once the trail holds the call's entry (committed): a call refused before any
    /// entry was written is recorded by whoever handed the context out.
    public var recorded: (@Sendable () -> Void)? = nil
    /// The park's time zone, whose days a change's days are: a firm that leaves on a day is gone
    /// from that day's midnight there. UTC for a change that records no such day.
    public var parkZone: any TimeZoneRules = UTCRules()

    var recordedBy: String { call?.user ?? "parkd" }

    /// `at` in whole seconds since the epoch (every context's `at` is written by `Instant.rfc3339`).
    var epochSeconds: Int64 { (Instant.millisecondsSinceEpoch(at) ?? 0) / 1000 }
}
