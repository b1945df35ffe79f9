import Logging
import ParkControl
import ParkCore
import ParkStore

/// `io.parkd.Event`.
enum EventHandlers {
    static func register(
        in table: inout MethodTable, database: ParkDatabase, state: DaemonState, calendar: CalendarRegistry, feed: EventCalendarFeed
    ) {
        table.add(EventAPI.interface)
        let registrations = EventRegistrations(database: database, state: state)
        let zones = feed.zones

        table.register(EventAPI.create) { request, call in
            let zoneName = request.timeZone ?? state.config.timeZone
            let rules = try zones.rules(named: zoneName, field: "timeZone")
            var recurrence: EventRecurrence?
            if let frequency = request.frequency {
                let parsed = try EventRecurrence.Frequency.parse(frequency)
                guard let until = request.until else { throw DomainError.invalid("until", "a series needs its last day") }
                recurrence = EventRecurrence(
                    frequency: parsed, interval: request.interval ?? 1,
                    weekdays: try (request.weekdays ?? []).map { try EventRecurrence.weekday($0) },
                    until: try CivilDate.parseRecorded(until, field: "until"), workingDaysOnly: request.workingDaysOnly ?? false,
                    exceptions: try (request.exceptions ?? []).map { try CivilDate.parseRecorded($0, field: "exceptions") }.sorted())
            } else if request.until != nil || request.interval != nil || request.weekdays != nil || request.exceptions != nil
                        || request.workingDaysOnly != nil {
                throw DomainError.invalid("frequency", "a series needs its frequency, daily or weekly")
            }
            var event = try ParkEvent(
                kind: EventKind.parse(request.kind), title: request.title, description: request.description, timeZone: zoneName, rules: rules,
                start: LocalDateTime.parseRecorded(request.start, field: "start"), end: LocalDateTime.parseRecorded(request.end, field: "end"),
                venue: request.venue, link: request.link, organiser: try await organiser(request.organiser, database: database),
                capacity: request.capacity, perFirmLimit: request.perFirmLimit,
                registrationOpens: try request.registrationOpens.map { try LocalDateTime.parseRecorded($0, field: "registrationOpens") },
                registrationCloses: try request.registrationCloses.map { try LocalDateTime.parseRecorded($0, field: "registrationCloses") },
                recurrence: recurrence)
            let occurrences = try event.schedule(calendar: calendar.calendar, rules: rules)
            let created = try await database.createEvent(event, occurrences: occurrences, context: call.change())
            await feed.refresh()
            return EventAPI.EventReply(event: wire(created, now: state.epochSeconds))
        }

        table.register(EventAPI.list) { request, _ in
            let kind = try request.kind.map { try EventKind.parse($0) }
            let (from, to) = try window(from: request.from, to: request.to, in: state.parkZone)
            let now = state.epochSeconds
            return EventAPI.ListReply(events: try await database.events(kind: kind, from: from, to: to).map { stored in
                var inPeriod = stored
                inPeriod.occurrences.removeAll { $0.occurrence.endsAt <= (from ?? .min) || $0.occurrence.startsAt >= (to ?? .max) }
                return wire(inPeriod, now: now)
            }, timeZone: state.config.timeZone)
        }

        table.register(EventAPI.get) { request, _ in
            EventAPI.EventReply(event: wire(try await database.event(request.event), now: state.epochSeconds))
        }

        table.register(EventAPI.update) { request, call in
            var change = EventChange()
            change.kind = try request.kind.map { try EventKind.parse($0) }
            change.title = request.title
            change.description = request.description
            change.timeZone = request.timeZone
            change.start = try request.start.map { try LocalDateTime.parseRecorded($0, field: "start") }
            change.end = try request.end.map { try LocalDateTime.parseRecorded($0, field: "end") }
            change.venue = request.venue
            change.link = request.link
            if let organiser = request.organiser {
                change.organiser = EventChange.Organiser(tenant: try await self.organiser(organiser.isEmpty ? nil : organiser, database: database))
            }
            change.capacity = request.capacity
            change.perFirmLimit = request.perFirmLimit.map { EventChange.Limit($0 == 0 ? nil : $0) }
            change.registrationOpens = try request.registrationOpens.map { text in
                EventChange.Time(text.isEmpty ? nil : try LocalDateTime.parseRecorded(text, field: "registrationOpens"))
            }
            change.registrationCloses = try request.registrationCloses.map { text in
                EventChange.Time(text.isEmpty ? nil : try LocalDateTime.parseRecorded(text, field: "registrationCloses"))
            }
            change.exceptions = try (request.exceptions ?? []).map { try CivilDate.parseRecorded($0, field: "exceptions") }
            if let day = request.occurrence {
                change.occurrence = OccurrenceChange(
                    day: try CivilDate.parse(day, field: "occurrence"),
                    start: try request.occurrenceStart.map { try LocalDateTime.parseRecorded($0, field: "occurrenceStart") },
                    end: try request.occurrenceEnd.map { try LocalDateTime.parseRecorded($0, field: "occurrenceEnd") }, title: request.occurrenceTitle)
            } else if request.occurrenceStart != nil || request.occurrenceEnd != nil || request.occurrenceTitle != nil {
                throw DomainError.invalid("occurrence", "name the day of the occurrence to move or retitle")
            }
            let updated = try await database.updateEvent(
                request.event, change: change, zoneRules: { name in try zones.rules(named: name, field: "timeZone") }, calendar: calendar.calendar,
                now: state.epochSeconds, context: call.change())
            await feed.refresh()
            return EventAPI.EventReply(event: wire(updated, now: state.epochSeconds))
        }

        table.register(EventAPI.cancel) { request, call in
            let cancelled = try await database.cancelEvent(request.event, reason: request.reason, now: state.epochSeconds, context: call.change())
            await feed.refresh()
            return EventAPI.EventReply(event: wire(cancelled, now: state.epochSeconds))
        }

        table.register(EventAPI.register) { request, call in
            let registration = try await registrations.register(
                event: request.event, occurrence: try request.occurrence.map { try CivilDate.parse($0, field: "occurrence") }, tenant: TenantReference(request.tenant), places: request.places, positions: request.positions ?? 0,
                roles: request.roles ?? [], context: call.change())
            return EventAPI.RegisterReply(registration: wire(registration))
        }

        table.register(EventAPI.cancelRegistration) { request, call in
            let withdrawn = try await registrations.cancel(request.registration, reason: request.reason, context: call.change())
            return EventAPI.CancelRegistrationReply(registration: wire(withdrawn.registration), promoted: withdrawn.promoted.map(wire))
        }

        table.register(EventAPI.recordOutcome) { request, call in
            var figures: [String: Int] = [:]
            for (field, value) in [
                ("employers", request.employers), ("positions", request.positions), ("jobSeekers", request.jobSeekers),
                ("attendees", request.attendees), ("talks", request.talks), ("exhibitors", request.exhibitors),
            ] {
                if let value { figures[field] = value }
            }
            let recorded = try await database.recordOutcome(
                event: request.event, occurrence: try request.occurrence.map { try CivilDate.parse($0, field: "occurrence") },
                figures: SubmittedOutcome(figures: figures), reason: request.reason, now: state.epochSeconds,
                context: call.change())
            return EventAPI.RecordOutcomeReply(outcome: wire(recorded.outcome), changes: recorded.changes)
        }

        table.register(EventAPI.outcomeHistory) { request, _ in
            let occurrence = try request.occurrence.map { try CivilDate.parse($0, field: "occurrence") }
            return EventAPI.OutcomeHistoryReply(outcomes: try await database.outcomeHistory(event: request.event, occurrence: occurrence).map(wire))
        }

        table.register(EventAPI.export, runs: .offEventLoop) { request, _ in
            let (from, to) = try window(from: request.from, to: request.to, in: state.parkZone)
            return EventAPI.ExportReply(ics: try await feed.calendar(from: from, to: to))
        }

        table.register(EventAPI.listRegistrations) { request, _ in
            EventAPI.ListRegistrationsReply(registrations: try await database.registrations(event: request.event).map(wire))
        }
    }

