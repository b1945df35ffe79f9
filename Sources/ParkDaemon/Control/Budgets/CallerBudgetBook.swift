/// The account of what each caller holds and spends against `CallerLimits`, with no I/O and
/// no clock of its own (times are seconds on a monotonic clock, passed in): which connections
/// are admitted, when a call without a role may start, which refused calls are audited, and
/// when an episode of a caller over its budget begins (logged once) and ends.
struct CallerBudgetBook {
    /// Why a connection is refused.
    enum Refusal: Equatable {
        /// The user holds `limit` connections already.
        case perUser(limit: Int)
        /// Callers other than root and admins hold every connection not kept for admins.
        case reservedForAdmins(available: Int)
    }

    /// What happens to a refused call's audit entry.
    enum RefusalAudit: Equatable {
        /// Record it: log it, and write its audit entry if it is an audited call. `omittedFromLog`
        /// refused calls of this uid were left out since its last line logged, `omittedFromTrail`
        /// since its last audit entry: counted for an audited call only, and kept for the next
        /// one otherwise (a refused read or a malformed message writes no entry to say it).
        case record(omittedFromLog: Int, omittedFromTrail: Int)
        /// Leave it out (counted).
        case omit
    }

    /// The kinds of budget a caller can run out of; an episode is one uid over one of them.
    enum Budget: String, Hashable, CaseIterable {
        /// Its own connections (`limits.connections_per_user`): over until one of them closes.
        case connections
        /// The connections not kept for admins, which every other caller shares: over until
        /// any of them closes, whoever held it.
        case sharedConnections
        case calls, refusedAudits
    }

    /// An episode began or ended: what is logged (once each).
    struct EpisodeChange: Equatable {
        var uid: UInt32
        var budget: Budget
        var began: Bool
    }

    private struct TokenBucket {
        var tokens: Double
        var updatedAt: Double

        mutating func refill(at now: Double, rate: Double, capacity: Double) {
            tokens = min(capacity, tokens + max(0, now - updatedAt) * rate)
            updatedAt = now
        }
    }

    /// Refilled tokens are sums of floating-point products: a token that is whole but for
    /// rounding counts as whole.
    private static let rounding = 1e-9

    private var connectionsByUid: [UInt32: Int] = [:]
    /// Connections of callers other than root and admins.
    private(set) var unprivilegedConnections = 0
    private var callBuckets: [UInt32: TokenBucket] = [:]
    private var auditBuckets: [UInt32: TokenBucket] = [:]
    private var omittedFromLog: [UInt32: Int] = [:]
    private var omittedFromTrail: [UInt32: Int] = [:]
    private var episodes: Set<EpisodeKey> = []
    /// Totals since start, for `parkctl status`.
    private(set) var connectionsRefused = 0
    private(set) var callsDelayed = 0
    private(set) var refusedCallsNotAudited = 0

    private struct EpisodeKey: Hashable {
        var uid: UInt32
        var budget: Budget
    }

    /// Admits a connection of `uid` (privileged: root or an admin), or says why not; the
    /// episodes that begin (a refusal) or end (an admission).
    mutating func admit(uid: UInt32, privileged: Bool, maxConnections: Int, limits: CallerLimits) -> (Refusal?, [EpisodeChange]) {
        guard !privileged else {
            connectionsByUid[uid, default: 0] += 1
            return (nil, [])
        }
        let held = connectionsByUid[uid, default: 0]
        // At least one, however small socket.max_connections is.
        let available = max(1, maxConnections - limits.reservedForAdmins)
        let refusal: Refusal? = if held >= limits.connectionsPerUser {
            .perUser(limit: limits.connectionsPerUser)
        } else if unprivilegedConnections >= available {
            .reservedForAdmins(available: available)
        } else {
            nil
        }
        if let refusal {
            connectionsRefused += 1
            let budget: Budget = if case .perUser = refusal { .connections } else { .sharedConnections }
            return (refusal, [begin(uid, budget)].compactMap { $0 })
        }
        connectionsByUid[uid] = held + 1
        unprivilegedConnections += 1
        return (nil, [end(uid, .connections), end(uid, .sharedConnections)].compactMap { $0 })
    }

