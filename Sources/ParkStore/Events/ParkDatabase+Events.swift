import GRDB
import ParkCore

/// An event as stored, with its bookkeeping and how its places stand.
public struct StoredEvent: Sendable, Equatable {
    public var event: ParkEvent
    public var id: Int64 { event.id! }
    /// The co-organising tenant's name.
    public var organiserName: String?
    /// Places held by registrations, and registrations waiting.
    public var registered: Int
    public var waiting: Int
    /// The outcome recorded for it, the version in force.
    public var outcome: RecordedOutcome?
    public var createdAt: String
    public var updatedAt: String
}

/// A registration as stored, with its tenant's name and its place on the waiting list.
public struct StoredRegistration: Sendable, Equatable {
    public var registration: EventRegistration
    public var id: Int64 { registration.id! }
    public var tenantName: String
    /// 1 for the first waiting, while it waits.
    public var waitingPosition: Int?
}

/// What a cancelled registration freed: the registration, and those promoted to its places.
public struct WithdrawnRegistration: Sendable, Equatable {
    public var registration: StoredRegistration
    public var promoted: [StoredRegistration]
}

extension ParkDatabase {
    /// Adds an event; a co-organiser must be a tenant.
    public func createEvent(_ event: ParkEvent, context: ChangeContext) async throws -> StoredEvent {
        try await write(audit: context.call, at: context.at, outcome: context.outcome) { db in
            if let organiser = event.organiser { _ = try ParkDatabase.loadTenant(db, .id(organiser)) }
            var record = ParkEventRecord(event, createdAt: context.at, updatedAt: context.at)
            try record.insert(db)
            return try ParkDatabase.loadEvent(db, record.id!)
        }
    }

    /// Events by start, optionally of one kind and starting within `[from, to)` (seconds since
    /// the epoch).
    public func events(kind: EventKind? = nil, from: Int64? = nil, to: Int64? = nil) async throws -> [StoredEvent] {
        try await readInBackground { db in
            var request = ParkEventRecord.order(ParkEventRecord.Columns.startsAt, ParkEventRecord.Columns.id)
            if let kind { request = request.filter(ParkEventRecord.Columns.kind == kind.rawValue) }
            if let from { request = request.filter(ParkEventRecord.Columns.endsAt > from) }
            if let to { request = request.filter(ParkEventRecord.Columns.startsAt < to) }
            return try request.fetchAll(db).map { try ParkDatabase.storedEvent(db, $0) }
        }
    }

    public func event(_ id: Int64) async throws -> StoredEvent {
        try await read { db in try ParkDatabase.loadEvent(db, id) }
    }

    /// Changes an event at `now`: refused once it was held or cancelled; a larger capacity
    /// promotes from the waiting list in the same transaction.
    public func updateEvent(
        _ id: Int64, change: EventChange, rules: some TimeZoneRules, now: Int64, context: ChangeContext
    ) async throws -> StoredEvent {
        try await write(audit: context.call, at: context.at, outcome: context.outcome) { db in
            let stored = try ParkDatabase.loadEvent(db, id)
            if let organiser = change.organiser?.tenant { _ = try ParkDatabase.loadTenant(db, .id(organiser)) }
            let occurrence = stored.event.start.date
            let places = try ParkDatabase.places(db, event: stored.event, occurrence: occurrence)
            let changed = try stored.event.changed(by: change, rules: rules, registered: places.taken, at: now)
            try ParkEventRecord(changed, createdAt: stored.createdAt, updatedAt: context.at).update(db)
            if changed.start.date != occurrence {
                // A single event's registrations are for its one day, wherever it moves.
                try db.execute(
                    sql: "UPDATE eventRegistration SET occurrence = ? WHERE eventId = ? AND occurrence = ?",
                    arguments: [changed.start.date.description, id, occurrence.description])
            }
            var widened = places
            widened.capacity = changed.capacity
            try ParkDatabase.promote(db, widened.promotions(), cause: "when the event's capacity rose to \(changed.capacity)", context: context)
            return try ParkDatabase.loadEvent(db, id)
        }
    }

