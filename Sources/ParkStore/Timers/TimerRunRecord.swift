import GRDB
import TableRow

/// A row of `timerRun`: one run of a scheduled job.
@TableRow
struct TimerRunRecord: FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "timerRun"

    var id: Int64?
    var timer: String
    var action: String
    var arguments: String
    var trigger: String
    var elapse: String?
    var movedFrom: String?
    var startedAt: String
    var startedAtMicros: Int64
    var endedAt: String?
    var outcome: String
    var result: String
    /// One line per item the run found or did, joined by newlines.
    var details: String
    /// The newest audit entry's id when the run started (nil for a run an earlier parkd started).
    var auditFrom: Int64?

    init(_ run: NewTimerRun, auditFrom: Int64?) {
        timer = run.timer
        action = run.action
        arguments = run.arguments
        trigger = run.trigger
        elapse = run.elapse
        movedFrom = run.movedFrom
        startedAt = run.startedAt
        startedAtMicros = run.startedAtMicros
        endedAt = run.skipped ? run.startedAt : nil
        outcome = run.skipped ? TimerRunOutcome.skipped.rawValue : TimerRunOutcome.running.rawValue
        result = run.skipped ? run.skipReason : ""
        details = ""
        self.auditFrom = auditFrom
    }

    var run: StoredTimerRun {
        get throws {
            guard let id, let outcome = TimerRunOutcome(rawValue: outcome) else { throw StoreError.unreadable("timerRun \(id ?? 0)", "an outcome") }
            return StoredTimerRun(
                id: id, timer: timer, action: action, arguments: arguments, trigger: trigger, elapse: elapse, movedFrom: movedFrom,
                startedAt: startedAt, endedAt: endedAt, outcome: outcome, result: result,
                details: details.isEmpty ? [] : details.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
        }
    }
}
