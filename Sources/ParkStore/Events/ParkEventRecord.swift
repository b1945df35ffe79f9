import GRDB
import ParkCore

/// A row of `parkEvent`.
struct ParkEventRecord: Codable, FetchableRecord, MutablePersistableRecord {
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
    var createdAt: String
    var updatedAt: String

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let kind = Column(CodingKeys.kind)
        static let startsAt = Column(CodingKeys.startsAt)
        static let endsAt = Column(CodingKeys.endsAt)
    }

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
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    var event: ParkEvent {
        get throws {
            let time = { (text: String) throws -> LocalDateTime in
                do { return try LocalDateTime.parse(text, field: "time") } catch { throw StoreError.unreadable("parkEvent \(self.id ?? 0)", "a time") }
            }
            guard let id, let kind = EventKind(rawValue: kind) else { throw StoreError.unreadable("parkEvent \(id ?? 0)") }
            return ParkEvent(
                id: id, kind: kind, title: title, description: description, timeZone: timeZone, start: try time(startLocal),
                end: try time(endLocal), startsAt: startsAt, endsAt: endsAt, venue: venue, link: link, organiser: organiserId,
                capacity: capacity, perFirmLimit: perFirmLimit, registrationOpens: try registrationOpensLocal.map(time),
                registrationCloses: try registrationClosesLocal.map(time), registrationOpensAt: registrationOpensAt,
                registrationClosesAt: registrationClosesAt,
                cancellation: cancelledAt.map { ParkEvent.Cancellation(at: $0, reason: cancelReason ?? "") }, sequence: sequence)
        }
    }
}
