import Foundation
import Logging
import ParkControl
import ParkCore
import ParkPolicy
import ParkStore

/// What a timer's action does: each one of parkd's own operations, the same the admin channel
/// reaches. A reward run is only ever a draft here; someone approves it with `parkctl reward
/// approve`.
struct ScheduledJobs: Sendable {
    let database: ParkDatabase
    let rewardRuns: RewardRuns
    let backups: Backups
    let notices: RewardNotices
    let reviewNotices: ReviewNotices
    let state: DaemonState

    /// What a run did: one sentence, and the items it found or made, one a line.
    struct Result: Sendable {
        var summary: String
        var details: [String]
    }

    /// A run that did part of its work: what it did and what it could not, each item said; the
    /// run failed, and the items that could be done are done.
    struct PartlyFailed: Error {
        var result: Result
    }

    /// Carries out `action` for `timer`'s run `run`, due on the park's day `due`: the periods
    /// a reward run drafts and the month whose reports are due are counted from it, not from
    /// the day the run happens to start (an elapse moved past a day off, or caught up after
    /// parkd was stopped, may start in the next month).
    func perform(_ action: TimerAction, timer: String, run: Int64, due: CivilDate) async throws -> Result {
        let today = state.today()
        switch action {
        case .monthlyRewardRun:
            let month = Month(year: due.month == 1 ? due.year - 1 : due.year, month: due.month == 1 ? 12 : due.month - 1)
            return try await rewardRun(.month(month), timer: timer)
        case .annualRewardRun:
            return try await rewardRun(.year(due.year - 1), timer: timer)
        case .missingReports(let dueDay):
            let month = MissingReports.monthDue(today: due, dueDay: dueDay)
            let leases = try await database.leases()
            let reported = Set(try await database.reports(from: month, to: month).map(\.tenantID))
            let missing = MissingReports(month: month, dueDay: dueDay, leases: leases.map(\.lease), reported: reported)
            let names = Dictionary(leases.map { ($0.lease.tenantID, $0.tenantName) }, uniquingKeysWith: { first, _ in first })
            let details = missing.tenantIDs.map { "tenant \($0) \(names[$0] ?? ""): no report of \(month), due \(missing.dueOn)" }
            let summary = switch details.count {
            case 0: "every tenant with a lease in \(month) has reported it (due \(missing.dueOn))"
            case 1: "1 tenant has not reported \(month), due \(missing.dueOn)"
            default: "\(details.count) tenants have not reported \(month), due \(missing.dueOn)"
            }
            return Result(summary: summary, details: details)
        case .leaseExpiry(let days):
            let leases = try await database.leases()
            let names = Dictionary(leases.map { ($0.id, $0.tenantName) }, uniquingKeysWith: { first, _ in first })
            let ending = LeaseExpiry.ending(leases.map(\.lease), within: days, today: today)
            let details = ending.map { lease in
                let left = lease.lastDay.dayNumber - today.dayNumber
                return "lease \(lease.id ?? 0) of tenant \(lease.tenantID) \(names[lease.id ?? 0] ?? "") ends \(lease.lastDay) "
                    + (left == 0 ? "(today" : left == 1 ? "(in 1 day" : "(in \(left) days")
                    + (lease.terminatedOn != nil ? ", terminated early)" : ")")
            }
            let summary = switch details.count {
            case 0: "no lease ends within \(days) days of \(today)"
            case 1: "1 lease ends within \(days) days of \(today)"
            default: "\(details.count) leases end within \(days) days of \(today)"
            }
            return Result(summary: summary, details: details)
        case .backup(let keepDaily, let keepMonthly):
            let made = try await backups.make(at: state.now(), run: run)
            let removed = try backups.prune(keepDaily: keepDaily, keepMonthly: keepMonthly, justMade: made.backup.file)
            let summary = "copied the database to \(made.backup.file) (\(made.backup.sizeBytes) bytes), integrity_check \(made.integrity)"
                + (removed.isEmpty ? "" : "; removed \(removed.count) older \(removed.count == 1 ? "copy" : "copies")")
            return Result(summary: summary, details: [made.backup.path] + removed.map { "removed \($0)" })
        case .optimize:
            try await database.optimize()
            return Result(summary: "PRAGMA optimize ran", details: [])
        case .closeNotices:
            // Each notice is closed on its own: one that cannot be closed is said, and the others close.
            var details: [String] = []
            var unclosed: [String] = []
            for notice in try await notices.due() {
                let context = change(by: timer, method: NoticeAPI.close.name, parameters: ["run": .integer(notice.run)])
                do {
                    let closed = try await notices.close(run: notice.run, context: context)
                    details.append("closed the notice of reward run \(closed.run), which ended \(closed.period.endsOn)")
                } catch CashingRefusal.noticeClosed(let run, let closedAt) {
                    // Closed by someone else since the job listed it: its work is done.
                    details.append("the notice of reward run \(run) was closed meanwhile (at \(closedAt))")
                } catch {
                    unclosed.append("the notice of reward run \(notice.run) was not closed: \(ControlErrors.sentence(for: error))")
                }
            }
            var summary = switch details.count {
            case 0: "no public notice of a reward run is due to close"
            case 1: "closed 1 public notice of a reward run"
            default: "closed \(details.count) public notices of reward runs"
            }
            let reviews = try await closeReviewNotices(timer: timer)
            if !reviews.closed.isEmpty {
                summary += reviews.closed.count == 1
                    ? "; closed 1 public notice of a review session" : "; closed \(reviews.closed.count) public notices of review sessions"
            }
            unclosed += reviews.unclosed
            let result = Result(summary: summary, details: details + reviews.closed + unclosed)
            guard unclosed.isEmpty else {
                throw PartlyFailed(result: Result(
                    summary: result.summary + "; \(unclosed.count) due \(unclosed.count == 1 ? "notice was" : "notices were") not closed",
                    details: result.details))
            }
            return result
        case .moveIns:
            var details: [String] = []
            for due in try await database.tenantsDueToMoveIn(today: today) {
                let reason = "first lease \(due.lease) started"
                let context = change(by: timer, method: TenantAPI.transition.name, parameters: [
                    "tenant": .string(String(due.tenant)), "to": .string("active"), "on": .string(due.start.description), "reason": .string(reason),
                ])
                guard let moved = try await database.moveIn(tenant: due.tenant, today: today, context: context) else { continue }
                details.append("tenant \(moved.id) \(moved.tenant.name) moved in on \(due.start): \(reason)")
            }
            let summary = switch details.count {
            case 0: "no approved tenant's first lease has started by \(today)"
            case 1: "moved in 1 tenant whose first lease has started"
            default: "moved in \(details.count) tenants whose first leases have started"
            }
            return Result(summary: summary, details: details)
        }
    }

