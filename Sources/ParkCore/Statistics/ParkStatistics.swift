import MemberwiseInit

/// The operator's headline figures for a period.
public struct ParkStatistics: Equatable, Sendable {
    public var from: CivilDate
    public var to: CivilDate
    /// Tenants per status on the last day of the period.
    public var tenantsByStatus: [TenantStatus: Int]
    /// Tenants in the park on the last day, per business line (a firm counts in each of its lines).
    public var tenantsByBusinessLine: [BusinessLine: Int]
    /// Tenants that became active during the period.
    public var newTenants: Int
    /// Office area leased on the last day, and all office area.
    public var leasedOfficeArea: Area
    public var officeArea: Area
    public var totals: ReportTotals
    /// Per month of the period, when asked for.
    public var monthly: [(month: Month, totals: ReportTotals)]

    public static func == (lhs: ParkStatistics, rhs: ParkStatistics) -> Bool {
        lhs.from == rhs.from && lhs.to == rhs.to && lhs.tenantsByStatus == rhs.tenantsByStatus
            && lhs.tenantsByBusinessLine == rhs.tenantsByBusinessLine && lhs.newTenants == rhs.newTenants
            && lhs.leasedOfficeArea == rhs.leasedOfficeArea && lhs.officeArea == rhs.officeArea && lhs.totals == rhs.totals
            && lhs.monthly.map(\.month) == rhs.monthly.map(\.month) && lhs.monthly.map(\.totals) == rhs.monthly.map(\.totals)
    }

    /// Leased ÷ total office area as a percentage with two decimals, rounded half-up ("85.32").
    public var occupancyPercent: String {
        guard officeArea.centiSquareMetres > 0 else { return "0.00" }
        // In 128 bits: no area can overflow it.
        let basisPoints = (Int128(leasedOfficeArea.centiSquareMetres) * 10_000).dividedRoundingHalfUp(by: Int128(officeArea.centiSquareMetres))
        return DecimalText.format(Int64(clamping: basisPoints), places: 2)
    }

    /// Computes the figures from the registry, the leases, the office units and the reports of the period.
    public static func compute(
        from: CivilDate, to: CivilDate, tenants: [TenantStanding], leases: [Lease], officeArea: Area,
        monthTotals: [(month: Month, totals: ReportTotals)], monthly: Bool
    ) -> ParkStatistics {
        var byStatus: [TenantStatus: Int] = [:]
        var byLine: [BusinessLine: Int] = [:]
        var newTenants = 0
        for tenant in tenants {
            guard let status = tenant.status(on: to) else { continue }
            byStatus[status, default: 0] += 1
            if status == .active || status == .exiting {
                for line in tenant.businessLines { byLine[line, default: 0] += 1 }
            }
            if let movedIn = tenant.changes.first(where: { $0.to == .active })?.on, from <= movedIn, movedIn <= to {
                newTenants += 1
            }
        }
        let leased = leases.reduce(Area.zero) { $0 + $1.area(of: .office, on: to) }
        var totals = ReportTotals()
        for month in monthTotals { totals.add(month.totals) }
        return ParkStatistics(
            from: from, to: to, tenantsByStatus: byStatus, tenantsByBusinessLine: byLine, newTenants: newTenants,
            leasedOfficeArea: leased, officeArea: officeArea, totals: totals,
            monthly: monthly ? monthTotals.sorted { $0.month < $1.month } : [])
    }
}

/// What the statistics read of a tenant: the day it applied, its status changes (the day each
/// took effect and the status it gave, oldest first) and its business lines. A park's
/// statistics read every tenant, so the store loads only this of each.
@MemberwiseInit
public struct TenantStanding: Sendable {
    public var appliedOn: CivilDate
    public var changes: [(on: CivilDate, to: TenantStatus)]
    public var businessLines: [BusinessLine]

    /// The status the tenant had on `day`, from its changes (nil before it applied).
    public func status(on day: CivilDate) -> TenantStatus? {
        guard appliedOn <= day else { return nil }
        return changes.last(where: { $0.on <= day })?.to ?? .applicant
    }
}

extension Tenant {
    public var standing: TenantStanding {
        TenantStanding(appliedOn: appliedOn, changes: history.map { ($0.on, $0.to) }, businessLines: self.businessLines)
    }

    /// The status the tenant had on `day`, from its history (nil before it applied).
    public func status(on day: CivilDate) -> TenantStatus? {
        standing.status(on: day)
    }
}
