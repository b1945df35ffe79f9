import Synchronization

/// What the intake counted since parkd started, for `parkctl submission stats`.
final class IntakeCounters: Sendable {
    struct Values: Sendable, Equatable {
        var received = 0
        var quarantined = 0
        var overflows = 0
        var rescans = 0
        var waiting = 0
        /// Seconds since the epoch of the oldest file waiting in `incoming/new`.
        var oldestWaiting: Int?
    }

    private let values = Mutex(Values())

    var current: Values { values.withLock { $0 } }

    func update(_ change: (inout Values) -> Void) { values.withLock { change(&$0) } }
}
