/// Signing a lease, decided on the loaded state: who may sign, whether its units are free, and
/// whether the tenant moves in with it. The store persists what this returns.
public struct LeaseSigning: Equatable, Sendable {
    /// The lease to record (no id yet).
    public let lease: Lease
    /// A first lease moves an approved tenant to active on its start day, once that day has come,
    /// unless the tenant's onboarding checklist is still open: then its last tick does.
    public let activatesTenant: Bool
    /// A lease entered after a later one (a park typing in its past) that starts before the
    /// tenant's recorded move-in: the tenant moved in on this day, and its history says so.
    public let movesInEarlier: CivilDate?
    /// The day the tenant moves in with this lease: its start, or the day its onboarding
    /// checklist was completed when that came after (a lease entered after the last tick).
    let moveInDay: CivilDate

    /// The day and reason the tenant's history gives its move-in once brought forward
    /// (`movesInEarlier`), the lease having its id.
    public func earlierMoveIn(leaseID: Int64) -> (on: CivilDate, reason: String)? {
        movesInEarlier.map { ($0, "first lease \(leaseID) signed (entered after a lease that starts later)") }
    }

    /// The tenant's status change, once the lease has its id (the reason names it).
    public func activation(leaseID: Int64) -> StatusChange? {
        guard activatesTenant else { return nil }
        let reason = moveInDay > lease.start ? "first lease \(leaseID) signed, onboarding checklist completed on \(moveInDay)" : "first lease \(leaseID) signed"
        return StatusChange(from: .approved, to: .active, on: moveInDay, reason: reason)
    }

    /// - Parameters:
    ///   - tenant: the signing tenant, as stored (with its id).
    ///   - units: the units asked for, as they are now.
    ///   - holders: who else holds those units.
    ///   - firstLeaseStart: the start of its first lease (the earliest to start), when it has
    ///     one (an onboarding checklist's last tick may move it in later than that). A lease that
    ///     starts before it is the tenant's first lease now.
    ///   - onboardingOpen: the tenant's onboarding checklist has an item not yet ticked.
    ///   - onboardingCompletedOn: the day its checklist's last item was ticked, when it has one
    ///     and every item is: the tenant is in the park from then at the earliest.
    public static func decide(
        tenant: Tenant, units: [LeasedUnit], start: CivilDate, end: CivilDate, rent: Money, deposit: Money, billingDay: Int,
        holders: UnitHolders, firstLeaseStart: CivilDate?, onboardingOpen: Bool = false, onboardingCompletedOn: CivilDate? = nil, today: CivilDate
    ) throws -> LeaseSigning {
        let tenantID = tenant.id ?? 0
        // A firm approved, in the park or leaving signs; one that has left has the leases of its
        // stay recorded, as a park entering its past does.
        guard [.approved, .active, .exiting, .exited].contains(tenant.status) else {
            throw DomainError.invalid("tenant", "tenant \(tenantID) is \(tenant.status.rawValue); a firm signs a lease once approved (and one that has left has the leases of its stay recorded)")
        }
        // No lease starts before the tenant was approved: lease years and the rent subsidy count
        // from the first lease's start.
        if let approvedOn = tenant.history.last(where: { $0.to == .approved })?.on ?? (tenant.status == .approved ? tenant.statusSince : nil),
           start < approvedOn {
            throw DomainError.invalid("start", "\(start) is before \(approvedOn), when the tenant became approved")
        }
        let lease = try Lease(
            tenantID: tenantID, units: units, start: start, end: end, rent: rent, deposit: deposit, billingDay: billingDay)
        if tenant.status == .exited, let exitedOn = tenant.history.last(where: { $0.to == .exited })?.on, lease.end >= exitedOn {
            throw DomainError.invalid("end", "tenant \(tenantID) exited on \(exitedOn); a lease recorded for it ends by its last day in the park, \(exitedOn.adding(days: -1))")
        }
        try holders.ensureFree(for: lease)
        // The first lease is the earliest to start: one signed after a lease signed ahead, but
        // starting before it, moves the tenant in as a first lease does.
        let startsFirst = firstLeaseStart.map { start < $0 } ?? true
        let moveInDay = max(start, onboardingCompletedOn ?? start)
        let activates = startsFirst && tenant.status == .approved && start <= today && !onboardingOpen
        if activates {
            // The change must fit the tenant's history (not before it was approved).
            _ = try tenant.change(to: .active, on: moveInDay, reason: "first lease signed", today: today, dayField: "start")
        }
        // A lease entered after one that starts later, and before the recorded move-in: the
        // tenant moved in with it, or when its onboarding checklist was completed, if later.
        let earlier = tenant.movedIn.flatMap { movedIn in startsFirst && moveInDay < movedIn ? moveInDay : nil }
        return LeaseSigning(lease: lease, activatesTenant: activates, movesInEarlier: earlier, moveInDay: moveInDay)
    }

    /// A first lease signed ahead of its start moves the tenant in on its start day, as one signed
    /// on or after that day does at signing: the change the `move-ins` scheduled job records once
    /// the day has come (recorded on the start day, however late the job runs). Nil when it is not
    /// due: the tenant is not approved, its first lease has not started, or its onboarding
    /// checklist is still open (then its last tick moves it in).
    public static func moveIn(
        tenant: Tenant, firstLease: (id: Int64, start: CivilDate), onboardingOpen: Bool, today: CivilDate
    ) throws(DomainError) -> StatusChange? {
        guard tenant.status == .approved, firstLease.start <= today, !onboardingOpen else { return nil }
        return try tenant.change(to: .active, on: firstLease.start, reason: "first lease \(firstLease.id) started", today: today, dayField: "start")
    }
}
