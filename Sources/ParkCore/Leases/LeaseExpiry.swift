/// The leases that end soon: the decision behind the lease-expiry notices.
public enum LeaseExpiry {
    /// The leases whose last day (the contracted end, or the day a termination set) falls within
    /// `days` days of `today` (today included), soonest first: a lease ended early to a day
    /// ahead frees its units then as surely as one that runs its course.
    public static func ending(_ leases: [Lease], within days: Int, today: CivilDate) -> [Lease] {
        let last = today.adding(days: days)
        return leases.filter { $0.lastDay >= today && $0.lastDay <= last }.sorted { ($0.lastDay, $0.id ?? 0) < ($1.lastDay, $1.id ?? 0) }
    }
}
