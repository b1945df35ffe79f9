import GRDB
import ParkCore

/// One version of an occurrence's outcome.
public struct RecordedOutcome: Sendable, Equatable {
    public var eventID: Int64
    public var occurrence: CivilDate
    /// 1 for the first recording, then one more per correction.
    public var version: Int
    public var isCurrent: Bool
    public var outcome: EventOutcome
    /// Why it was corrected.
    public var reason: String?
    public var recordedAt: String
    public var recordedBy: String
}

extension ParkDatabase {
    /// Records what a held occurrence achieved (`day`; the only one of a single event when
    /// nil), or corrects it: a correction changes the figures it gives and keeps the others and
    /// the earlier version; what changed is returned.
    public func recordOutcome(
        event id: Int64, occurrence day: CivilDate?, figures: SubmittedOutcome, reason: String?, now: Int64, context: ChangeContext
    ) async throws -> (outcome: RecordedOutcome, changes: [String]) {
        try await write(context) { db in
            let stored = try ParkDatabase.loadEvent(db, id)
            let event = stored.event
            let held = try ParkDatabase.occurrence(of: stored, day)
            switch event.status(of: held, at: now) {
            case .held: break
            case .cancelled: throw EventRefused.cancelled(event: id)
            case let status:
                throw DomainError.invalid("event", "event \(id) is \(status.rawValue): an outcome is recorded once it has been held (it ends \(held.end))")
            }
            let occurrence = held.day
            let reason = try FieldText.optionalText(reason, field: "reason", maxLength: 500)
            let current = try ParkDatabase.currentOutcome(db, event: id, occurrence: occurrence)
            let decided = try figures.decide(over: current?.outcome, reason: reason)
            try db.execute(
                sql: "UPDATE eventOutcome SET isCurrent = 0 WHERE eventId = ? AND occurrence = ? AND isCurrent",
                arguments: [id, occurrence.description])
            var record = EventOutcomeRecord(
                event: id, occurrence: occurrence, version: (current?.version ?? 0) + 1, outcome: decided.outcome, reason: reason,
                recordedAt: context.at, recordedBy: context.recordedBy)
            try record.insert(db)
            return (try record.recorded, decided.changes)
        }
    }

    /// Every version of an event's outcomes, oldest first.
    public func outcomeHistory(event id: Int64, occurrence: CivilDate? = nil) async throws -> [RecordedOutcome] {
        try await read { db in
            _ = try ParkDatabase.loadEvent(db, id)
            var versions = EventOutcomeRecord.filter(EventOutcomeRecord.Columns.eventId == id)
            if let occurrence { versions = versions.filter(EventOutcomeRecord.Columns.occurrence == occurrence.description) }
            return try versions.order(EventOutcomeRecord.Columns.occurrence, EventOutcomeRecord.Columns.version).fetchAll(db).map { try $0.recorded }
        }
    }

    static func currentOutcome(_ db: Database, event: Int64, occurrence: CivilDate) throws -> RecordedOutcome? {
        try EventOutcomeRecord
            .filter(EventOutcomeRecord.Columns.eventId == event && EventOutcomeRecord.Columns.occurrence == occurrence.description)
            .filter(EventOutcomeRecord.Columns.isCurrent == true).fetchOne(db)?.recorded
    }
}

extension ParkDatabase {
    /// Events whose last occurrence ends on a day from `from` through `to` (their own wall
    /// clock; a series cancelled after some occurrences were held, its last one held), each with
    /// that day and the sum of its occurrences' outcomes in force (nil when none is recorded).
    static func eventsEnding(_ db: Database, from: CivilDate, through to: CivilDate) throws -> [(event: ParkEvent, lastDay: CivilDate, outcome: EventOutcome?)] {
        let ids = try Row.fetchAll(db, sql: """
            SELECT o.eventId AS eventId, MAX(o.endLocal) AS lastEnd
            FROM eventOccurrence AS o JOIN parkEvent AS e ON e.id = o.eventId
            WHERE o.endsAt <= e.lastEndsAt GROUP BY o.eventId
            HAVING lastEnd >= ? AND lastEnd < ? ORDER BY o.eventId
            """, arguments: [from.description, to.adding(days: 1).description])
        return try ids.map { row in
            let stored = try ParkDatabase.loadEvent(db, row["eventId"])
            let outcomes = stored.occurrences.compactMap(\.outcome?.outcome)
            let lastDay = try CivilDate.parse(String((row["lastEnd"] as String).prefix(10)), field: "end")
            return (stored.event, lastDay, outcomes.isEmpty ? nil : outcomes.reduce(EventOutcome(), +))
        }
    }
}
