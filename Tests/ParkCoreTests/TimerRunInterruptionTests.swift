import ParkCore
import Testing

@Suite("An interrupted run of a scheduled job")
struct TimerRunInterruptionTests {
    @Test("says whether what it did was saved: nothing (run it again), one change, or several, each a line with its outcome cut at 200 characters")
    func result() {
        let nothing = TimerRunInterruption(timer: "monthly", saved: [])
        #expect(nothing.result == "parkd stopped before the run ended, and nothing it did was saved; run it again with parkctl timer run-now monthly")
        #expect(nothing.details.isEmpty)
        let long = String(repeating: "a", count: 300)
        let several = TimerRunInterruption(timer: "notices", saved: [
            .init(auditEntry: 7, method: "io.parkd.Notice.Close", outcome: "ok"),
            .init(auditEntry: 9, method: "io.parkd.Review.CloseNotice", outcome: "ok: " + long),
        ])
        #expect(several.result == "parkd stopped before the run ended; the 2 changes it made were saved (each is a line below, with its audit entry)")
        #expect(several.details == ["audit entry 7: io.parkd.Notice.Close ok", "audit entry 9: io.parkd.Review.CloseNotice ok: " + String(long.prefix(196)) + "…"])
    }
}
