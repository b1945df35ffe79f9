import ParkCore
import ParkStore
import Testing

@Suite("Timer stamps in the store")
struct TimerStampStoreTests {
    @Test("a persistent timer is stamped when first started, and a later start does not move the stamp; stamps are not triggers")
    func stamps() async throws {
        try await withTemporaryDirectory { directory in
            let database = try ParkDatabase(path: directory + "/parkd.sqlite")
            #expect(try await database.stampPersistentTimers(["nightly-backup", "close-notices"], at: 1_000, instant: "1970-01-01T00:00:00.001Z")
                == ["nightly-backup": 1_000, "close-notices": 1_000])
            #expect(try await database.stampPersistentTimers(["nightly-backup", "move-ins"], at: 9_000, instant: "1970-01-01T00:00:00.009Z")
                == ["nightly-backup": 1_000, "move-ins": 9_000])
            #expect(try await database.timerLastTriggers().isEmpty, "a timer stamped has not triggered")
        }
    }
}
