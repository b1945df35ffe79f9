/// An event the park holds: a job fair, a briefing, a forum…, with its places and who may
/// register for them.
public struct ParkEvent: Equatable, Sendable {
    public var id: Int64?
    public var kind: EventKind
    public var title: String
    public var description: String?
    /// The zone its times are given in (`Asia/Shanghai`).
    public var timeZone: String
    public var start: LocalDateTime
    public var end: LocalDateTime
    /// `start` and `end` as instants (seconds since the epoch), resolved in `timeZone`.
    public var startsAt: Int64
    public var endsAt: Int64
    /// Where it takes place, for an event on site.
    public var venue: String?
    /// Where to join, for an event online.
    public var link: String?
    /// The tenant that organised it with the park; nil when the park organised it alone.
    public var organiser: Int64?
    /// Places (booths or seats) to register for.
    public var capacity: Int
    /// The most places one firm may hold; nil for no limit but the capacity.
    public var perFirmLimit: Int?
    public var registrationOpens: LocalDateTime?
    public var registrationCloses: LocalDateTime?
    public var registrationOpensAt: Int64?
    public var registrationClosesAt: Int64?
    /// Set when it was cancelled.
    public var cancellation: Cancellation?
    /// Raised on every change a calendar shows (times, place, title, status): iCalendar's SEQUENCE.
    public var sequence: Int

    public struct Cancellation: Equatable, Sendable {
        /// RFC 3339 instant.
        public var at: String
        public var reason: String

        public init(at: String, reason: String) {
            self.at = at
            self.reason = reason
        }
    }

    /// The largest capacity and per-firm limit an event may have.
    public static let capacityLimit = 100_000

    /// A new event, checked, its times resolved in `rules` (the rules of `timeZone`).
    public init(
        kind: EventKind, title: String, description: String?, timeZone: String, rules: some TimeZoneRules,
        start: LocalDateTime, end: LocalDateTime, venue: String?, link: String?, organiser: Int64?, capacity: Int, perFirmLimit: Int?,
        registrationOpens: LocalDateTime?, registrationCloses: LocalDateTime?
    ) throws(DomainError) {
        self.id = nil
        self.kind = kind
        self.title = try TenantField.text(title, field: "title", maxLength: 200)
        self.description = try Self.descriptionText(description)
        self.timeZone = timeZone
        self.start = start
        self.end = end
        self.startsAt = 0
        self.endsAt = 0
        self.venue = try TenantField.optionalText(venue, field: "venue", maxLength: 200)
        self.link = try TenantField.optionalText(link, field: "link", maxLength: 500)
        self.organiser = organiser
        self.capacity = capacity
        self.perFirmLimit = perFirmLimit
        self.registrationOpens = registrationOpens
        self.registrationCloses = registrationCloses
        self.cancellation = nil
        self.sequence = 0
        try resolveTimes(rules)
        try check()
    }

    /// Restores an event as stored.
    public init(
        id: Int64, kind: EventKind, title: String, description: String?, timeZone: String, start: LocalDateTime, end: LocalDateTime,
        startsAt: Int64, endsAt: Int64, venue: String?, link: String?, organiser: Int64?, capacity: Int, perFirmLimit: Int?,
        registrationOpens: LocalDateTime?, registrationCloses: LocalDateTime?, registrationOpensAt: Int64?, registrationClosesAt: Int64?,
        cancellation: Cancellation?, sequence: Int
    ) {
        self.id = id
        self.kind = kind
        self.title = title
        self.description = description
        self.timeZone = timeZone
        self.start = start
        self.end = end
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.venue = venue
        self.link = link
        self.organiser = organiser
        self.capacity = capacity
        self.perFirmLimit = perFirmLimit
        self.registrationOpens = registrationOpens
        self.registrationCloses = registrationCloses
        self.registrationOpensAt = registrationOpensAt
        self.registrationClosesAt = registrationClosesAt
        self.cancellation = cancellation
        self.sequence = sequence
    }

    /// Where the event stands at `now` (seconds since the epoch).
    public func status(at now: Int64) -> EventStatus {
        if cancellation != nil { return .cancelled }
        if now >= endsAt { return .held }
        if now >= startsAt || registrationClosesAt.map({ now >= $0 }) == true { return .closed }
        if let opens = registrationOpensAt, now < opens { return .planned }
        return .open
    }

    /// Refuses any change to a held or cancelled event.
    public func checkChangeable(at now: Int64) throws(EventRefused) {
        switch status(at: now) {
        case .held: throw .held(event: id ?? 0, ended: "\(end) \(timeZone)")
        case .cancelled: throw .cancelled(event: id ?? 0)
        case .planned, .open, .closed: break
        }
    }

