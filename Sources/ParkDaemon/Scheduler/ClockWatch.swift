import CSystemd
import Foundation

/// Sleeps, on a thread of its own, until the scheduler's next wake-up or until the wall clock is
/// set, and says which: the scheduler never polls. With the system clock a `timerfd` on
/// `CLOCK_REALTIME` is armed at the wake-up instant with `TFD_TIMER_CANCEL_ON_SET`, so the
/// kernel both wakes parkd at that wall-clock time and tells it when the clock is set. With a
/// test's clock file (`PARKD_CLOCK_FILE`), the timer counts the time left on `CLOCK_MONOTONIC`
/// and inotify reports the file being rewritten, which is how that clock is set.
final class ClockWatch: Sendable {
    enum Event: Sendable {
        /// The armed instant has come.
        case wakeUp
        /// The wall clock (or the clock file) was set.
        case clockChanged
    }

    private let timer: Int32
    private let stopper: Int32
    private let inotify: Int32?
    private let clockFile: String?

    /// Opens the descriptors; `clockFile` is the test clock's file, nil for the system clock.
    init(clockFile: String?) throws {
        self.clockFile = clockFile
        let clock = clockFile == nil ? CLOCK_REALTIME : CLOCK_MONOTONIC
        timer = timerfd_create(clock, Int32(TFD_CLOEXEC | TFD_NONBLOCK))
        guard timer >= 0 else { throw ClockWatchFailed("timerfd_create: \(String(cString: strerror(errno)))") }
        stopper = eventfd(0, Int32(EFD_CLOEXEC | EFD_NONBLOCK))
        guard stopper >= 0 else { throw ClockWatchFailed("eventfd: \(String(cString: strerror(errno)))") }
        if let clockFile {
            let watch = inotify_init1(Int32(IN_CLOEXEC | IN_NONBLOCK))
            guard watch >= 0 else { throw ClockWatchFailed("inotify_init1: \(String(cString: strerror(errno)))") }
            // The directory, not the file: a test replaces the file by renaming a new one over it.
            let directory = (clockFile as NSString).deletingLastPathComponent
            guard inotify_add_watch(watch, directory.isEmpty ? "." : directory, UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE)) >= 0 else {
                throw ClockWatchFailed("inotify_add_watch \(directory): \(String(cString: strerror(errno)))")
            }
            inotify = watch
        } else {
            inotify = nil
        }
    }

    deinit {
        close(timer)
        close(stopper)
        if let inotify { close(inotify) }
    }

    /// Arms the wake-up at `instant` (microseconds since the epoch on parkd's clock, whose now
    /// is `now`); with nil, no wake-up, though a change of the clock is still reported.
    func arm(at instant: Int64?, now: Int64) {
        var setting = itimerspec()
        var flags: Int32 = 0
        if clockFile == nil {
            // Absolute on the wall clock, cancelled when it is set. With nothing to wake up for,
            // the timer is still armed (in 2200) so that a change of the clock is seen.
            flags = Int32(TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET)
            setting.it_value = Self.timespec(microseconds: instant ?? 7_258_118_400_000_000)
        } else if let instant {
            setting.it_value = Self.timespec(microseconds: max(instant - now, 1))
        }
        _ = timerfd_settime(timer, flags, &setting, nil)
    }

    /// Starts the thread that waits; `deliver` gets each event, on that thread.
    func start(deliver: @escaping @Sendable (Event) -> Void) {
        let timer = self.timer, stopper = self.stopper, inotify = self.inotify
        let name = clockFile.map { ($0 as NSString).lastPathComponent }
        let waiting = Thread {
            // Named for ps and /proc/PID/task/*/comm (15 bytes at most).
            _ = park_name_thread("parkd-clock")
            Self.wait(timer: timer, stopper: stopper, inotify: inotify, clockFileName: name, deliver: deliver)
        }
        waiting.start()
    }

    /// Ends the waiting thread.
    func stop() {
        var one: UInt64 = 1
        _ = write(stopper, &one, 8)
    }

    private static func wait(timer: Int32, stopper: Int32, inotify: Int32?, clockFileName: String?, deliver: @Sendable (Event) -> Void) {
        var descriptors = [pollfd(fd: timer, events: Int16(POLLIN), revents: 0), pollfd(fd: stopper, events: Int16(POLLIN), revents: 0)]
        if let inotify { descriptors.append(pollfd(fd: inotify, events: Int16(POLLIN), revents: 0)) }
        while true {
            let ready = poll(&descriptors, nfds_t(descriptors.count), -1)
            if ready < 0 {
                if errno == EINTR { continue }
                return
            }
            if descriptors[1].revents != 0 { return }
            if descriptors[0].revents != 0 {
                var expirations: UInt64 = 0
                if read(timer, &expirations, 8) < 0 {
                    if errno == ECANCELED { deliver(.clockChanged) }
                } else {
                    deliver(.wakeUp)
                }
            }
            if descriptors.count > 2, descriptors[2].revents != 0, let inotify, readNames(inotify).contains(where: { $0 == clockFileName }) {
                deliver(.clockChanged)
            }
            for index in descriptors.indices { descriptors[index].revents = 0 }
        }
    }

    /// The names of the files the pending inotify events are about.
    private static func readNames(_ inotify: Int32) -> [String] {
        var buffer = [UInt8](repeating: 0, count: 4096)
        var names: [String] = []
        while true {
            let count = buffer.withUnsafeMutableBytes { read(inotify, $0.baseAddress, $0.count) }
            guard count > 0 else { return names }
            var offset = 0
            let header = MemoryLayout<inotify_event>.size
            while offset + header <= count {
                let length = buffer.withUnsafeBytes { Int($0.load(fromByteOffset: offset, as: inotify_event.self).len) }
                let bytes = buffer[(offset + header)..<min(offset + header + length, count)].prefix { $0 != 0 }
                names.append(String(decoding: bytes, as: UTF8.self))
                offset += header + length
            }
        }
    }

    private static func timespec(microseconds: Int64) -> Glibc.timespec {
        Glibc.timespec(tv_sec: Int(microseconds / 1_000_000), tv_nsec: Int(microseconds % 1_000_000) * 1_000)
    }
}

/// The clock watch could not be set up.
struct ClockWatchFailed: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
