/// The leases that end soon: the decision behind the lease-expiry notices.
public enum LeaseExpiry {
    /// The leases neither terminated nor ended before `today` whose end falls within `days` days
    /// of it (today included), soonest first.
    public static func ending(_ leases: [Lease], within days: Int, today: CivilDate) -> [Lease] {
        let last = today.adding(days: days)
        return leases.filter { $0.terminatedOn == nil && $0.end >= today && $0.end <= last }.sorted { ($0.end, $0.id ?? 0) < ($1.end, $1.id ?? 0) }
    }
}
