import Foundation
import Synchronization

/// The clock parkd reads "now" from: the system's, or — for tests that must move time (timers,
/// notice periods, registration windows) — a clock file named by `PARKD_CLOCK_FILE`.
///
/// The file holds one RFC 3339 instant (`2027-02-10T09:00:00+08:00`). parkd's clock reads that
/// instant at the moment the file was last written and runs on from there in real time, so a test
/// sets the clock by rewriting the file and moves it forward or back the same way, as an
/// administrator's `date -s` moves the system clock. Never set in production: parkd logs a warning
/// at start when it is.
public struct DaemonClock: Sendable {
    public static let environmentVariable = "PARKD_CLOCK_FILE"

    /// The clock file's path when the environment names one.
    public let clockFile: String?
    public let now: @Sendable () -> Date

    public static let system = DaemonClock(clockFile: nil, now: Date.init)

    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> DaemonClock {
        guard let path = environment[environmentVariable], !path.isEmpty else { return .system }
        let file = ClockFile(path: path)
        return DaemonClock(clockFile: path, now: { file.now() })
    }

    init(clockFile: String?, now: @escaping @Sendable () -> Date) {
        self.clockFile = clockFile
        self.now = now
    }
}

/// A clock file read back whenever it changes; an unreadable file leaves the clock where it was.
final class ClockFile: Sendable {
    private struct Reading: Equatable {
        /// Which write of the file this is: its inode (a rewrite by rename makes a new one),
        /// its modification time (coarse: two writes may share it) and its text.
        var inode: UInt64
        var modified: Date
        var text: String
        var instant: Date
    }

    let path: String
    private let last = Mutex<Reading?>(nil)

    init(path: String) { self.path = path }

    func now() -> Date {
        let current = Date()
        let reading = last.withLock { last -> Reading? in
            if let fresh = read(), fresh != last { last = fresh }
            return last
        }
        guard let reading else { return current }
        return reading.instant.addingTimeInterval(max(0, current.timeIntervalSince(reading.modified)))
    }

    private func read() -> Reading? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        let modified = Date(timeIntervalSince1970: Double(status.st_mtim.tv_sec) + Double(status.st_mtim.tv_nsec) / 1e9)
        guard let data = FileManager.default.contents(atPath: path),
              let text = String(data: data, encoding: .utf8)?.trimmingCharacters(in: .whitespacesAndNewlines),
              let instant = ClockFile.parse(text)
        else { return nil }
        return Reading(inode: UInt64(status.st_ino), modified: modified, text: text, instant: instant)
    }

    static func parse(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }
}