    /// Applies `change` at `now`: refused for a held or cancelled event, or when the result
    /// breaks a rule (`registered`: places held by registrations, which the capacity must keep).
    /// SEQUENCE is raised when something a calendar shows changed.
    public func changed(
        by change: EventChange, rules: some TimeZoneRules, registered: Int, at now: Int64
    ) throws -> ParkEvent {
        try checkChangeable(at: now)
        var event = self
        if let kind = change.kind { event.kind = kind }
        if let title = change.title { event.title = try TenantField.text(title, field: "title", maxLength: 200) }
        if let description = change.description { event.description = try Self.descriptionText(description) }
        if let venue = change.venue { event.venue = try TenantField.optionalText(venue, field: "venue", maxLength: 200) }
        if let link = change.link { event.link = try TenantField.optionalText(link, field: "link", maxLength: 500) }
        if let organiser = change.organiser { event.organiser = organiser.tenant }
        if let capacity = change.capacity { event.capacity = capacity }
        if let limit = change.perFirmLimit { event.perFirmLimit = limit.value }
        if let zone = change.timeZone { event.timeZone = zone }
        if let start = change.start { event.start = start }
        if let end = change.end { event.end = end }
        if let opens = change.registrationOpens { event.registrationOpens = opens.time }
        if let closes = change.registrationCloses { event.registrationCloses = closes.time }
        try event.resolveTimes(rules)
        try event.check()
        guard event.capacity >= registered else {
            throw DomainError.invalid("capacity", "\(event.capacity) places is fewer than the \(registered) registrations hold")
        }
        if event.isMaterially(differentFrom: self) { event.sequence = sequence + 1 }
        return event
    }

    /// Cancels the event at `now` (an RFC 3339 instant `at`); refused when it was held or is cancelled.
    public func cancelled(reason: String, at instant: String, now: Int64) throws -> ParkEvent {
        try checkChangeable(at: now)
        var event = self
        event.cancellation = Cancellation(at: instant, reason: try TenantField.text(reason, field: "reason", maxLength: 500))
        event.sequence = sequence + 1
        return event
    }

    /// What a calendar application shows of the event differs.
    func isMaterially(differentFrom other: ParkEvent) -> Bool {
        title != other.title || description != other.description || venue != other.venue || link != other.link
            || timeZone != other.timeZone || start != other.start || end != other.end || cancellation != other.cancellation
    }

    mutating func resolveTimes(_ rules: some TimeZoneRules) throws(DomainError) {
        startsAt = start.instant(in: rules)
        endsAt = end.instant(in: rules)
        registrationOpensAt = registrationOpens.map { $0.instant(in: rules) }
        registrationClosesAt = registrationCloses.map { $0.instant(in: rules) }
    }

    func check() throws(DomainError) {
        guard endsAt > startsAt else { throw .invalid("end", "\(end) is not after the start, \(start)") }
        guard (0...Self.capacityLimit).contains(capacity) else {
            throw .invalid("capacity", "\(capacity) is not a number of places from 0 to \(Self.capacityLimit)")
        }
        if let limit = perFirmLimit, !(1...Self.capacityLimit).contains(limit) {
            throw .invalid("perFirmLimit", "\(limit) is not a number of places from 1 to \(Self.capacityLimit)")
        }
        if let opens = registrationOpensAt, let closes = registrationClosesAt, closes <= opens {
            throw .invalid("registrationCloses", "\(registrationCloses!) is not after registration opens, \(registrationOpens!)")
        }
        if let closes = registrationClosesAt, closes > endsAt {
            throw .invalid("registrationCloses", "\(registrationCloses!) is after the event ends, \(end)")
        }
        if let opens = registrationOpensAt, opens >= endsAt {
            throw .invalid("registrationOpens", "\(registrationOpens!) is not before the event ends, \(end)")
        }
    }

    static func descriptionText(_ text: String?) throws(DomainError) -> String? {
        guard let text, !text.trimmingWhitespace().isEmpty else { return nil }
        let trimmed = text.trimmingWhitespace()
        guard trimmed.count <= 4000 else { throw .invalid("description", "is \(trimmed.count) characters long; at most 4000 are allowed") }
        guard !trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control && $0 != "\n" }) else {
            throw .invalid("description", "contains a control character other than a line break")
        }
        return trimmed
    }
}

/// Changes to an event: nil leaves a field alone.
public struct EventChange: Sendable {
    /// A new organiser: a tenant, or the park alone (`tenant` nil).
    public struct Organiser: Sendable { public var tenant: Int64?; public init(tenant: Int64?) { self.tenant = tenant } }
    public struct Limit: Sendable { public var value: Int?; public init(_ value: Int?) { self.value = value } }
    public struct Time: Sendable { public var time: LocalDateTime?; public init(_ time: LocalDateTime?) { self.time = time } }

    public var kind: EventKind?
    public var title: String?
    /// Empty to clear.
    public var description: String?
    public var timeZone: String?
    public var start: LocalDateTime?
    public var end: LocalDateTime?
    /// Empty to clear.
    public var venue: String?
    /// Empty to clear.
    public var link: String?
    public var organiser: Organiser?
    public var capacity: Int?
    public var perFirmLimit: Limit?
    public var registrationOpens: Time?
    public var registrationCloses: Time?

    public init() {}

}