    /// Closes the review notices whose last day has passed: each gives its final decisions. What
    /// each closed notice decided, and why each of the others was not closed.
    private func closeReviewNotices(timer: String) async throws -> (closed: [String], unclosed: [String]) {
        var details: [String] = []
        var unclosed: [String] = []
        for due in try await reviewNotices.due() {
            let session = due.notice.session
            let context = change(by: timer, method: ReviewAPI.closeNotice.name, parameters: ["session": .integer(session)])
            let closing: ReviewNoticeClosing
            do {
                closing = try await reviewNotices.close(session: session, context: context)
            } catch {
                // Closed by someone else since the job listed it: its work is done.
                if let closedAt = try? await database.reviewNotice(session: session).notice.closedAt {
                    details.append("the notice of review session \(session) was closed meanwhile (at \(closedAt))")
                    continue
                }
                unclosed.append("the notice of review session \(session) was not closed: \(ControlErrors.sentence(for: error))")
                continue
            }
            let held = closing.held.keys.sorted().map { "application \($0) held by objection \((closing.held[$0] ?? []).map(String.init).joined(separator: ", "))" }
            details.append(
                "closed the notice of review session \(session), which ended \(closing.notice.notice.period.endsOn): "
                    + (closing.decided.map { "application \($0.decision.application) \($0.decision.verdict.rawValue)" } + held)
                    .joined(separator: "; "))
        }
        return (details, unclosed)
    }

    private func rewardRun(_ period: RewardPeriod, timer: String) async throws -> Result {
        let context = change(by: timer, method: RewardAPI.run.name, parameters: ["period": .string(period.description)])
        let run: StoredRewardRun
        do {
            run = try await rewardRuns.run(period, rules: nil, by: "timer \(timer)", context: context)
        } catch let refused as RewardRunRefused {
            // The period was approved and its data has not changed since: the job's work is done.
            guard case .noDifferences = refused else { throw refused }
            return Result(summary: refused.description, details: [])
        }
        return Result(
            summary: "draft reward run \(run.id) for \(run.period): \(run.lineCount) lines, \(Money(fen: run.totalFen)) in all; "
                + "approve it with parkctl reward approve \(run.id)",
            details: [])
    }

    /// The change a timer's run makes, audited as the call `method` with `parameters` by `timer NAME`.
    private func change(by timer: String, method: String, parameters: [String: JSONValue]) -> ChangeContext {
        let call = AuditedCall(
            uid: Int64(getuid()), user: "timer \(timer)", pid: Int64(getpid()), method: method,
            parameters: JSONValue.object(parameters).canonicalText)
        return ChangeContext(call: call, at: state.instant(), outcome: { ControlErrors.varlinkError(for: $0).description }, parkZone: state.parkZone)
    }
}
