import Logging
import ParkCore
import ParkStore

/// Publishing and closing public notices of reward runs: what the admin channel's
/// `io.parkd.Notice` calls, and what the scheduled job that closes due notices calls.
struct RewardNotices: Sendable {
    let database: ParkDatabase
    let calendar: CalendarRegistry
    let state: DaemonState
    let logger: Logger

    /// Puts an approved run on notice from today for `days` working days (the configuration's
    /// `cashing.notice_days` when nil), counted with the working-day calendar in force.
    func publish(run: Int64, days: Int?, context: ChangeContext) async throws -> StoredNotice {
        let notice = try await database.publishNotice(
            run: run, today: state.today(), workingDays: days ?? state.config.noticeWorkingDays, calendar: calendar.calendar,
            context: context)
        logger.notice("reward run on public notice", metadata: [
            "run": "\(run)", "from": "\(notice.period.startsOn)", "until": "\(notice.period.endsOn)",
        ])
        return notice
    }

    /// Closes a run's notice once its last day has passed: its released lines become payable.
    func close(run: Int64, context: ChangeContext) async throws -> StoredNotice {
        let notice = try await database.closeNotice(run: run, today: state.today(), context: context)
        logger.notice("public notice closed", metadata: ["run": "\(run)", "ended": "\(notice.period.endsOn)"])
        return notice
    }

    /// The notices whose last day has passed and that are still open: what a scheduled job closes.
    func due() async throws -> [StoredNotice] {
        let today = state.today()
        return try await database.notices().filter { $0.closedAt == nil && $0.period.hasEnded(on: today) }
    }
}
