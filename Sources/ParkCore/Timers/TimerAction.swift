/// What a timer does when it elapses: one of parkd's own operations, never a shell command.
public enum TimerAction: Equatable, Sendable {
    /// A draft reward run for the month before the run's day (never approved by a timer).
    case monthlyRewardRun
    /// A draft reward run for the year before the run's day.
    case annualRewardRun
    /// Lists the tenants that have not reported the latest month whose report was due by
    /// `dueDay` of the month after it.
    case missingReports(dueDay: Int)
    /// Lists the leases that end within `withinDays` days of the run's day.
    case leaseExpiry(withinDays: Int)
    /// An online copy of the database into `backups/`, checked, keeping `keepDaily` daily and
    /// `keepMonthly` monthly copies.
    case backup(keepDaily: Int, keepMonthly: Int)
    /// `PRAGMA optimize`.
    case optimize
    /// Closes the public notices of reward runs whose last day has passed (their released lines
    /// become payable) and of review sessions (their applicants' decisions become final).
    case closeNotices
    /// Moves in the approved tenants whose first lease, signed ahead of its start, has started
    /// (`LeaseSigning.moveIn`): they become active on its start day.
    case moveIns

    /// The names the configuration gives actions.
    public static let names = [
        "reward-run-monthly", "reward-run-annual", "missing-reports", "lease-expiry", "backup", "optimize", "close-notices", "move-ins",
    ]

    /// The action's name in the configuration.
    public var name: String {
        switch self {
        case .monthlyRewardRun: "reward-run-monthly"
        case .annualRewardRun: "reward-run-annual"
        case .missingReports: "missing-reports"
        case .leaseExpiry: "lease-expiry"
        case .backup: "backup"
        case .optimize: "optimize"
        case .closeNotices: "close-notices"
        case .moveIns: "move-ins"
        }
    }

    /// The arguments as the configuration writes them, `keep_daily=7 keep_monthly=12`; empty
    /// for none.
    public var arguments: String {
        switch self {
        case .monthlyRewardRun, .annualRewardRun, .optimize, .closeNotices, .moveIns: ""
        case .missingReports(let dueDay): "due_day=\(dueDay)"
        case .leaseExpiry(let days): "within_days=\(days)"
        case .backup(let daily, let monthly): "keep_daily=\(daily) keep_monthly=\(monthly)"
        }
    }

    /// The argument names an action takes, each with its range and its default.
    public static func parameters(of name: String) -> [(name: String, range: ClosedRange<Int>, defaultValue: Int)] {
        switch name {
        case "missing-reports": [("due_day", 1...28, 10)]
        case "lease-expiry": [("within_days", 1...366, 30)]
        case "backup": [("keep_daily", 0...366, 7), ("keep_monthly", 0...120, 12)]
        default: []
        }
    }

    /// The action `name` with `arguments` (every argument it takes, defaults filled in).
    public static func make(_ name: String, arguments: [String: Int]) -> TimerAction? {
        func value(_ key: String) -> Int { arguments[key] ?? parameters(of: name).first { $0.name == key }?.defaultValue ?? 0 }
        switch name {
        case "reward-run-monthly": return .monthlyRewardRun
        case "reward-run-annual": return .annualRewardRun
        case "missing-reports": return .missingReports(dueDay: value("due_day"))
        case "lease-expiry": return .leaseExpiry(withinDays: value("within_days"))
        case "backup": return .backup(keepDaily: value("keep_daily"), keepMonthly: value("keep_monthly"))
        case "optimize": return .optimize
        case "close-notices": return .closeNotices
        case "move-ins": return .moveIns
        default: return nil
        }
    }
}
