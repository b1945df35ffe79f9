/// An event of the demo park (events.csv): the event, its co-organiser by credit code, and the
/// outcome the park published for it.
public struct DemoEvent: Sendable {
    public var event: ParkEvent
    public var organiser: String?
    public var outcome: EventOutcome?

    /// Reads events.csv (kind, title, start, end, venue, link, organiser, capacity, then the
    /// outcome's figures, empty when none was published), times in `timeZone`.
    public static func parse(_ text: String, timeZone: String, rules: some TimeZoneRules) throws(DomainError) -> [DemoEvent] {
        var events: [DemoEvent] = []
        for row in try DemoPark.rows(text, file: "events.csv") {
            events.append(try row.value { row throws(DomainError) in
                guard let capacity = Int(try row.cell("capacity")) else { throw .invalid("capacity", "not a whole number") }
                let event = try ParkEvent(
                    kind: EventKind.parse(row.cell("kind")), title: row.cell("title"), description: nil, timeZone: timeZone, rules: rules,
                    start: LocalDateTime.parseRecorded(row.cell("start"), field: "start"), end: LocalDateTime.parseRecorded(row.cell("end"), field: "end"),
                    venue: row.optional("venue"), link: row.optional("link"), organiser: nil, capacity: capacity, perFirmLimit: nil,
                    registrationOpens: nil, registrationCloses: nil)
                var figures: [String: Int] = [:]
                for field in EventOutcome.fields {
                    guard let text = row.optional(field) else { continue }
                    guard let value = Int(text) else { throw .invalid(field, "'\(text)' is not a whole number") }
                    figures[field] = value
                }
                let outcome = figures.isEmpty ? nil : try SubmittedOutcome(figures: figures).decide(over: nil, reason: nil).outcome
                return DemoEvent(event: event, organiser: row.optional("organiser"), outcome: outcome)
            })
        }
        return events
    }
}
