import MemberwiseInit

/// Where a registration stands: holding places, waiting for them, or withdrawn.
public enum RegistrationStatus: String, CaseIterable, Codable, Sendable {
    case registered, waiting, cancelled
}

/// A tenant's registration for one occurrence of an event: the places (booths or seats) it
/// asks for and what it brings.
@MemberwiseInit
public struct EventRegistration: Equatable, Sendable {
    public var id: Int64?
    public var eventID: Int64
    /// The day of the occurrence registered for (the event's first day for a single event).
    public var occurrence: CivilDate
    public var tenantID: Int64
    /// Places asked for: booths at a fair, seats at a briefing.
    public var places: Int
    /// Positions the firm offers.
    public var positions: Int
    /// The roles it recruits for, as the firm names them.
    public var roles: [String]
    public var status: RegistrationStatus
    /// When its request was received (RFC 3339). The order of joining is the order in which
    /// registrations were written, their ids: of two requests received a moment apart, the one
    /// written first was decided first.
    public var joinedAt: String
    /// When it was moved from the waiting list to a place, and the record of that promotion.
    public var promotedAt: String? = nil
    public var promotion: String? = nil
    public var cancelledAt: String? = nil
    public var cancelReason: String? = nil

    /// The most positions one registration may offer.
    public static let positionLimit = 1_000_000

    /// Refused for a firm that has left the park or was refused entry: the park's events are its
    /// tenants' and applicants' (a briefing before entry), not those of a firm gone.
    public static func checkRegistrant(_ tenant: Tenant) throws(DomainError) {
        guard mayRegister(tenant.status) else {
            throw .invalid("tenant", "tenant \(tenant.id ?? 0) (\(tenant.name)) is \(tenant.status.rawValue) since \(tenant.statusSince); a firm that has left the park or was refused entry does not register")
        }
    }

    /// Refused as the co-organiser of an event with `occurrences`: a firm refused entry, or one
    /// that had left the park by the event's last day (the park day, in `parkZone`, its last
    /// occurrence ends on). A firm gone since is named for an event held while it was in the park
    /// (a park entering its past, or correcting a fair before the firm left).
    public static func checkOrganiser(_ tenant: Tenant, occurrences: [EventOccurrence], parkZone: some TimeZoneRules) throws(DomainError) {
        let refusal = "tenant \(tenant.id ?? 0) (\(tenant.name)) is \(tenant.status.rawValue) since \(tenant.statusSince); "
        switch tenant.status {
        case .rejected:
            throw .invalid("organiser", refusal + "a firm that was refused entry does not organise the park's events")
        case .exited:
            // An occurrence ending at midnight ended on the day before.
            guard let lastEnd = occurrences.map(\.endsAt).max() else { return }
            let lastDay = LocalDateTime(instant: lastEnd - 1, in: parkZone).date
            guard lastDay >= tenant.statusSince else { return }
            throw .invalid("organiser", refusal + "a firm that has left the park does not organise its events (this one's last day is \(lastDay))")
        default:
            return
        }
    }

    /// Whether a firm in `status` takes part in the park's events: not one gone or refused entry.
    public static func mayRegister(_ status: TenantStatus) -> Bool {
        ![.exited, .rejected].contains(status)
    }

    /// The registrations a firm's move to a status that does not register (`mayRegister`)
    /// withdraws: those holding or waiting for places at occurrences starting from the change's
    /// day on (`from`, its midnight in the park's zone; an occurrence moved, or in another zone,
    /// counts by when it starts), of events neither held nor called off (each given with its
    /// start and its event's status now). An occurrence before that stays as it was. The waiting
    /// ones come first, so that none of the firm's own is moved up to a place it is giving up.
    public static func withdrawn(
        by change: StatusChange, from: Int64,
        among registrations: [(registration: EventRegistration, startsAt: Int64, eventStatus: EventStatus)]
    ) -> [EventRegistration] {
        guard !mayRegister(change.to) else { return [] }
        let withdrawn = registrations.filter { registration, startsAt, eventStatus in
            registration.status != .cancelled && startsAt >= from && ![.held, .cancelled].contains(eventStatus)
        }.map(\.registration)
        return withdrawn.filter { $0.status == .waiting } + withdrawn.filter { $0.status == .registered }
    }

    /// The roles, trimmed, each at most 50 characters, at most 50 of them.
    public static func roles(_ raw: [String]) throws(DomainError) -> [String] {
        var roles: [String] = []
        for role in raw {
            let text = try FieldText.text(role, field: "roles", maxLength: 50)
            if !roles.contains(text) { roles.append(text) }
        }
        guard roles.count <= 50 else { throw .invalid("roles", "\(roles.count) roles; at most 50 are allowed") }
        return roles
    }
}
