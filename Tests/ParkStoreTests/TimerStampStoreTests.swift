import ParkCore
import ParkStore
import Testing

@Suite("Timer stamps in the store")
struct TimerStampStoreTests {
    @Test("a persistent timer that never ran counts from its first stamp, which a later start does not move; a trigger recorded wins")
    func stamps() async throws {
        try await withTemporaryDirectory { directory in
            let database = try ParkDatabase(path: directory + "/parkd.sqlite")
            #expect(try await database.timerLastTriggers().isEmpty)
            try await database.stampPersistentTimers(["nightly-backup", "close-notices"], at: 1_000, instant: "1970-01-01T00:00:00.001Z")
            try await database.stampPersistentTimers(["nightly-backup", "close-notices", "move-ins"], at: 9_000, instant: "1970-01-01T00:00:00.009Z")
            #expect(try await database.timerLastTriggers() == ["nightly-backup": 1_000, "close-notices": 1_000, "move-ins": 9_000])

            _ = try await database.startTimerRun(NewTimerRun(
                timer: "nightly-backup", action: "backup", arguments: "", trigger: "catch-up", elapse: "1970-01-01T00:00:00.005Z",
                movedFrom: nil, startedAt: "1970-01-01T00:00:00.010Z", startedAtMicros: 10_000), context: context())
            #expect(try await database.timerLastTriggers() == ["nightly-backup": 10_000, "close-notices": 1_000, "move-ins": 9_000])
        }
    }
}
