import Foundation
@testable import ParkDaemon
import Testing

@Suite("The daemon's clock")
struct DaemonClockTests {
    @Test("without PARKD_CLOCK_FILE parkd reads the system clock")
    func systemClock() {
        let clock = DaemonClock.fromEnvironment([:])
        #expect(clock.clockFile == nil)
        #expect(abs(clock.now().timeIntervalSinceNow) < 5)
    }

    @Test("a clock file sets now, which runs on from the file's writing, and a rewrite moves it back")
    func clockFile() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("clock-\(UUID().uuidString.prefix(8))").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try "2027-02-10T09:00:00+08:00".write(toFile: path, atomically: true, encoding: .utf8)
        let clock = DaemonClock.fromEnvironment(["PARKD_CLOCK_FILE": path])
        #expect(clock.clockFile == path)
        let set = ISO8601DateFormatter().date(from: "2027-02-10T01:00:00Z")!
        let first = clock.now().timeIntervalSince(set)
        #expect(first >= 0 && first < 5)

        try "2021-09-30T16:00:00.250Z\n".write(toFile: path, atomically: true, encoding: .utf8)
        let moved = clock.now().timeIntervalSince(ISO8601DateFormatter().date(from: "2021-09-30T16:00:00Z")!)
        // Generous: the point is 2021, not 2027, even on a loaded machine.
        #expect(moved >= 0.25 && moved < 60)
    }

    @Test("an unreadable clock file leaves the clock where it was")
    func unreadable() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("clock-\(UUID().uuidString.prefix(8))").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try "2027-02-10T01:00:00Z".write(toFile: path, atomically: true, encoding: .utf8)
        let clock = DaemonClock.fromEnvironment(["PARKD_CLOCK_FILE": path])
        _ = clock.now()
        try "yesterday".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(clock.now().timeIntervalSince(ISO8601DateFormatter().date(from: "2027-02-10T01:00:00Z")!) < 5)
    }
}
