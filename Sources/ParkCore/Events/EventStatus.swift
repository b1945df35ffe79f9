/// Where an event stands, read from the clock: planned until registration opens, open while
/// it is, closed from its closing (or the event's start) until the event ends, held once it has
/// ended; cancelled whenever it was cancelled before that.
public enum EventStatus: String, CaseIterable, Codable, Sendable {
    case planned, open, closed, held, cancelled
}
