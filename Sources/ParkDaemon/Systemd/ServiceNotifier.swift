import CSystemd
import Foundation

/// Tells the service manager about readiness, reloads and status through `sd_notify`.
/// Without `NOTIFY_SOCKET` every call does nothing.
public struct ServiceNotifier: Sendable {
    public init() {}

    public func ready(status: String) {
        send("READY=1\nSTATUS=\(status)")
    }

    public func status(_ status: String) {
        send("STATUS=\(status)")
    }

    /// Starts a reload; `MONOTONIC_USEC` lets the manager match it to its own request.
    public func reloading() {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        let usec = UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec) / 1000
        send("RELOADING=1\nMONOTONIC_USEC=\(usec)")
    }

    /// Tells the manager parkd is alive and well (sent only after a health check passes).
    public func watchdog() {
        send("WATCHDOG=1")
    }

    /// Asks for more start-up time, e.g. while a schema upgrade runs.
    public func extendTimeout(seconds: Int) {
        send("EXTEND_TIMEOUT_USEC=\(seconds * 1_000_000)")
    }

    /// The watchdog interval the manager expects pings within, if it watches this process.
    public static func watchdogInterval() -> Duration? {
        var usec: UInt64 = 0
        guard sd_watchdog_enabled(0, &usec) > 0, usec > 0 else { return nil }
        return .microseconds(Int64(usec))
    }

    public func stopping() {
        send("STOPPING=1\nSTATUS=Shutting down")
    }

    private func send(_ message: String) {
        _ = sd_notify(0, String(message.map { $0 == "\0" ? " " : $0 }))
    }
}
