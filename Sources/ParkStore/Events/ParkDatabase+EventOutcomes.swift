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
    /// Records what a held event achieved, or corrects it: a correction changes the figures
    /// it gives and keeps the others and the earlier version; what changed is returned.
    public func recordOutcome(
        event id: Int64, figures: SubmittedOutcome, reason: String?, now: Int64, context: ChangeContext
    ) async throws -> (outcome: RecordedOutcome, changes: [String]) {
        try await write(audit: context.call, at: context.at, outcome: context.outcome) { db in
            let event = try ParkDatabase.loadEvent(db, id).event
            switch event.status(at: now) {
            case .held: break
            case .cancelled: throw EventRefused.cancelled(event: id)
            case let status:
                throw DomainError.invalid("event", "event \(id) is \(status.rawValue): an outcome is recorded once it has been held (it ends \(event.end))")
            }
            let occurrence = event.start.date
            let reason = try TenantField.optionalText(reason, field: "reason", maxLength: 500)
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
    public func outcomeHistory(event id: Int64) async throws -> [RecordedOutcome] {
        try await read { db in
            _ = try ParkDatabase.loadEvent(db, id)
            return try EventOutcomeRecord.filter(EventOutcomeRecord.Columns.eventId == id)
                .order(EventOutcomeRecord.Columns.occurrence, EventOutcomeRecord.Columns.version).fetchAll(db).map { try $0.recorded }
        }
    }

    static func currentOutcome(_ db: Database, event: Int64, occurrence: CivilDate) throws -> RecordedOutcome? {
        try EventOutcomeRecord
            .filter(EventOutcomeRecord.Columns.eventId == event && EventOutcomeRecord.Columns.occurrence == occurrence.description)
            .filter(EventOutcomeRecord.Columns.isCurrent == true).fetchOne(db)?.recorded
    }
}

extension ParkDatabase {
    /// Events ending on a day from `from` through `to` (their own wall clock), each with its
    /// outcome in force (a single event's).
    public func eventsEnding(from: CivilDate, through to: CivilDate) async throws -> [(event: ParkEvent, outcome: EventOutcome?)] {
        let rows: [EventWithOutcome] = try await readInBackground { db in
            try ParkEventRecord.filter(sql: "endLocal >= ? AND endLocal < ?", arguments: [from.description, to.adding(days: 1).description])
                .order(ParkEventRecord.Columns.startsAt).fetchAll(db).map { record in
                    let event = try record.event
                    return EventWithOutcome(event: event, outcome: try ParkDatabase.currentOutcome(db, event: record.id!, occurrence: event.start.date)?.outcome)
                }
        }
        return rows.map { ($0.event, $0.outcome) }
    }
}

/// An event and its outcome in force, as `eventsEnding` reads them.
struct EventWithOutcome: Sendable {
    var event: ParkEvent
    var outcome: EventOutcome?
}
