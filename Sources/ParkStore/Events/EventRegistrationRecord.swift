import Foundation
import GRDB
import ParkCore
import TableRow

/// A row of `eventRegistration`.
@TableRow
struct EventRegistrationRecord: FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "eventRegistration"

    var id: Int64?
    var eventId: Int64
    var occurrence: String
    var tenantId: Int64
    var places: Int
    var positions: Int
    /// The roles as a JSON array of strings.
    var roles: String
    var status: String
    var joinedAt: String
    var promotedAt: String?
    var promotion: String?
    var cancelledAt: String?
    var cancelReason: String?

    init(_ registration: EventRegistration) {
        id = registration.id
        eventId = registration.eventID
        occurrence = registration.occurrence.description
        tenantId = registration.tenantID
        places = registration.places
        positions = registration.positions
        roles = (try? StoredJSON.text(registration.roles)) ?? "[]"
        status = registration.status.rawValue
        joinedAt = registration.joinedAt
        promotedAt = registration.promotedAt
        promotion = registration.promotion
        cancelledAt = registration.cancelledAt
        cancelReason = registration.cancelReason
    }

    var registration: EventRegistration {
        get throws {
            guard let id, let status = RegistrationStatus(rawValue: status), let day = try? CivilDate.parse(occurrence, field: "occurrence"),
                  let roles = try? JSONDecoder().decode([String].self, from: Data(roles.utf8)) else {
                throw StoreError.unreadable("eventRegistration \(id ?? 0)")
            }
            return EventRegistration(
                id: id, eventID: eventId, occurrence: day, tenantID: tenantId, places: places, positions: positions, roles: roles,
                status: status, joinedAt: joinedAt, promotedAt: promotedAt, promotion: promotion, cancelledAt: cancelledAt,
                cancelReason: cancelReason)
        }
    }
}