    /// A connection admitted for `uid` closed: its own episode ends, and, a connection of the
    /// share being free again, every caller's that the share refused.
    mutating func release(uid: UInt32, privileged: Bool) -> [EpisodeChange] {
        if let held = connectionsByUid[uid] {
            connectionsByUid[uid] = held > 1 ? held - 1 : nil
        }
        guard !privileged else { return [] }
        unprivilegedConnections = max(0, unprivilegedConnections - 1)
        let shared = episodes.filter { $0.budget == .sharedConnections }.map(\.uid).sorted()
        return ([end(uid, .connections)] + shared.map { end($0, .sharedConnections) }).compactMap { $0 }
    }

    /// A caller without a role wants to start a call at `now`: nil to start it, else the seconds
    /// to wait before asking again.
    mutating func startCall(uid: UInt32, at now: Double, limits: CallerLimits) -> (wait: Double?, EpisodeChange?) {
        let rate = Double(limits.callsPerSecondWithoutRole)
        var bucket = callBuckets[uid] ?? TokenBucket(tokens: rate * 2, updatedAt: now)
        bucket.refill(at: now, rate: rate, capacity: rate * 2)
        defer { callBuckets[uid] = bucket }
        if bucket.tokens >= 1 - Self.rounding {
            bucket.tokens -= 1
            return (nil, bucket.tokens >= rate ? end(uid, .calls) : nil)
        }
        callsDelayed += 1
        return (max(0, 1 - bucket.tokens) / rate, begin(uid, .calls))
    }

    /// A call of a caller without a role was refused at `now`: whether it is logged and, for an
    /// `audited` call, its audit entry written.
    mutating func refusedCall(uid: UInt32, at now: Double, limits: CallerLimits, audited: Bool) -> (RefusalAudit, EpisodeChange?) {
        let rate = Double(limits.refusedCallsAuditedPerMinute) / 60
        let capacity = Double(limits.refusedCallsAuditedPerMinute)
        var bucket = auditBuckets[uid] ?? TokenBucket(tokens: capacity, updatedAt: now)
        bucket.refill(at: now, rate: rate, capacity: capacity)
        defer { auditBuckets[uid] = bucket }
        guard bucket.tokens >= 1 - Self.rounding else {
            omittedFromLog[uid, default: 0] += 1
            omittedFromTrail[uid, default: 0] += 1
            refusedCallsNotAudited += 1
            return (.omit, begin(uid, .refusedAudits))
        }
        bucket.tokens -= 1
        let fromLog = omittedFromLog.removeValue(forKey: uid) ?? 0
        let fromTrail = audited ? omittedFromTrail.removeValue(forKey: uid) ?? 0 : 0
        return (.record(omittedFromLog: fromLog, omittedFromTrail: fromTrail), end(uid, .refusedAudits))
    }

    /// Forgets the buckets of callers idle long enough to be full again (bounded memory
    /// however many uids call); the episodes that end with them, the caller having gone quiet
    /// (one that left never calls again to end its own).
    mutating func forgetIdle(at now: Double) -> [EpisodeChange] {
        // A call bucket refills in 2 seconds, an audit bucket in a minute.
        let quiet = callBuckets.filter { now - $0.value.updatedAt >= 2 }.keys.sorted()
        callBuckets = callBuckets.filter { now - $0.value.updatedAt < 2 }
        // An audit bucket with refusals left out stays, for the next entry to count them.
        let refilled = auditBuckets.filter { now - $0.value.updatedAt >= 60 }.keys.sorted()
        auditBuckets = auditBuckets.filter { now - $0.value.updatedAt < 60 || omittedFromLog[$0.key] != nil || omittedFromTrail[$0.key] != nil }
        return (quiet.map { end($0, .calls) } + refilled.map { end($0, .refusedAudits) }).compactMap { $0 }
    }

    var uidsOverBudget: [UInt32] { Array(Set(episodes.map(\.uid))).sorted() }

    private mutating func begin(_ uid: UInt32, _ budget: Budget) -> EpisodeChange? {
        episodes.insert(EpisodeKey(uid: uid, budget: budget)).inserted ? EpisodeChange(uid: uid, budget: budget, began: true) : nil
    }

    private mutating func end(_ uid: UInt32, _ budget: Budget) -> EpisodeChange? {
        episodes.remove(EpisodeKey(uid: uid, budget: budget)) != nil ? EpisodeChange(uid: uid, budget: budget, began: false) : nil
    }
}
