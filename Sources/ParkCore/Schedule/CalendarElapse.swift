/// What the search for a calendar expression's next elapse found.
public enum CalendarElapse: Equatable, Sendable {
    /// It elapses at this instant (microseconds since the epoch).
    case at(Int64)
    /// It never elapses again (before 2200): systemd's "never".
    case never
    /// The search gave up after systemd's 1,000 steps; systemd reports an error, not "never".
    case searchGaveUp
}
