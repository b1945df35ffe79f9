import CSystemd
import Foundation

/// Waits, on a thread of its own, for files arriving in `incoming/new` (inotify: a rename into
/// it or a file closed after writing), for the kernel's event queue to overflow, or for the
/// rescan timer (a `timerfd` on `CLOCK_MONOTONIC`). Notification is only a hint: every event
/// leads to a scan of the directory, which is the truth.
final class SpoolWatch: Sendable {
    enum Event: Sendable, Equatable {
        /// Something arrived.
        case arrived
        /// The kernel dropped events (IN_Q_OVERFLOW): what arrived is unknown.
        case overflow
        /// The rescan timer (or a retry's back-off) elapsed.
        case timer
    }

    private let inotify: Int32
    private let timer: Int32
    private let stopper: Int32

    init(directory: String) throws {
        inotify = inotify_init1(Int32(IN_CLOEXEC | IN_NONBLOCK))
        guard inotify >= 0 else { throw SpoolFailure(path: directory, operation: "inotify_init1", code: errno) }
        guard inotify_add_watch(inotify, directory, UInt32(IN_MOVED_TO | IN_CLOSE_WRITE)) >= 0 else {
            let code = errno
            close(inotify)
            throw SpoolFailure(path: directory, operation: "inotify_add_watch", code: code)
        }
        timer = timerfd_create(CLOCK_MONOTONIC, Int32(TFD_CLOEXEC | TFD_NONBLOCK))
        stopper = eventfd(0, Int32(EFD_CLOEXEC | EFD_NONBLOCK))
        guard timer >= 0, stopper >= 0 else { throw SpoolFailure(path: directory, operation: "timerfd/eventfd", code: errno) }
    }

    deinit {
        close(inotify)
        close(timer)
        close(stopper)
    }

    /// Arms the timer `seconds` from now (replacing what was armed).
    func arm(seconds: Double) {
        var setting = itimerspec()
        let whole = max(seconds, 0.001)
        setting.it_value = timespec(tv_sec: Int(whole), tv_nsec: Int((whole - whole.rounded(.down)) * 1_000_000_000))
        _ = timerfd_settime(timer, 0, &setting, nil)
    }

    /// Starts the waiting thread; `deliver` gets each event on it.
    func start(deliver: @escaping @Sendable (Event) -> Void) {
        let inotify = self.inotify, timer = self.timer, stopper = self.stopper
        Thread {
            _ = park_name_thread("parkd-spool")
            Self.wait(inotify: inotify, timer: timer, stopper: stopper, deliver: deliver)
        }.start()
    }

    /// Ends the waiting thread.
    func stop() {
        var one: UInt64 = 1
        _ = write(stopper, &one, 8)
    }

    private static func wait(inotify: Int32, timer: Int32, stopper: Int32, deliver: @Sendable (Event) -> Void) {
        var descriptors = [
            pollfd(fd: inotify, events: Int16(POLLIN), revents: 0), pollfd(fd: timer, events: Int16(POLLIN), revents: 0),
            pollfd(fd: stopper, events: Int16(POLLIN), revents: 0),
        ]
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let ready = poll(&descriptors, nfds_t(descriptors.count), -1)
            if ready < 0 {
                if errno == EINTR { continue }
                return
            }
            if descriptors[2].revents != 0 { return }
            if descriptors[0].revents != 0 {
                var overflowed = false
                var any = false
                while true {
                    let count = buffer.withUnsafeMutableBytes { read(inotify, $0.baseAddress, $0.count) }
                    guard count > 0 else { break }
                    any = true
                    var offset = 0
                    let header = MemoryLayout<inotify_event>.size
                    while offset + header <= count {
                        let event = buffer.withUnsafeBytes { $0.load(fromByteOffset: offset, as: inotify_event.self) }
                        if event.mask & UInt32(IN_Q_OVERFLOW) != 0 { overflowed = true }
                        offset += header + Int(event.len)
                    }
                }
                if overflowed {
                    deliver(.overflow)
                } else if any {
                    deliver(.arrived)
                }
            }
            if descriptors[1].revents != 0 {
                var expirations: UInt64 = 0
                if read(timer, &expirations, 8) == 8 { deliver(.timer) }
            }
            for index in descriptors.indices { descriptors[index].revents = 0 }
        }
    }
}
