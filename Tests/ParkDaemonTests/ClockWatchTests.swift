import Foundation
@testable import ParkDaemon
import Synchronization
import Testing

@Suite("The scheduler's clock watch")
struct ClockWatchTests {
    /// The first event `watch` reports, waiting at most 60 seconds: it comes in 200 ms, but a
    /// machine busy with the whole suite (browsers, many parkd) once starved the thread past 10.
    func firstEvent(_ watch: ClockWatch, after arming: () throws -> Void) rethrows -> ClockWatch.Event? {
        let (events, continuation) = AsyncStream.makeStream(of: ClockWatch.Event.self)
        let received = Mutex<ClockWatch.Event?>(nil)
        let done = DispatchSemaphore(value: 0)
        watch.start { event in
            let first = received.withLock { value -> Bool in
                guard value == nil else { return false }
                value = event
                return true
            }
            if first { done.signal() }
            continuation.yield(event)
        }
        defer { watch.stop() }
        try arming()
        _ = done.wait(timeout: .now() + 60)
        _ = events
        return received.withLock { $0 }
    }

    @Test("on the system clock, a timerfd armed at an instant wakes the scheduler then")
    func systemClockWakeUp() throws {
        // A setting of the wall clock meanwhile (a VM restored from a snapshot sets it) cancels
        // the timer with a change of the clock instead, and the scheduler arms it again: so
        // does the test, twice at most.
        for attempt in 1...3 {
            let watch = try ClockWatch(clockFile: nil)
            let now = Int64(Date().timeIntervalSince1970 * 1_000_000)
            let event = firstEvent(watch) { watch.arm(at: now + 200_000, now: now) }
            if case .clockChanged = event, attempt < 3 { continue }
            guard case .wakeUp = event else {
                Issue.record("expected a wake-up, got \(String(describing: event))")
                return
            }
            #expect(Int64(Date().timeIntervalSince1970 * 1_000_000) >= now + 200_000)
            return
        }
    }

    @Test("with a test's clock file, rewriting the file is a change of the clock")
    func clockFileChange() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("clock-watch-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = directory + "/clock"
        try "2026-02-13T07:00:00+08:00".write(toFile: file, atomically: true, encoding: .utf8)
        let watch = try ClockWatch(clockFile: file)
        // Armed far ahead: only the file can end the wait.
        let event = try firstEvent(watch) {
            watch.arm(at: 4_000_000_000_000_000, now: 1_770_937_200_000_000)
            try "2026-02-20T07:00:00+08:00".write(toFile: file, atomically: true, encoding: .utf8)
        }
        guard case .clockChanged = event else {
            Issue.record("expected a change of the clock, got \(String(describing: event))")
            return
        }
    }
}
