/// What a tenant's exit changes besides its status: an exited firm holds no unit and reports
/// no month after it left. Its last day in the park is the day before the exit day.
public struct TenantExit: Equatable, Sendable {
    /// The leases still running after the last day in the park, ended on that day.
    public var endedLeases: [Lease]
    public var lastDay: CivilDate

    /// Decides the exit on `day`: leases running past the last day end on it; a lease that
    /// starts on or after the exit day, or a report of a month the firm was no longer in the
    /// park, contradicts the exit and refuses it (nothing is changed).
    public static func decide(on day: CivilDate, leases: [Lease], reportedMonths: [Month]) throws(DomainError) -> TenantExit {
        let lastDay = day.adding(days: -1)
        let later = leases.filter { $0.start > lastDay }
        guard later.isEmpty else {
            let named = later.map { "lease \($0.id.map(String.init) ?? "?") starts on \($0.start)" }.joined(separator: ", ")
            throw .invalid("on", "\(named), on or after the exit day \(day); withdraw a lease that has not started (lease withdraw) or change the exit day first")
        }
        let reportedAfter = reportedMonths.filter { $0.firstDay > lastDay }.sorted()
        guard reportedAfter.isEmpty else {
            throw .invalid("on", """
                the firm reported \(reportedAfter.map(\.description).joined(separator: ", ")), after its last day in the park \
                (\(lastDay)); change the exit day, or withdraw a report filed in error (report withdraw), first
                """)
        }
        var ended: [Lease] = []
        for var lease in leases where lease.lastDay > lastDay {
            if lease.terminatedOn == nil { try lease.terminate(on: lastDay) } else { lease.endEarly(on: lastDay) }
            ended.append(lease)
        }
        return TenantExit(endedLeases: ended, lastDay: lastDay)
    }
}