    /// Cancels an event at `now`, with its reason; its registrations stay as they were.
    public func cancelEvent(_ id: Int64, reason: String, now: Int64, context: ChangeContext) async throws -> StoredEvent {
        try await write(audit: context.call, at: context.at, outcome: context.outcome) { db in
            let stored = try ParkDatabase.loadEvent(db, id)
            let cancelled = try stored.event.cancelled(reason: reason, at: context.at, now: now)
            try ParkEventRecord(cancelled, createdAt: stored.createdAt, updatedAt: context.at).update(db)
            return try ParkDatabase.loadEvent(db, id)
        }
    }

    /// Registers a tenant for an event while its registration is open: a place when the
    /// places asked for are free, else the waiting list. Decided and written in one
    /// transaction, so concurrent registrations never oversell.
    public func register(
        event id: Int64, tenant: TenantReference, places: Int, positions: Int, roles: [String], now: Int64, context: ChangeContext
    ) async throws -> StoredRegistration {
        try await write(audit: context.call, at: context.at, outcome: context.outcome) { db in
            let stored = try ParkDatabase.loadEvent(db, id)
            let event = stored.event
            let status = event.status(at: now)
            guard status == .open else {
                throw EventRefused.registrationNotOpen(
                    event: id, status: status, opens: event.registrationOpens?.description, closes: event.registrationCloses?.description)
            }
            let tenantID = try ParkDatabase.loadTenant(db, tenant).id
            guard (0...EventRegistration.positionLimit).contains(positions) else {
                throw DomainError.invalid("positions", "\(positions) is not a number of positions from 0 to \(EventRegistration.positionLimit)")
            }
            let roles = try EventRegistration.roles(roles)
            let occurrence = event.start.date
            let current = try ParkDatabase.places(db, event: event, occurrence: occurrence)
            let decided = try current.decide(tenant: tenantID, places: places)
            var record = EventRegistrationRecord(EventRegistration(
                id: nil, eventID: id, occurrence: occurrence, tenantID: tenantID, places: places, positions: positions, roles: roles,
                status: decided, joinedAt: context.at))
            try record.insert(db)
            return try ParkDatabase.loadRegistration(db, record.id!)
        }
    }

    /// Withdraws a registration; the places it held go to the waiting list in the same
    /// transaction (the first waiting that fits, the others passed over and named).
    public func cancelRegistration(_ id: Int64, reason: String?, now: Int64, context: ChangeContext) async throws -> WithdrawnRegistration {
        try await write(audit: context.call, at: context.at, outcome: context.outcome) { db in
            guard var registration = try EventRegistrationRecord.fetchOne(db, key: id)?.registration else {
                throw StoreError.noSuchRegistration(id)
            }
            let event = try ParkDatabase.loadEvent(db, registration.eventID).event
            try event.checkChangeable(at: now)
            guard registration.status != .cancelled else {
                throw DomainError.invalid("registration", "registration \(id) was cancelled \(registration.cancelledAt ?? "")")
            }
            let places = try ParkDatabase.places(db, event: event, occurrence: registration.occurrence)
            registration.status = .cancelled
            registration.cancelledAt = context.at
            registration.cancelReason = try TenantField.optionalText(reason, field: "reason", maxLength: 500)
            try EventRegistrationRecord(registration).update(db)
            let promotions = places.withdrawing(id).promotions
            try ParkDatabase.promote(db, promotions, cause: "after registration \(id) was cancelled", context: context)
            return WithdrawnRegistration(
                registration: try ParkDatabase.loadRegistration(db, id),
                promoted: try promotions.map { try ParkDatabase.loadRegistration(db, $0.registration) })
        }
    }

    /// An event's registrations (every occurrence's, or one's), in the order they joined.
    public func registrations(event id: Int64, occurrence: CivilDate? = nil) async throws -> [StoredRegistration] {
        try await read { db in
            _ = try ParkDatabase.loadEvent(db, id)
            var request = EventRegistrationRecord.filter(EventRegistrationRecord.Columns.eventId == id)
            if let occurrence { request = request.filter(EventRegistrationRecord.Columns.occurrence == occurrence.description) }
            return try ParkDatabase.storedRegistrations(db, try request.order(EventRegistrationRecord.Columns.id).fetchAll(db))
        }
    }

