/// What the park's events of one kind achieved over a period: those held, those cancelled, and
/// the sums of their outcomes (the versions in force).
public struct EventFigures: Equatable, Sendable {
    public var kind: EventKind
    public var held: Int
    public var cancelled: Int
    /// Held events whose outcome is recorded.
    public var withOutcome: Int
    public var outcome: EventOutcome

    public init(kind: EventKind, held: Int = 0, cancelled: Int = 0, withOutcome: Int = 0, outcome: EventOutcome = EventOutcome()) {
        self.kind = kind
        self.held = held
        self.cancelled = cancelled
        self.withOutcome = withOutcome
        self.outcome = outcome
    }

    /// The figures of the events ending on a day from `from` through `to` (their own wall
    /// clock), by kind in the order of `EventKind`, kinds without any event left out.
    public static func compute(
        _ events: [(event: ParkEvent, outcome: EventOutcome?)], from: CivilDate, through to: CivilDate, now: Int64
    ) -> [EventFigures] {
        var byKind: [EventKind: EventFigures] = [:]
        for (event, outcome) in events where (from...to).contains(event.end.date) {
            var figures = byKind[event.kind] ?? EventFigures(kind: event.kind)
            switch event.status(at: now) {
            case .cancelled: figures.cancelled += 1
            case .held:
                figures.held += 1
                if let outcome {
                    figures.withOutcome += 1
                    figures.outcome = figures.outcome + outcome
                }
            case .planned, .open, .closed: break
            }
            byKind[event.kind] = figures
        }
        return EventKind.allCases.compactMap { byKind[$0] }
    }
}
