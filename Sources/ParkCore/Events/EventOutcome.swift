import MemberwiseInit

/// What an event achieved, as the park reports it: one version per recording, a correction
/// changing only the figures it gives (as operating reports do).
@MemberwiseInit
public struct EventOutcome: Equatable, Sendable {
    /// Employers that attended (booths taken, firms exhibiting at a fair).
    public var employers: Int = 0
    /// Positions offered.
    public var positions: Int = 0
    /// Job seekers served.
    public var jobSeekers: Int = 0
    /// Attendees (person-times).
    public var attendees: Int = 0
    /// Talks given.
    public var talks: Int = 0
    /// Exhibitors: parks, firms and institutions exhibiting.
    public var exhibitors: Int = 0

    /// The figures by their wire names, in order.
    public static let fields = figures.map(\.field)

    private static let figures: [(field: String, value: any WritableKeyPath<EventOutcome, Int> & Sendable)] = [
        ("employers", \.employers), ("positions", \.positions), ("jobSeekers", \.jobSeekers), ("attendees", \.attendees),
        ("talks", \.talks), ("exhibitors", \.exhibitors),
    ]

    /// The most any figure may be.
    public static let figureLimit = 10_000_000

    /// A figure by its wire name; an unknown name reads 0 and writes nothing.
    public subscript(field: String) -> Int {
        get { Self.figures.first { $0.field == field }.map { self[keyPath: $0.value] } ?? 0 }
        set {
            guard let figure = Self.figures.first(where: { $0.field == field }) else { return }
            self[keyPath: figure.value] = newValue
        }
    }

    public static func + (lhs: EventOutcome, rhs: EventOutcome) -> EventOutcome {
        var sum = lhs
        for field in fields { sum[field] += rhs[field] }
        return sum
    }
}

/// The figures a recording gives: all of them for a first outcome (those not given are 0),
/// only those that change for a correction, which needs a reason.
@MemberwiseInit
public struct SubmittedOutcome: Equatable, Sendable {
    public var figures: [String: Int]

    /// The new version over `previous` (nil for the first), and what changed (`employers 110 → 112`).
    public func decide(over previous: EventOutcome?, reason: String?) throws(DomainError) -> (outcome: EventOutcome, changes: [String]) {
        for (field, value) in figures.sorted(by: { $0.key < $1.key }) {
            guard EventOutcome.fields.contains(field) else { throw .invalid(field, "is not a figure of an event's outcome") }
            guard (0...EventOutcome.figureLimit).contains(value) else {
                throw .invalid(field, "\(value) is not a count from 0 to \(EventOutcome.figureLimit)")
            }
        }
        guard let previous else {
            guard !figures.isEmpty else { throw .invalid("figures", "an outcome gives at least one figure") }
            var outcome = EventOutcome()
            for (field, value) in figures { outcome[field] = value }
            return (outcome, [])
        }
        guard reason != nil else { throw .invalid("reason", "the outcome is recorded; a correction needs a reason") }
        var outcome = previous
        var changes: [String] = []
        for field in EventOutcome.fields {
            guard let value = figures[field], value != previous[field] else { continue }
            changes.append("\(field) \(previous[field]) → \(value)")
            outcome[field] = value
        }
        guard !changes.isEmpty else { throw .invalid("figures", "the correction changes nothing: every figure given is already recorded") }
        return (outcome, changes)
    }
}
