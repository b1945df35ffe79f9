import MemberwiseInit

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
    /// How it repeats; nil for a single event.
    public var recurrence: EventRecurrence?
    /// When its last occurrence ends (`endsAt` for a single event): held from then on.
    public var lastEndsAt: Int64

    @MemberwiseInit
    public struct Cancellation: Equatable, Sendable {
        /// RFC 3339 instant.
        public var at: String
        public var reason: String
    }

    /// The largest capacity and per-firm limit an event may have.
    public static let capacityLimit = 100_000

    /// A new event, checked, its times resolved in `rules` (the rules of `timeZone`).
    public init(
        kind: EventKind, title: String, description: String?, timeZone: String, rules: some TimeZoneRules,
        start: LocalDateTime, end: LocalDateTime, venue: String?, link: String?, organiser: Int64?, capacity: Int, perFirmLimit: Int?,
        registrationOpens: LocalDateTime?, registrationCloses: LocalDateTime?, recurrence: EventRecurrence? = nil
    ) throws(DomainError) {
        self.id = nil
        self.kind = kind
        self.title = try FieldText.text(title, field: "title", maxLength: 200)
        self.description = try FieldText.optionalParagraphs(description, field: "description", maxLength: 4000)
        self.timeZone = timeZone
        self.start = start
        self.end = end
        self.startsAt = 0
        self.endsAt = 0
        self.venue = try FieldText.optionalText(venue, field: "venue", maxLength: 200)
        self.link = try FieldText.optionalText(link, field: "link", maxLength: 500)
        self.organiser = organiser
        self.capacity = capacity
        self.perFirmLimit = perFirmLimit
        self.registrationOpens = registrationOpens
        self.registrationCloses = registrationCloses
        self.cancellation = nil
        self.sequence = 0
        self.recurrence = recurrence
        self.lastEndsAt = 0
        try resolveTimes(rules)
        try check()
    }

    /// Restores an event as stored.
    public init(
        id: Int64, kind: EventKind, title: String, description: String?, timeZone: String, start: LocalDateTime, end: LocalDateTime,
        startsAt: Int64, endsAt: Int64, venue: String?, link: String?, organiser: Int64?, capacity: Int, perFirmLimit: Int?,
        registrationOpens: LocalDateTime?, registrationCloses: LocalDateTime?, registrationOpensAt: Int64?, registrationClosesAt: Int64?,
        cancellation: Cancellation?, sequence: Int, recurrence: EventRecurrence? = nil, lastEndsAt: Int64? = nil
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
        self.recurrence = recurrence
        self.lastEndsAt = lastEndsAt ?? endsAt
    }

    /// When it was cancelled, in seconds since the epoch; nil when it was not.
    var cancelledAt: Int64? { cancellation.map { Self.seconds(cancelledAt: $0.at) } }

    /// The second of a cancellation's instant; a time that cannot be read counts as coming
    /// before anything ended.
    private static func seconds(cancelledAt instant: String) -> Int64 {
        Instant.millisecondsSinceEpoch(instant).map { $0 >= 0 ? $0 / 1_000 : ($0 - 999) / 1_000 } ?? .min
    }

    /// Whether its cancellation called the whole event off: it came before the event ended. A
    /// series cancelled after some of its occurrences were held ended with the last of them
    /// (`lastEndsAt`), and is held; only its occurrences still to come are cancelled.
    public var isCalledOff: Bool { Self.isCalledOff(cancelledAt: cancellation?.at, lastEndsAt: lastEndsAt) }

    /// `isCalledOff` from the columns that hold it: the cancellation's instant (nil when none)
    /// and when the event's last occurrence ends (the last held, for a series cancelled on its way).
    public static func isCalledOff(cancelledAt instant: String?, lastEndsAt: Int64) -> Bool {
        instant.map { lastEndsAt > seconds(cancelledAt: $0) } ?? false
    }

    /// Whether `occurrence` was called off: the event was cancelled before it ended.
    public func isCalledOff(_ occurrence: EventOccurrence) -> Bool {
        cancelledAt.map { occurrence.endsAt > $0 } ?? false
    }

    /// Where the event stands at `now` (seconds since the epoch).
    public func status(at now: Int64) -> EventStatus {
        if isCalledOff { return .cancelled }
        if now >= lastEndsAt { return .held }
        if recurrence == nil && now >= startsAt || registrationClosesAt.map({ now >= $0 }) == true { return .closed }
        if let opens = registrationOpensAt, now < opens { return .planned }
        return .open
    }

    /// Where one of its occurrences stands at `now`: held once it has ended, closed once it
    /// has started (or registration closed), as the event's status otherwise.
    public func status(of occurrence: EventOccurrence, at now: Int64) -> EventStatus {
        if isCalledOff(occurrence) { return .cancelled }
        if now >= occurrence.endsAt { return .held }
        if now >= occurrence.startsAt || registrationClosesAt.map({ now >= $0 }) == true { return .closed }
        if let opens = registrationOpensAt, now < opens { return .planned }
        return .open
    }

    /// Its occurrences with `lastEndsAt` set from them, and its exceptions each once, in order:
    /// what the store writes on every change.
    public mutating func schedule(calendar: WorkingDayCalendar, rules: some TimeZoneRules) throws(DomainError) -> [EventOccurrence] {
        if let exceptions = recurrence?.exceptions { recurrence?.exceptions = Array(Set(exceptions)).sorted() }
        let occurrences = try occurrences(calendar: calendar, rules: rules)
        lastEndsAt = occurrences.map(\.endsAt).max() ?? endsAt
        return occurrences
    }

    /// Refuses any change to a held or cancelled event.
    public func checkChangeable(at now: Int64) throws(EventRefused) {
        switch status(at: now) {
        case .held: throw .held(event: id ?? 0, ended: "\(end) \(timeZone)")
        case .cancelled: throw .cancelled(event: id ?? 0)
        case .planned, .open, .closed: break
        }
    }

    /// Applies `change` at `now` and lays the occurrences out again with `calendar`: refused for
    /// a held or cancelled event, or when the result breaks a rule (`registered`: places held by
    /// registrations, which the capacity must keep). SEQUENCE is raised when something a calendar
    /// shows changed. A series' held occurrences stay as they were (`keepingHeld`): `standing`
    /// are its occurrences as stored (nil: as the event gives them in `rules`' zone).
    public func changed(
        by change: EventChange, rules: some TimeZoneRules, calendar: WorkingDayCalendar, registered: Int,
        standing: [EventOccurrence]? = nil, at now: Int64
    ) throws -> (event: ParkEvent, occurrences: [EventOccurrence]) {
        try checkChangeable(at: now)
        var event = self
        if let kind = change.kind { event.kind = kind }
        if let title = change.title { event.title = try FieldText.text(title, field: "title", maxLength: 200) }
        if let description = change.description { event.description = try FieldText.optionalParagraphs(description, field: "description", maxLength: 4000) }
        if let venue = change.venue { event.venue = try FieldText.optionalText(venue, field: "venue", maxLength: 200) }
        if let link = change.link { event.link = try FieldText.optionalText(link, field: "link", maxLength: 500) }
        if let organiser = change.organiser { event.organiser = organiser.tenant }
        if let capacity = change.capacity { event.capacity = capacity }
        if let limit = change.perFirmLimit { event.perFirmLimit = limit.value }
        if let zone = change.timeZone { event.timeZone = zone }
        if let start = change.start { event.start = start }
        if let end = change.end { event.end = end }
        if let opens = change.registrationOpens { event.registrationOpens = opens.time }
        if let closes = change.registrationCloses { event.registrationCloses = closes.time }
        if !change.exceptions.isEmpty || change.occurrence != nil {
            guard var recurrence = event.recurrence else {
                throw DomainError.invalid("occurrence", "event \(id ?? 0) is a single event; only a series has occurrences to take out or move")
            }
            for day in change.exceptions where !recurrence.exceptions.contains(day) {
                recurrence.exceptions.append(day)
                recurrence.changes.removeAll { $0.day == day }
            }
            recurrence.exceptions.sort()
            if let occurrence = change.occurrence {
                try event.checkExist([("occurrenceStart", occurrence.start), ("occurrenceEnd", occurrence.end)], rules)
                var merged = recurrence.changes.first { $0.day == occurrence.day } ?? OccurrenceChange(day: occurrence.day)
                if let start = occurrence.start { merged.start = start }
                if let end = occurrence.end { merged.end = end }
                if let title = occurrence.title { merged.title = try FieldText.text(title, field: "title", maxLength: 200) }
                recurrence.changes.removeAll { $0.day == occurrence.day }
                recurrence.changes.append(merged)
                recurrence.changes.sort { $0.day < $1.day }
            }
            event.recurrence = recurrence
        }
        try event.resolveTimes(rules)
        // A single event moved wholly into the past would be held at once, and could not be
        // changed back: a mistyped date is refused instead.
        if event.recurrence == nil, event.endsAt <= now {
            throw DomainError.invalid("end", "\(event.end) \(event.timeZone) has passed: the event would be held at once, and a held event cannot change")
        }
        try event.check()
        let held = event.recurrence == nil ? [] : try (standing ?? self.occurrences(calendar: calendar, rules: rules)).filter { $0.endsAt <= now }
        if let recurrence = event.recurrence {
            // A held day the series no longer gives (its start moved past it) is named as such,
            // before its kept times could be read as a change of a day the series does not give.
            let days = Set(recurrence.ruleDays(from: event.start.date))
            if let gone = held.first(where: { !days.contains($0.day) }) { throw Self.heldOccurrenceLeaves(gone, change: change, zone: timeZone) }
        }
        var occurrences = try event.schedule(calendar: calendar, rules: rules)
        if !held.isEmpty {
            occurrences = try event.keepingHeld(held, heldIn: timeZone, of: change, in: occurrences, calendar: calendar, rules: rules)
        }
        // So would a series whose times moved until its last occurrence has ended (taking out
        // the days still to come is not refused: the series then ends with its last one held).
        if event.recurrence != nil, event.lastEndsAt <= now, change.movesTimes, let last = occurrences.max(by: { $0.endsAt < $1.endsAt }) {
            throw DomainError.invalid(
                change.start == nil && change.end == nil && change.timeZone == nil ? "occurrence" : "end",
                "the series' last occurrence would end \(last.end) \(event.timeZone), which has passed: the series would be held at once, and a held event cannot change")
        }
        guard event.capacity >= registered else {
            throw DomainError.invalid("capacity", "a capacity of \(event.capacity) is fewer than the \(registered) places registrations already hold")
        }
        if event.isMaterially(differentFrom: self) { event.sequence = sequence + 1 }
        return (event, occurrences)
    }

    /// A series' occurrences after a change, with those that were held (ended by `now`, in the
    /// zone `heldIn`) as they were: an occurrence the change moved or retitled keeps its times and
    /// title, as a change of that day; one the change takes out of the series, or moves in time
    /// whatever it keeps (another zone, alone or with other changes), refuses the change. What a
    /// held occurrence was is what its outcome and its registrations are about.
    private mutating func keepingHeld(
        _ held: [EventOccurrence], heldIn zone: String, of change: EventChange, in after: [EventOccurrence], calendar: WorkingDayCalendar,
        rules: some TimeZoneRules
    ) throws(DomainError) -> [EventOccurrence] {
        var pinned = false
        for occurrence in held {
            guard let changed = after.first(where: { $0.day == occurrence.day }) else {
                throw Self.heldOccurrenceLeaves(occurrence, change: change, zone: timeZone)
            }
            guard changed.start != occurrence.start || changed.end != occurrence.end || changed.title != occurrence.title else { continue }
            var kept = recurrence?.changes.first { $0.day == occurrence.day } ?? OccurrenceChange(day: occurrence.day)
            kept.start = occurrence.start
            kept.end = occurrence.end
            kept.title = occurrence.title == title ? nil : occurrence.title
            recurrence?.changes.removeAll { $0.day == occurrence.day }
            recurrence?.changes.append(kept)
            pinned = true
        }
        var laidOut = after
        if pinned {
            recurrence?.changes.sort { $0.day < $1.day }
            laidOut = try schedule(calendar: calendar, rules: rules)
        }
        for occurrence in held {
            guard let kept = laidOut.first(where: { $0.day == occurrence.day }),
                  kept.startsAt == occurrence.startsAt, kept.endsAt == occurrence.endsAt else {
                throw .invalid(
                    change.timeZone != nil ? "timeZone" : "start",
                    "the occurrence of \(occurrence.day) was held (it ended \(occurrence.end) \(zone)): a held occurrence keeps its times, so the series keeps its zone")
            }
        }
        return laidOut
    }

    /// The refusal of a change that would take a held occurrence out of its series, naming
    /// what the change gave (a start moved past it, or a day taken out).
    private static func heldOccurrenceLeaves(_ occurrence: EventOccurrence, change: EventChange, zone: String) -> DomainError {
        .invalid(
            change.start != nil || change.end != nil ? "start" : "exceptions",
            "the occurrence of \(occurrence.day) was held (it ended \(occurrence.end) \(zone)) and would leave the series: a held occurrence stays as it was")
    }

    /// Cancels the event at `now` (an RFC 3339 instant `at`); refused when it was held or is
    /// cancelled. A series some of whose `occurrences` have ended ends with the last of them:
    /// those stay held, with their outcomes, and the ones still to come are cancelled.
    public func cancelled(reason: String, at instant: String, now: Int64, occurrences: [EventOccurrence]) throws -> ParkEvent {
        try checkChangeable(at: now)
        var event = self
        event.cancellation = Cancellation(at: instant, reason: try FieldText.text(reason, field: "reason", maxLength: 500))
        event.sequence = sequence + 1
        if let lastHeld = occurrences.map(\.endsAt).filter({ $0 <= now }).max() { event.lastEndsAt = lastHeld }
        return event
    }

    /// What a calendar application shows of the event differs.
    func isMaterially(differentFrom other: ParkEvent) -> Bool {
        kind != other.kind || title != other.title || description != other.description || venue != other.venue || link != other.link
            || timeZone != other.timeZone || start != other.start || end != other.end || cancellation != other.cancellation
            || recurrence != other.recurrence
    }

    mutating func resolveTimes(_ rules: some TimeZoneRules) throws(DomainError) {
        try checkExist([("start", start), ("end", end), ("registrationOpens", registrationOpens), ("registrationCloses", registrationCloses)], rules)
        startsAt = start.instant(in: rules)
        endsAt = end.instant(in: rules)
        if recurrence == nil { lastEndsAt = endsAt }
        registrationOpensAt = registrationOpens.map { $0.instant(in: rules) }
        registrationClosesAt = registrationCloses.map { $0.instant(in: rules) }
    }

    /// Refuses, naming its field, a time the event's zone skips when its clocks go forward.
    func checkExist(_ times: [(field: String, time: LocalDateTime?)], _ rules: some TimeZoneRules) throws(DomainError) {
        for (field, time) in times {
            if let time, !time.exists(in: rules) {
                throw .invalid(field, "\(time) does not exist in \(timeZone): the clocks skip it when they go forward")
            }
        }
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
    /// Days of a series to take out.
    public var exceptions: [CivilDate] = []
    /// One occurrence of a series moved or retitled.
    public var occurrence: OccurrenceChange?

    public init() {}

    /// It moves the event's times, or one occurrence's.
    var movesTimes: Bool {
        start != nil || end != nil || timeZone != nil || occurrence?.start != nil || occurrence?.end != nil
    }
}