    // MARK: Loading

    static func loadEvent(_ db: Database, _ id: Int64) throws -> StoredEvent {
        guard let record = try ParkEventRecord.fetchOne(db, key: id) else { throw StoreError.noSuchEvent(id) }
        return try storedEvent(db, record)
    }

    static func storedEvent(_ db: Database, _ record: ParkEventRecord) throws -> StoredEvent {
        let event = try record.event
        let organiserName = try event.organiser.flatMap { try String.fetchOne(db, sql: "SELECT name FROM tenant WHERE id = ?", arguments: [$0]) }
        let counts = try Row.fetchOne(db, sql: """
            SELECT COALESCE(SUM(CASE WHEN status = 'registered' THEN places END), 0) AS registered,
                   COUNT(CASE WHEN status = 'waiting' THEN 1 END) AS waiting
            FROM eventRegistration WHERE eventId = ?
            """, arguments: [event.id])
        return StoredEvent(
            event: event, organiserName: organiserName, registered: counts?["registered"] ?? 0, waiting: counts?["waiting"] ?? 0,
            outcome: try currentOutcome(db, event: record.id!, occurrence: event.start.date), createdAt: record.createdAt, updatedAt: record.updatedAt)
    }

    /// The places of one occurrence, its registered and waiting registrations in join order.
    static func places(_ db: Database, event: ParkEvent, occurrence: CivilDate) throws -> EventPlaces {
        let active = try EventRegistrationRecord
            .filter(EventRegistrationRecord.Columns.eventId == event.id && EventRegistrationRecord.Columns.occurrence == occurrence.description)
            .filter([RegistrationStatus.registered.rawValue, RegistrationStatus.waiting.rawValue].contains(EventRegistrationRecord.Columns.status))
            .order(EventRegistrationRecord.Columns.id)
            .fetchAll(db).map { try $0.registration }
        return EventPlaces(event: event.id ?? 0, capacity: event.capacity, perFirmLimit: event.perFirmLimit, active: active)
    }

    /// Moves promoted registrations to their places, each with the record of its promotion.
    static func promote(_ db: Database, _ promotions: [EventPlaces.Promotion], cause: String, context: ChangeContext) throws {
        for promotion in promotions {
            guard var registration = try EventRegistrationRecord.fetchOne(db, key: promotion.registration)?.registration else { continue }
            registration.status = .registered
            registration.promotedAt = context.at
            registration.promotion = promotion.record(cause: cause)
            try EventRegistrationRecord(registration).update(db)
        }
    }

    static func loadRegistration(_ db: Database, _ id: Int64) throws -> StoredRegistration {
        guard let record = try EventRegistrationRecord.fetchOne(db, key: id) else { throw StoreError.noSuchRegistration(id) }
        return try storedRegistrations(db, [record])[0]
    }

    /// With tenant names and waiting positions (counted over the whole occurrence's list).
    static func storedRegistrations(_ db: Database, _ records: [EventRegistrationRecord]) throws -> [StoredRegistration] {
        var positions: [String: [Int64: Int]] = [:]
        var names: [Int64: String] = [:]
        return try records.map { record in
            let registration = try record.registration
            if names[registration.tenantID] == nil {
                names[registration.tenantID] = try String.fetchOne(db, sql: "SELECT name FROM tenant WHERE id = ?", arguments: [registration.tenantID])
            }
            var position: Int?
            if registration.status == .waiting {
                let key = "\(registration.eventID) \(registration.occurrence)"
                if positions[key] == nil {
                    let event = try loadEvent(db, registration.eventID).event
                    positions[key] = try places(db, event: event, occurrence: registration.occurrence).waitingPositions
                }
                position = positions[key]?[registration.id!]
            }
            return StoredRegistration(registration: registration, tenantName: names[registration.tenantID] ?? "", waitingPosition: position)
        }
    }
}
