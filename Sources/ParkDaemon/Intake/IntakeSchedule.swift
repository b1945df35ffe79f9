/// When the spool is scanned next, and what to log about failures: a value, no I/O.
///
/// A scan that could not finish a step for a reason outside parkd (a full disk, a read-only
/// outbox) leaves the files in `incoming/new`, to be taken again; the next scan comes after a
/// back-off that doubles from one second up to a minute (never later than the regular rescan).
/// The failure is logged once when an episode starts and once when it ends, not per file.
struct IntakeSchedule: Sendable, Equatable {
    enum Note: Sendable, Equatable {
        /// The first failed scan of an episode.
        case failing
        /// A scan succeeded after `after` failed ones.
        case recovered(after: Int)
    }

    let rescanSeconds: Double
    /// Failed scans in a row.
    private(set) var failures = 0

    init(rescanSeconds: Double) { self.rescanSeconds = rescanSeconds }

    /// After a scan: seconds until the next one, and what to log.
    mutating func scanned(failed: Bool) -> (nextScanSeconds: Double, note: Note?) {
        if failed {
            failures += 1
            let backOff = min(Double(1 << min(failures - 1, 6)), 60, rescanSeconds)
            return (backOff, failures == 1 ? .failing : nil)
        }
        defer { failures = 0 }
        return (rescanSeconds, failures > 0 ? .recovered(after: failures) : nil)
    }
}
