import GRDB
import ParkCore

/// An event as stored, with its occurrences, its bookkeeping and how its places stand.
public struct StoredEvent: Sendable, Equatable {
    public var event: ParkEvent
    public var id: Int64 { event.id! }
    /// The co-organising tenant's name.
    public var organiserName: String?
    /// Its occurrences in order of their day (one for a single event).
    public var occurrences: [StoredOccurrence]
    public var createdAt: String
    public var updatedAt: String

    /// Places held by registrations, over every occurrence.
    public var registered: Int { occurrences.reduce(0) { $0 + $1.registered } }
    /// Registrations waiting, over every occurrence.
    public var waiting: Int { occurrences.reduce(0) { $0 + $1.waiting } }
}

/// One occurrence with its places and its outcome.
public struct StoredOccurrence: Sendable, Equatable {
    public var occurrence: EventOccurrence
    public var registered: Int
    public var waiting: Int
    /// The outcome recorded for it, the version in force.
    public var outcome: RecordedOutcome?
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
    /// Adds an event with its occurrences (`ParkEvent.schedule`); a co-organiser must be a tenant.
    public func createEvent(_ event: ParkEvent, occurrences: [EventOccurrence], context: ChangeContext) async throws -> StoredEvent {
        try await write(context) { db in
            if let organiser = event.organiser {
                try EventRegistration.checkOrganiser(try ParkDatabase.loadTenant(db, .id(organiser)).tenant, occurrences: occurrences, parkZone: context.parkZone)
            }
            var record = ParkEventRecord(event, createdAt: context.at, updatedAt: context.at)
            try record.insert(db)
            for occurrence in occurrences { try EventOccurrenceRecord(event: record.id!, occurrence).insert(db) }
            return try ParkDatabase.loadEvent(db, record.id!)
        }
    }

    /// Events by start, optionally of one kind and with an occurrence within `[from, to)`
    /// (seconds since the epoch).
    public func events(kind: EventKind? = nil, from: Int64? = nil, to: Int64? = nil) async throws -> [StoredEvent] {
        try await readInBackground { db in
            var request = ParkEventRecord.order(ParkEventRecord.Columns.startsAt, ParkEventRecord.Columns.id)
            if let kind { request = request.filter(ParkEventRecord.Columns.kind == kind.rawValue) }
            request = request.filter(
                sql: "id IN (SELECT eventId FROM eventOccurrence WHERE endsAt > ? AND startsAt < ?)",
                arguments: [from ?? Int64.min, to ?? Int64.max])
            return try request.fetchAll(db).map { try ParkDatabase.storedEvent(db, $0) }
        }
    }

    public func event(_ id: Int64) async throws -> StoredEvent {
        try await read { db in try ParkDatabase.loadEvent(db, id) }
    }

