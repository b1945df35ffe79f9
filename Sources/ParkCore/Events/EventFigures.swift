import MemberwiseInit

/// What the park's events of one kind achieved over a period: those held, those cancelled, and
/// the sums of their outcomes (the versions in force).
@MemberwiseInit
public struct EventFigures: Equatable, Sendable {
    public var kind: EventKind
    public var held: Int = 0
    public var cancelled: Int = 0
    /// Held events whose outcome is recorded.
    public var withOutcome: Int = 0
    public var outcome: EventOutcome = EventOutcome()

    /// The figures of the events whose last occurrence ends on a day from `from` through `to`
    /// (`lastDay`, on their own wall clock), each with the sum of its occurrences' outcomes
    /// (nil when none is recorded), by kind in the order of `EventKind`, kinds without any
    /// event left out. A series counts once, as the park counts its events.
    public static func compute(
        _ events: [(event: ParkEvent, lastDay: CivilDate, outcome: EventOutcome?)], from: CivilDate, through to: CivilDate, now: Int64
    ) -> [EventFigures] {
        var byKind: [EventKind: EventFigures] = [:]
        for (event, lastDay, outcome) in events where (from...to).contains(lastDay) {
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