    /// A co-organiser named by id or credit code, as the tenant's id (the store checks that it
    /// may organise the event, `EventRegistration.checkOrganiser`).
    static func organiser(_ text: String?, database: ParkDatabase) async throws -> Int64? {
        guard let text else { return nil }
        return try await database.tenant(TenantReference(text)).id
    }

    /// The instants from the start of day `from` to the end of day `to`, in the park's zone;
    /// either may be absent. A `from` after `to` is refused, naming it.
    static func window(from: String?, to: String?, in park: some TimeZoneRules) throws -> (from: Int64?, to: Int64?) {
        let first = try from.map { try CivilDate.parse($0, field: "from") }
        let last = try to.map { try CivilDate.parse($0, field: "to") }
        try DomainError.checkOrder(from: first, to: last)
        return (first.map { $0.start(in: park) }, last.map { $0.adding(days: 1).start(in: park) })
    }

    static func wire(_ stored: StoredEvent, now: Int64) -> EventAPI.Event {
        let event = stored.event
        return EventAPI.Event(
            id: stored.id, kind: event.kind.rawValue, title: event.title, description: event.description, timeZone: event.timeZone,
            start: event.start.description, end: event.end.description, status: event.status(at: now).rawValue, venue: event.venue,
            link: event.link, organiser: event.organiser, organiserName: stored.organiserName, capacity: event.capacity,
            perFirmLimit: event.perFirmLimit, registrationOpens: event.registrationOpens?.description,
            registrationCloses: event.registrationCloses?.description, registered: stored.registered, waiting: stored.waiting,
            cancelledAt: event.cancellation?.at, cancelReason: event.cancellation?.reason, sequence: event.sequence,
            recurrence: event.recurrence.map { rule in
                EventAPI.Recurrence(
                    frequency: rule.frequency.rawValue, interval: rule.interval, weekdays: rule.weekdays.map { $0.description.lowercased() },
                    until: rule.until.description, workingDaysOnly: rule.workingDaysOnly, exceptions: rule.exceptions.map(\.description))
            },
            occurrences: stored.occurrences.map { stored in
                let occurrence = stored.occurrence
                return EventAPI.Occurrence(
                    day: occurrence.day.description, start: occurrence.start.description, end: occurrence.end.description,
                    startsAt: Instant.rfc3339(millisecondsSinceEpoch: occurrence.startsAt * 1000), title: occurrence.title,
                    status: event.status(of: occurrence, at: now).rawValue, changed: occurrence.isChanged, registered: stored.registered,
                    waiting: stored.waiting, outcome: stored.outcome.map(wire))
            },
            createdAt: stored.createdAt, updatedAt: stored.updatedAt)
    }