    /// Changes an event at `now`: refused once it was held or cancelled, and for an occurrence
    /// that was held; its occurrences are laid out again with `calendar`; a larger capacity
    /// promotes from the waiting lists in the same transaction. An occurrence with registrations
    /// or an outcome is never dropped.
    public func updateEvent(
        _ id: Int64, change: EventChange, zoneRules: @escaping @Sendable (String) throws -> any TimeZoneRules, calendar: WorkingDayCalendar,
        now: Int64, context: ChangeContext
    ) async throws -> StoredEvent {
        try await write(context) { db in
            let stored = try ParkDatabase.loadEvent(db, id)
            // The zone the event keeps or is moved to, as it stands in this transaction.
            let rules = try zoneRules(change.timeZone ?? stored.event.timeZone)
            for day in change.exceptions + [change.occurrence?.day].compactMap({ $0 }) {
                if let held = stored.occurrences.first(where: { $0.occurrence.day == day && $0.occurrence.endsAt <= now }) {
                    throw EventRefused.held(event: id, ended: "\(held.occurrence.end) \(stored.event.timeZone)")
                }
            }
            let (changed, occurrences) = try stored.event.changed(
                by: change, rules: rules, calendar: calendar, registered: stored.occurrences.map(\.registered).max() ?? 0,
                standing: stored.occurrences.map(\.occurrence), at: now)
            if let organiser = changed.organiser, change.organiser != nil || occurrences.map(\.endsAt) != stored.occurrences.map(\.occurrence.endsAt) {
                try EventRegistration.checkOrganiser(try ParkDatabase.loadTenant(db, .id(organiser)).tenant, occurrences: occurrences, parkZone: context.parkZone)
            }
            let days = Set(occurrences.map(\.day))
            if stored.event.recurrence == nil, changed.recurrence == nil, let old = stored.occurrences.first?.occurrence.day,
               let new = occurrences.first?.day, old != new {
                // A single event's registrations and outcome are for its one day, wherever it moves.
                for table in ["eventRegistration", "eventOutcome"] {
                    try db.execute(sql: "UPDATE \(table) SET occurrence = ? WHERE eventId = ? AND occurrence = ?", arguments: [new.description, id, old.description])
                }
            } else {
                // (A held occurrence never leaves: the event refuses the change.)
                for dropped in stored.occurrences where !days.contains(dropped.occurrence.day) {
                    let day = dropped.occurrence.day
                    let field = change.exceptions.contains(day) ? "exceptions" : change.start != nil || change.end != nil ? "start" : "occurrence"
                    let registrations = try Int.fetchOne(db, sql: """
                        SELECT COUNT(*) FROM eventRegistration WHERE eventId = ? AND occurrence = ? AND status <> 'cancelled'
                        """, arguments: [id, day.description]) ?? 0
                    guard registrations == 0 else {
                        throw DomainError.invalid(field, "the occurrence of \(day) would leave the series, and \(registrations) \(registrations == 1 ? "registration holds" : "registrations hold") a place in it; cancel them first")
                    }
                    guard try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM eventOutcome WHERE eventId = ? AND occurrence = ?", arguments: [id, day.description]) == 0 else {
                        throw DomainError.invalid(field, "the occurrence of \(day) would leave the series, and its outcome is recorded")
                    }
                }
            }
            try ParkEventRecord(changed, createdAt: stored.createdAt, updatedAt: context.at).update(db)
            try db.execute(sql: "DELETE FROM eventOccurrence WHERE eventId = ?", arguments: [id])
            for occurrence in occurrences { try EventOccurrenceRecord(event: id, occurrence).insert(db) }
            for occurrence in occurrences {
                let places = try ParkDatabase.places(db, event: changed, occurrence: occurrence.day)
                try ParkDatabase.promote(db, places.promotions(), cause: "when the event's capacity rose to \(changed.capacity)", context: context)
            }
            return try ParkDatabase.loadEvent(db, id)
        }
    }

    /// Cancels an event at `now`, with its reason (a series partly held: the occurrences still to
    /// come); its registrations stay as they were.
    public func cancelEvent(_ id: Int64, reason: String, now: Int64, context: ChangeContext) async throws -> StoredEvent {
        try await write(context) { db in
            let stored = try ParkDatabase.loadEvent(db, id)
            let cancelled = try stored.event.cancelled(reason: reason, at: context.at, now: now, occurrences: stored.occurrences.map(\.occurrence))
            try ParkEventRecord(cancelled, createdAt: stored.createdAt, updatedAt: context.at).update(db)
            return try ParkDatabase.loadEvent(db, id)
        }
    }

    /// Registers a tenant for an occurrence (`day`; the only one of a single event when nil)
    /// while its registration is open: a place when the places asked for are free, else the
    /// waiting list. Decided and written in one transaction, so concurrent registrations never
    /// oversell.
    public func register(
        event id: Int64, occurrence day: CivilDate?, tenant: TenantReference, places: Int, positions: Int, roles: [String], now: Int64,
        context: ChangeContext
    ) async throws -> StoredRegistration {
        try await write(context) { db in
            try ParkDatabase.register(
                db, event: id, occurrence: day, tenant: tenant, places: places, positions: positions, roles: roles, now: now, context: context)
        }
    }

    /// `register` inside a transaction the caller holds (a tenant's submission registers and
    /// records itself together).
    static func register(
        _ db: Database, event id: Int64, occurrence day: CivilDate?, tenant: TenantReference, places: Int, positions: Int, roles: [String],
        now: Int64, context: ChangeContext
    ) throws -> StoredRegistration {
        let stored = try ParkDatabase.loadEvent(db, id)
        let event = stored.event
        let occurrence = try ParkDatabase.occurrence(of: stored, day)
        let status = event.status(of: occurrence, at: now)
        guard status == .open else {
            throw EventRefused.registrationNotOpen(
                event: id, status: status, opens: event.registrationOpens?.description, closes: event.registrationCloses?.description)
        }
        let registrant = try ParkDatabase.loadTenant(db, tenant)
        try EventRegistration.checkRegistrant(registrant.tenant)
        let tenantID = registrant.id
        guard (0...EventRegistration.positionLimit).contains(positions) else {
            throw DomainError.invalid("positions", "\(positions) is not a number of positions from 0 to \(EventRegistration.positionLimit)")
        }
        let roles = try EventRegistration.roles(roles)
        let current = try ParkDatabase.places(db, event: event, occurrence: occurrence.day)
        let decided = try current.decide(tenant: tenantID, places: places)
        var record = EventRegistrationRecord(EventRegistration(
            id: nil, eventID: id, occurrence: occurrence.day, tenantID: tenantID, places: places, positions: positions, roles: roles,
            status: decided, joinedAt: context.at))
        try record.insert(db)
        return try ParkDatabase.loadRegistration(db, record.id!)
    }

    /// Withdraws a registration; the places it held go to the waiting list in the same
    /// transaction (the first waiting that fits, the others passed over and named).
    public func cancelRegistration(_ id: Int64, reason: String?, now: Int64, context: ChangeContext) async throws -> WithdrawnRegistration {
        try await write(context) { db in
            try ParkDatabase.cancelRegistration(db, id, reason: reason, now: now, context: context)
        }
    }

    /// `cancelRegistration` inside a transaction the caller holds.
    static func cancelRegistration(_ db: Database, _ id: Int64, reason: String?, now: Int64, context: ChangeContext) throws -> WithdrawnRegistration {
        guard var registration = try EventRegistrationRecord.fetchOne(db, key: id)?.registration else {
            throw StoreError.noSuchRegistration(id)
        }
        let stored = try ParkDatabase.loadEvent(db, registration.eventID)
        let event = stored.event
        let occurrence = try ParkDatabase.occurrence(of: stored, registration.occurrence)
        switch event.status(of: occurrence, at: now) {
        case .held: throw EventRefused.held(event: event.id ?? 0, ended: "\(occurrence.end) \(event.timeZone)")
        case .cancelled: throw EventRefused.cancelled(event: event.id ?? 0)
        case .planned, .open, .closed: break
        }
        guard registration.status != .cancelled else {
            throw DomainError.invalid("registration", "registration \(id) was cancelled \(registration.cancelledAt ?? "")")
        }
        let places = try ParkDatabase.places(db, event: event, occurrence: registration.occurrence)
        registration.status = .cancelled
        registration.cancelledAt = context.at
        registration.cancelReason = try FieldText.optionalText(reason, field: "reason", maxLength: 500)
        try EventRegistrationRecord(registration).update(db)
        let promotions = places.withdrawing(id).promotions
        try ParkDatabase.promote(db, promotions, cause: "after registration \(id) was cancelled", context: context)
        return WithdrawnRegistration(
            registration: try ParkDatabase.loadRegistration(db, id),
            promoted: try promotions.map { try ParkDatabase.loadRegistration(db, $0.registration) })
    }

    /// Withdraws the registrations `change` leaves the firm no place at
    /// (`EventRegistration.withdrawn(by:among:)`), each as a cancellation: its places go to the
    /// waiting list, and its reason says why.
    static func withdrawRegistrations(_ db: Database, of tenant: Int64, after change: StatusChange, context: ChangeContext) throws {
        guard !EventRegistration.mayRegister(change.to) else { return }
        let now = context.epochSeconds
        // Every registration still active: an occurrence named by an earlier day of its series
        // may have been moved past the change's day, or be in a zone behind the park's.
        let records = try EventRegistrationRecord
            .filter(EventRegistrationRecord.Columns.tenantId == tenant)
            .filter([RegistrationStatus.registered.rawValue, RegistrationStatus.waiting.rawValue].contains(EventRegistrationRecord.Columns.status))
            .order(EventRegistrationRecord.Columns.id)
            .fetchAll(db)
        var events: [Int64: StoredEvent] = [:]
        let registrations = try records.map { record in
            let registration = try record.registration
            let stored = try events[registration.eventID] ?? ParkDatabase.loadEvent(db, registration.eventID)
            events[registration.eventID] = stored
            let occurrence = try ParkDatabase.occurrence(of: stored, registration.occurrence)
            return (registration: registration, startsAt: occurrence.startsAt, eventStatus: stored.event.status(of: occurrence, at: now))
        }
        for registration in EventRegistration.withdrawn(by: change, from: change.on.start(in: context.parkZone), among: registrations) {
            _ = try ParkDatabase.cancelRegistration(
                db, registration.id!, reason: "tenant \(change.to.rawValue) on \(change.on)", now: now, context: context)
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

    /// The occurrence of `day`, or the only one of a single event when `day` is nil.
    static func occurrence(of stored: StoredEvent, _ day: CivilDate?) throws -> EventOccurrence {
        guard let day else {
            guard stored.occurrences.count == 1 else {
                throw DomainError.invalid("occurrence", "event \(stored.id) is a series of \(stored.occurrences.count) occurrences; name the day of one")
            }
            return stored.occurrences[0].occurrence
        }
        guard let found = stored.occurrences.first(where: { $0.occurrence.day == day }) else {
            throw DomainError.invalid("occurrence", "event \(stored.id) has no occurrence on \(day)")
        }
        return found.occurrence
    }

    static func storedEvent(_ db: Database, _ record: ParkEventRecord) throws -> StoredEvent {
        let event = try record.event
        let id = record.id!
        let organiserName = try event.organiser.flatMap { try String.fetchOne(db, sql: "SELECT name FROM tenant WHERE id = ?", arguments: [$0]) }
        var counts: [String: (registered: Int, waiting: Int)] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT occurrence, COALESCE(SUM(CASE WHEN status = 'registered' THEN places END), 0) AS registered,
                   COUNT(CASE WHEN status = 'waiting' THEN 1 END) AS waiting
            FROM eventRegistration WHERE eventId = ? GROUP BY occurrence
            """, arguments: [id]) {
            counts[row["occurrence"]] = (row["registered"], row["waiting"])
        }
        var outcomes: [String: RecordedOutcome] = [:]
        for outcome in try EventOutcomeRecord.filter(EventOutcomeRecord.Columns.eventId == id && EventOutcomeRecord.Columns.isCurrent == true).fetchAll(db) {
            outcomes[outcome.occurrence] = try outcome.recorded
        }
        let occurrences = try EventOccurrenceRecord.filter(EventOccurrenceRecord.Columns.eventId == id)
            .order(EventOccurrenceRecord.Columns.day).fetchAll(db).map { record in
                StoredOccurrence(
                    occurrence: try record.occurrence, registered: counts[record.day]?.registered ?? 0, waiting: counts[record.day]?.waiting ?? 0,
                    outcome: outcomes[record.day])
            }
        return StoredEvent(
            event: event, organiserName: organiserName, occurrences: occurrences, createdAt: record.createdAt, updatedAt: record.updatedAt)
    }

    /// The places of one occurrence, its registered and waiting registrations in join order.
    static func places(_ db: Database, event: ParkEvent, occurrence: CivilDate) throws -> EventPlaces {
        let active = try EventRegistrationRecord
            .filter(EventRegistrationRecord.Columns.eventId == event.id && EventRegistrationRecord.Columns.occurrence == occurrence.description)
            .filter([RegistrationStatus.registered.rawValue, RegistrationStatus.waiting.rawValue].contains(EventRegistrationRecord.Columns.status))
            .order(EventRegistrationRecord.Columns.id)
            .fetchAll(db).map { try $0.registration }
        // The waiting firms that no longer take part, in one read.
        let waitingFirms = Array(Set(active.filter { $0.status == .waiting }.map(\.tenantID)))
        let gone = Set(try TenantRecord.filter(keys: waitingFirms).fetchAll(db).filter { record in
            TenantStatus(rawValue: record.status).map { !EventRegistration.mayRegister($0) } ?? false
        }.compactMap(\.id))
        return EventPlaces(
            event: event.id ?? 0, capacity: event.capacity, perFirmLimit: event.perFirmLimit, active: active,
            notPromoted: Set(active.filter { $0.status == .waiting && gone.contains($0.tenantID) }.compactMap(\.id)))
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
                    guard let event = try ParkEventRecord.fetchOne(db, key: registration.eventID)?.event else {
                        throw StoreError.noSuchEvent(registration.eventID)
                    }
                    positions[key] = try places(db, event: event, occurrence: registration.occurrence).waitingPositions
                }
                position = positions[key]?[registration.id!]
            }
            return StoredRegistration(registration: registration, tenantName: names[registration.tenantID] ?? "", waitingPosition: position)
        }
    }
}
