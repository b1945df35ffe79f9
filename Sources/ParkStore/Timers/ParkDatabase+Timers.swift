import GRDB
import ParkCore

extension ParkDatabase {
    /// Records a run as started (or skipped); an administrator's run is audited with `context`.
    public func startTimerRun(_ run: NewTimerRun, context: ChangeContext) async throws -> StoredTimerRun {
        try await write(context) { db in
            var record = TimerRunRecord(run, auditFrom: try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM auditEntry") ?? 0)
            try record.insert(db)
            return try record.run
        }
    }

    /// Records how a run ended.
    public func finishTimerRun(
        _ id: Int64, endedAt: String, outcome: TimerRunOutcome, result: String, details: [String]
    ) async throws -> StoredTimerRun {
        try await writeUnaudited { db in
            guard var record = try TimerRunRecord.fetchOne(db, key: id) else { throw StoreError.unusable(self.path, "timer run \(id) is not recorded") }
            record.endedAt = endedAt
            record.outcome = outcome.rawValue
            record.result = result
            record.details = details.joined(separator: "\n")
            try record.update(db)
            return try record.run
        }
    }

    /// Runs a previous parkd left running: they ended with it, found so at `instant`. Each says
    /// what its job saved before: the changes audited by its timer after the newest entry when
    /// it started (a timer's runs never overlap, so they are this run's).
    @discardableResult
    public func interruptTimerRuns(at instant: String) async throws -> [StoredTimerRun] {
        try await writeUnaudited { db in
            let running = try TimerRunRecord.filter(TimerRunRecord.Columns.outcome == TimerRunOutcome.running.rawValue)
                .order(TimerRunRecord.Columns.id).fetchAll(db)
            return try running.map { record in
                // After the newest entry when it started; a run an earlier parkd started, by time.
                let since = record.auditFrom.map { AuditEntryRecord.Columns.id > $0 } ?? (AuditEntryRecord.Columns.at >= record.startedAt)
                let saved = try AuditEntryRecord
                    .filter(AuditEntryRecord.Columns.user == "timer \(record.timer)" && since)
                    .filter(AuditEntryRecord.Columns.outcome.like("ok%"))
                    .order(AuditEntryRecord.Columns.id).fetchAll(db)
                let interruption = TimerRunInterruption(timer: record.timer, saved: saved.map {
                    TimerRunInterruption.SavedChange(auditEntry: $0.id, method: $0.method, outcome: $0.outcome)
                })
                var ended = record
                ended.outcome = TimerRunOutcome.interrupted.rawValue
                ended.endedAt = instant
                ended.result = interruption.result
                ended.details = interruption.details.joined(separator: "\n")
                try ended.update(db)
                return try ended.run
            }
        }
    }

    /// The runs of `timer` (of every timer when nil), newest first, at most `limit`.
    public func timerRuns(timer: String?, limit: Int) async throws -> [StoredTimerRun] {
        try await read { db in
            // In the order they were recorded: a clock set back makes a later run start "earlier".
            var request = TimerRunRecord.order(TimerRunRecord.Columns.id.desc).limit(limit)
            if let timer { request = request.filter(TimerRunRecord.Columns.timer == timer) }
            return try request.fetchAll(db).map { try $0.run }
        }
    }

    /// The newest run of `timer` that its schedule triggered (an elapse or a catch-up, run or
    /// skipped), however many runs an administrator asked for since: what `Last` stands for.
    public func lastTriggeredRun(timer: String) async throws -> StoredTimerRun? {
        try await read { db in
            try TimerRunRecord
                .filter(TimerRunRecord.Columns.timer == timer && TimerRunRecord.Columns.trigger != TimerTrigger.manual.rawValue)
                .order(TimerRunRecord.Columns.id.desc)
                .fetchOne(db)?.run
        }
    }

    /// Each timer's last scheduled trigger (run or skipped; runs asked for by an administrator
    /// do not count), in microseconds since the epoch: the latest recorded, which after the clock
    /// was set back may be earlier than one before it.
    public func timerLastTriggers() async throws -> [String: Int64] {
        try await read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT timer, startedAtMicros AS lastTrigger FROM timerRun
                WHERE id IN (SELECT MAX(id) FROM timerRun WHERE trigger <> 'run-now' GROUP BY timer)
                """)
            return Dictionary(rows.map { ($0["timer"] as String, $0["lastTrigger"] as Int64) }, uniquingKeysWith: { first, _ in first })
        }
    }

    /// Stamps each timer of `timers` that has no stamp yet with `micros` (`instant` in words), as
    /// systemd touches the stamp file of a persistent timer that has never run when it starts it:
    /// elapses missed while parkd is down after that are caught up at the next start, though the
    /// timer never ran. A stamp is never moved. Returns the stamps of `timers`, in microseconds.
    @discardableResult
    public func stampPersistentTimers(_ timers: [String], at micros: Int64, instant: String) async throws -> [String: Int64] {
        guard !timers.isEmpty else { return [:] }
        return try await writeUnaudited { db in
            for timer in timers {
                try TimerStampRecord(timer: timer, stampedAt: instant, stampedAtMicros: micros).insert(db, onConflict: .ignore)
            }
            let stamps = try TimerStampRecord.filter(keys: timers).fetchAll(db)
            return Dictionary(stamps.map { ($0.timer, $0.stampedAtMicros) }) { first, _ in first }
        }
    }
}
