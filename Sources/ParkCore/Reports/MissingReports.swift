/// Which tenants owe a monthly report that is overdue: the decision behind the missing-report
/// reminders.
public struct MissingReports: Equatable, Sendable {
    /// The month whose report is looked for.
    public let month: Month
    /// The day its report was due.
    public let dueOn: CivilDate
    /// The tenants that held a lease during `month` and have no report of it, by id.
    public let tenantIDs: [Int64]

    /// The latest month whose report was due (by `dueDay` of the month after it) before `today`.
    public static func monthDue(today: CivilDate, dueDay: Int) -> Month {
        let thisMonth = Month(year: today.year, month: today.month)
        return today.day > dueDay ? thisMonth.adding(months: -1) : thisMonth.adding(months: -2)
    }

    /// The tenants with a lease running on any day of `month` and no report of it.
    public init(month: Month, dueDay: Int, leases: [Lease], reported: Set<Int64>) {
        self.month = month
        let next = month.adding(months: 1)
        dueOn = CivilDate(year: next.year, month: next.month, day: dueDay) ?? next.firstDay
        let owing = Set(leases.filter { $0.start <= month.lastDay && $0.lastDay >= month.firstDay }.map(\.tenantID))
        tenantIDs = owing.subtracting(reported).sorted()
    }
}

extension Month {
    /// The month `months` months after this one (before it when negative).
    fileprivate func adding(months: Int) -> Month {
        let index = year * 12 + month - 1 + months
        return Month(year: index >= 0 ? index / 12 : (index - 11) / 12, month: (index % 12 + 12) % 12 + 1)
    }
}