    static func wire(_ stored: StoredRegistration) -> EventAPI.Registration {
        let registration = stored.registration
        return EventAPI.Registration(
            id: stored.id, event: registration.eventID, occurrence: registration.occurrence.description, tenant: registration.tenantID,
            tenantName: stored.tenantName, places: registration.places, positions: registration.positions, roles: registration.roles,
            status: registration.status.rawValue, waitingPosition: stored.waitingPosition, joinedAt: registration.joinedAt,
            promotedAt: registration.promotedAt, promotion: registration.promotion, cancelledAt: registration.cancelledAt,
            cancelReason: registration.cancelReason)
    }

    static func wire(_ recorded: RecordedOutcome) -> EventAPI.Outcome {
        let outcome = recorded.outcome
        return EventAPI.Outcome(
            occurrence: recorded.occurrence.description, version: recorded.version, employers: outcome.employers,
            positions: outcome.positions, jobSeekers: outcome.jobSeekers, attendees: outcome.attendees, talks: outcome.talks,
            exhibitors: outcome.exhibitors, reason: recorded.reason, recordedAt: recorded.recordedAt, recordedBy: recorded.recordedBy)
    }

    /// The declared error of a refusal about an event.
    static func declared(_ error: EventRefused) -> any DeclaredError {
        switch error {
        case .held(let event, let ended): EventAPI.EventHeld(event: event, ended: ended)
        case .cancelled(let event): EventAPI.EventCancelled(event: event)
        case .registrationNotOpen(let event, let status, let opens, let closes):
            EventAPI.RegistrationNotOpen(event: event, status: status.rawValue, opens: opens, closes: closes)
        case .firmLimit(let event, let tenant, let limit, let held, let asked):
            EventAPI.FirmLimitReached(event: event, tenant: tenant, limit: limit, held: held, asked: asked)
        }
    }
}
