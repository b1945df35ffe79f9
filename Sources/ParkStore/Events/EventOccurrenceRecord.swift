import GRDB
import ParkCore
import TableRow

/// A row of `eventOccurrence`.
@TableRow
struct EventOccurrenceRecord: FetchableRecord, PersistableRecord {
    static let databaseTableName = "eventOccurrence"

    var eventId: Int64
    var day: String
    var startLocal: String
    var endLocal: String
    var startsAt: Int64
    var endsAt: Int64
    var title: String
    var changed: Bool

    init(event: Int64, _ occurrence: EventOccurrence) {
        eventId = event
        day = occurrence.day.description
        startLocal = occurrence.start.description
        endLocal = occurrence.end.description
        startsAt = occurrence.startsAt
        endsAt = occurrence.endsAt
        title = occurrence.title
        changed = occurrence.isChanged
    }

    var occurrence: EventOccurrence {
        get throws {
            guard let day = try? CivilDate.parse(day, field: "day"), let start = try? LocalDateTime.parse(startLocal, field: "start"),
                  let end = try? LocalDateTime.parse(endLocal, field: "end") else {
                throw StoreError.unreadable("eventOccurrence \(eventId) \(self.day)")
            }
            return EventOccurrence(day: day, start: start, end: end, startsAt: startsAt, endsAt: endsAt, title: title, isChanged: changed)
        }
    }
}
