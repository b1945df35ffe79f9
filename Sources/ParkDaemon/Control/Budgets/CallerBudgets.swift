import Dispatch
import Logging
import Synchronization

/// The daemon's one `CallerBudgetBook`, shared by every connection, and the log: an episode of
/// a uid over a budget is logged when it begins and when it ends, never once per call. Each
/// caller passes the limits in force (a reload applies new ones).
final class CallerBudgets: Sendable {
    private let book = Mutex(CallerBudgetBook())
    private let logger: Logger

    init(logger: Logger) {
        self.logger = logger
    }

    /// Seconds on the monotonic clock.
    private static func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

    func admit(uid: UInt32, privileged: Bool, maxConnections: Int, limits: CallerLimits) -> CallerBudgetBook.Refusal? {
        let (refusal, changes) = book.withLock { $0.admit(uid: uid, privileged: privileged, maxConnections: maxConnections, limits: limits) }
        for change in changes { log(change, refusal.map { ["refusal": "\($0)"] } ?? [:]) }
        return refusal
    }

    func release(uid: UInt32, privileged: Bool) {
        for change in book.withLock({ $0.release(uid: uid, privileged: privileged) }) { log(change) }
    }

    /// nil to start the call now, else the seconds it waits.
    func startCall(uid: UInt32, limits: CallerLimits) -> Double? {
        let now = Self.now()
        let (ended, wait, change) = book.withLock { book in
            let ended = book.forgetIdle(at: now)
            let (wait, change) = book.startCall(uid: uid, at: now, limits: limits)
            return (ended, wait, change)
        }
        for quiet in ended { log(quiet) }
        log(change)
        return wait
    }

    func refusedCall(uid: UInt32, limits: CallerLimits, audited: Bool) -> CallerBudgetBook.RefusalAudit {
        let now = Self.now()
        let (audit, change) = book.withLock { $0.refusedCall(uid: uid, at: now, limits: limits, audited: audited) }
        log(change)
        return audit
    }

    /// What `parkctl status` shows: the callers over a budget now, those gone quiet since
    /// their last call no longer (and logged so).
    var totals: (connectionsRefused: Int, callsDelayed: Int, refusedCallsNotAudited: Int, uidsOverBudget: [UInt32]) {
        let now = Self.now()
        let (ended, totals) = book.withLock { book in
            (book.forgetIdle(at: now), (book.connectionsRefused, book.callsDelayed, book.refusedCallsNotAudited, book.uidsOverBudget))
        }
        for quiet in ended { log(quiet) }
        return totals
    }

    private func log(_ change: CallerBudgetBook.EpisodeChange?, _ extra: Logger.Metadata = [:]) {
        guard let change else { return }
        let metadata = extra.merging(["uid": "\(change.uid)", "budget": "\(change.budget.rawValue)"]) { _, new in new }
        if change.began {
            let what = switch change.budget {
            case .connections: "connections refused: the caller holds all it may (limits.connections_per_user)"
            case .sharedConnections: "connections refused: callers other than admins hold every connection not kept for admins (limits.reserved_for_admins)"
            case .calls: "calls held back: a caller without a role calls faster than limits.calls_per_second_without_role"
            case .refusedAudits: "refused calls left out of the log and the audit trail: a caller without a role is refused faster than limits.refused_calls_audited_per_minute"
            }
            logger.warning("\(what)", metadata: metadata)
        } else {
            logger.notice("caller back within its budget", metadata: metadata)
        }
    }
}
