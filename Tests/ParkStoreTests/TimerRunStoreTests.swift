import ParkCore
import ParkStore
import Testing

@Suite("Timer runs in the store")
struct TimerRunStoreTests {
    func started(_ timer: String, at instant: String, micros: Int64) -> NewTimerRun {
        NewTimerRun(
            timer: timer, action: "reward-run-monthly", arguments: "", trigger: "elapse", elapse: instant, movedFrom: nil, startedAt: instant,
            startedAtMicros: micros)
    }

    /// A change made by a timer's job, audited as its calls are: by `timer NAME`.
    func byTimer(_ timer: String, at instant: String) -> ChangeContext {
        ChangeContext(
            call: AuditedCall(uid: 0, user: "timer \(timer)", pid: 1, method: "io.parkd.Tenant.Create", parameters: "{}"), at: instant,
            outcome: { "failed: \($0)" })
    }

    @Test("a run parkd left running is interrupted at the next start, saying what its job saved since it started, or that nothing was")
    func interruptedRunsSayWhatWasSaved() async throws {
        try await withTemporaryDirectory { directory in
            let database = try ParkDatabase(path: directory + "/parkd.sqlite")
            // Before the run: changes by the same timer, from earlier runs, are not this run's, the
            // one made at a later time of the clock too (set back an hour since).
            _ = try await database.createTenant(try applicant(1), context: byTimer("monthly", at: "2027-01-05T00:59:00.000Z"))
            _ = try await database.createTenant(try applicant(4), context: byTimer("monthly", at: "2027-01-05T02:00:00.000Z"))
            let saved = try await database.startTimerRun(started("monthly", at: "2027-01-05T01:00:00.000Z", micros: 1), context: context())
            let lost = try await database.startTimerRun(started("yearly", at: "2027-01-05T01:00:00.000Z", micros: 1), context: context())
            _ = try await database.createTenant(try applicant(2), context: byTimer("monthly", at: "2027-01-05T01:00:00.100Z"))
            // Refused, and by someone else: neither is a change the run saved.
            await #expect(throws: (any Error).self) {
                try await database.createTenant(try applicant(2), context: byTimer("monthly", at: "2027-01-05T01:00:00.200Z"))
            }
            _ = try await database.createTenant(try applicant(3), context: context(at: "2027-01-05T01:00:00.300Z"))

            let interrupted = try await database.interruptTimerRuns(at: "2027-01-05T01:05:00.000Z")
            #expect(interrupted.map(\.id) == [saved.id, lost.id])
            let entries = try await database.auditEntries(AuditQuery(limit: 10)).filter { $0.user == "timer monthly" && $0.outcome.hasPrefix("ok") }
            #expect(entries.count == 3)
            let savedEntry = try #require(entries.map(\.id).max())
            #expect(interrupted[0].outcome == .interrupted && interrupted[0].endedAt == "2027-01-05T01:05:00.000Z")
            #expect(interrupted[0].result == "parkd stopped before the run ended; the one change it made was saved (audit entry \(savedEntry))")
            #expect(interrupted[0].details.count == 1 && interrupted[0].details[0].hasPrefix("audit entry \(savedEntry): io.parkd.Tenant.Create ok"))
            #expect(interrupted[1].result == "parkd stopped before the run ended, and nothing it did was saved; run it again with parkctl timer run-now yearly")
            #expect(interrupted[1].details.isEmpty)
            #expect(try await database.timerRuns(timer: nil, limit: 10).map(\.outcome) == [.interrupted, .interrupted])
            #expect(try await database.interruptTimerRuns(at: "2027-01-05T01:06:00.000Z").isEmpty, "once")
        }
    }
}
