/// When a timer runs next.
public enum NextElapse: Equatable, Sendable {
    /// At this elapse.
    case at(TimerElapse)
    /// Its expressions never elapse again.
    case never
    /// It cannot be computed: the working-day calendar does not cover a day it falls on. It
    /// is computed again when the calendar is reloaded.
    case blocked(String)

    public var elapse: TimerElapse? {
        if case .at(let elapse) = self { return elapse }
        return nil
    }
}
