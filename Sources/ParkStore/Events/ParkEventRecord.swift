import Foundation
import GRDB
import ParkCore
import TableRow

/// A row of `parkEvent`.
@TableRow
struct ParkEventRecord: FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "parkEvent"

    var id: Int64?
    var kind: String
    var title: String
    var description: String?
    var timeZone: String
    var startLocal: String
    var endLocal: String
    var startsAt: Int64
    var endsAt: Int64
    var venue: String?
    var link: String?
    var organiserId: Int64?
    var capacity: Int
    var perFirmLimit: Int?
    var registrationOpensLocal: String?
    var registrationOpensAt: Int64?
    var registrationClosesLocal: String?
    var registrationClosesAt: Int64?
    var cancelledAt: String?
    var cancelReason: String?
    var sequence: Int
    var recurrence: String?
    var lastEndsAt: Int64
    var createdAt: String
    var updatedAt: String

    init(_ event: ParkEvent, createdAt: String, updatedAt: String) {
        id = event.id
        kind = event.kind.rawValue
        title = event.title
        description = event.description
        timeZone = event.timeZone
        startLocal = event.start.description
        endLocal = event.end.description
        startsAt = event.startsAt
        endsAt = event.endsAt
        venue = event.venue
        link = event.link
        organiserId = event.organiser
        capacity = event.capacity
        perFirmLimit = event.perFirmLimit
        registrationOpensLocal = event.registrationOpens?.description
        registrationOpensAt = event.registrationOpensAt
        registrationClosesLocal = event.registrationCloses?.description
        registrationClosesAt = event.registrationClosesAt
        cancelledAt = event.cancellation?.at
        cancelReason = event.cancellation?.reason
        sequence = event.sequence
        recurrence = event.recurrence.map { RecurrenceJSON($0).text }
        lastEndsAt = event.lastEndsAt
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    var event: ParkEvent {
        get throws {
            let time = { (text: String) throws -> LocalDateTime in
                do { return try LocalDateTime.parse(text, field: "time") } catch { throw StoreError.unreadable("parkEvent \(self.id ?? 0)", "a time") }
            }
            guard let id, let kind = EventKind(rawValue: kind) else { throw StoreError.unreadable("parkEvent \(id ?? 0)") }
            let rule = try recurrence.map { text in
                guard let rule = RecurrenceJSON.read(text) else { throw StoreError.unreadable("parkEvent \(id)", "a recurrence") }
                return rule
            }
            return ParkEvent(
                id: id, kind: kind, title: title, description: description, timeZone: timeZone, start: try time(startLocal),
                end: try time(endLocal), startsAt: startsAt, endsAt: endsAt, venue: venue, link: link, organiser: organiserId,
                capacity: capacity, perFirmLimit: perFirmLimit, registrationOpens: try registrationOpensLocal.map(time),
                registrationCloses: try registrationClosesLocal.map(time), registrationOpensAt: registrationOpensAt,
                registrationClosesAt: registrationClosesAt,
                cancellation: cancelledAt.map { ParkEvent.Cancellation(at: $0, reason: cancelReason ?? "") }, sequence: sequence,
                recurrence: rule, lastEndsAt: lastEndsAt)
        }
    }
}

/// A recurrence as `parkEvent.recurrence` holds it: JSON with days as YYYY-MM-DD, times as
/// YYYY-MM-DDTHH:MM and weekdays 1 (Monday) to 7.
struct RecurrenceJSON: Codable {
    struct Change: Codable {
        var day: String
        var start: String?
        var end: String?
        var title: String?
    }

    var frequency: String
    var interval: Int
    var weekdays: [Int]
    var until: String
    var workingDaysOnly: Bool
    var exceptions: [String]
    var changes: [Change]

    init(_ rule: EventRecurrence) {
        frequency = rule.frequency.rawValue
        interval = rule.interval
        weekdays = rule.weekdays.map(\.rawValue)
        until = rule.until.description
        workingDaysOnly = rule.workingDaysOnly
        exceptions = rule.exceptions.map(\.description)
        changes = rule.changes.map { Change(day: $0.day.description, start: $0.start?.description, end: $0.end?.description, title: $0.title) }
    }

    var text: String {
        (try? StoredJSON.text(self)) ?? ""
    }

    static func read(_ text: String) -> EventRecurrence? {
        guard let json = try? JSONDecoder().decode(RecurrenceJSON.self, from: Data(text.utf8)),
              let frequency = EventRecurrence.Frequency(rawValue: json.frequency),
              let until = try? CivilDate.parse(json.until, field: "until") else { return nil }
        let day = { (text: String) in try? CivilDate.parse(text, field: "day") }
        let time = { (text: String?) -> LocalDateTime?? in
            guard let text else { return .some(nil) }
            return (try? LocalDateTime.parse(text, field: "time")).map { .some($0) }
        }
        var changes: [OccurrenceChange] = []
        for change in json.changes {
            guard let changeDay = day(change.day), let start = time(change.start), let end = time(change.end) else { return nil }
            changes.append(OccurrenceChange(day: changeDay, start: start, end: end, title: change.title))
        }
        let exceptions = json.exceptions.compactMap(day)
        let weekdays = json.weekdays.compactMap(Weekday.init(rawValue:))
        guard exceptions.count == json.exceptions.count, weekdays.count == json.weekdays.count else { return nil }
        return EventRecurrence(
            frequency: frequency, interval: json.interval, weekdays: weekdays, until: until, workingDaysOnly: json.workingDaysOnly,
            exceptions: exceptions, changes: changes)
    }
}
