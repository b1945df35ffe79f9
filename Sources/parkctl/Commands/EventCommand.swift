import ArgumentParser
import ParkControl

struct EventCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "event",
        abstract: "The park's events: job fairs, briefings, forums…, and tenants' registrations with a waiting list.",
        subcommands: [
            Add.self, List.self, Show.self, Set.self, Cancel.self, Register.self, CancelRegistration.self, Registrations.self, Outcome.self, Export.self,
        ])

    /// The occurrences of `events` in order of their start, whichever event and zone they are
    /// of; the times of an event in a zone other than the park's (`parkZone`) name its zone.
    static func table(_ events: [EventAPI.Event], parkZone: String) -> String {
        var table = Table(columns: [
            .init(title: "ID", alignment: .right), .init(title: "KIND"), .init(title: "START"), .init(title: "END"), .init(title: "STATUS"),
            .init(title: "PLACES", alignment: .right), .init(title: "WAITING", alignment: .right), .init(title: "TITLE"),
        ])
        // One line per occurrence, in order of their start whichever event they belong to.
        let rows = events.flatMap { event in event.occurrences.map { (event, $0) } }
            .sorted { ($0.1.startsAt, $0.0.id) < ($1.1.startsAt, $1.0.id) }
        for (event, occurrence) in rows {
            let zone = event.timeZone == parkZone ? "" : " " + event.timeZone
            table.add([
                String(event.id), event.kind, occurrence.start.replacingOccurrences(of: "T", with: " ") + zone,
                endText(start: occurrence.start, end: occurrence.end) + zone, occurrence.status, "\(occurrence.registered)/\(event.capacity)",
                String(occurrence.waiting), occurrence.title,
            ])
        }
        return table.render(orIfEmpty: "no events")
    }

    /// The end's time alone when it is on the start's day.
    static func endText(start: String, end: String) -> String {
        end.prefix(10) == start.prefix(10) ? String(end.suffix(5)) : end.replacingOccurrences(of: "T", with: " ")
    }

    /// `weekly on monday, wednesday until 2021-06-30, working days only; except 2021-05-05`.
    static func describe(_ rule: EventAPI.Recurrence) -> String {
        var text = rule.interval == 1 ? rule.frequency : "every \(rule.interval) \(rule.frequency == "daily" ? "days" : "weeks")"
        if !rule.weekdays.isEmpty { text += " on " + rule.weekdays.joined(separator: ", ") }
        text += " until \(rule.until)"
        if rule.workingDaysOnly { text += ", working days only" }
        if !rule.exceptions.isEmpty { text += "; except " + rule.exceptions.joined(separator: ", ") }
        return text
    }

    static func render(_ event: EventAPI.Event) -> String {
        var fields = Fields()
        fields.add("Event", "\(event.id) \(event.title)")
        fields.add("Kind", event.kind)
        fields.add("Status", event.status + (event.cancelReason.map { " (\($0))" } ?? ""))
        fields.add("When", "\(event.start.replacingOccurrences(of: "T", with: " ")) to \(endText(start: event.start, end: event.end)) \(event.timeZone)")
        if let rule = event.recurrence {
            fields.add("Repeats", describe(rule) + " (\(event.occurrences.count) occurrences)")
        }
        fields.add("Venue", event.venue)
        fields.add("Link", event.link)
        fields.add("Organiser", event.organiser.map { "park with tenant \($0) \(event.organiserName ?? "")" } ?? "park")
        fields.add("Places", "\(event.registered) of \(event.capacity) registered, \(event.waiting) waiting"
            + (event.perFirmLimit.map { "; at most \($0) per firm" } ?? ""))
        fields.add("Registration", "opens \(event.registrationOpens.map { $0.replacingOccurrences(of: "T", with: " ") } ?? "on creation"), closes "
            + (event.registrationCloses.map { $0.replacingOccurrences(of: "T", with: " ") } ?? "at the start"))
        fields.add("Description", event.description)
        if event.recurrence == nil {
            fields.add("Outcome", event.occurrences.first?.outcome.map(describe))
            return fields.render()
        }
        var table = Table(columns: [
            .init(title: "DAY"), .init(title: "START"), .init(title: "END"), .init(title: "STATUS"), .init(title: "PLACES", alignment: .right),
            .init(title: "WAITING", alignment: .right), .init(title: "TITLE"), .init(title: "OUTCOME"),
        ])
        for occurrence in event.occurrences {
            table.add([
                occurrence.day, occurrence.start.replacingOccurrences(of: "T", with: " "), endText(start: occurrence.start, end: occurrence.end),
                occurrence.status, "\(occurrence.registered)/\(event.capacity)", String(occurrence.waiting),
                occurrence.title + (occurrence.changed ? " (changed)" : ""), occurrence.outcome.map(describe) ?? "",
            ])
        }
        return fields.render() + "\n\n" + table.render()
    }

    /// `112 employers, 8,000 positions, 10,000 job seekers (version 2)`: the figures recorded, those above 0.
    static func describe(_ outcome: EventAPI.Outcome) -> String {
        let figures = [
            (outcome.employers, "employers"), (outcome.positions, "positions"), (outcome.jobSeekers, "job seekers"),
            (outcome.attendees, "attendees"), (outcome.talks, "talks"), (outcome.exhibitors, "exhibitors"),
        ].filter { $0.0 > 0 }.map { "\($0.0.grouped) \($0.1)" }
        return (figures.isEmpty ? "none" : figures.joined(separator: ", ")) + (outcome.version > 1 ? " (version \(outcome.version))" : "")
    }

    static func registrations(_ registrations: [EventAPI.Registration]) -> String {
        var table = Table(columns: [
            .init(title: "ID", alignment: .right), .init(title: "TENANT"), .init(title: "PLACES", alignment: .right),
            .init(title: "POSITIONS", alignment: .right), .init(title: "STATUS"), .init(title: "ROLES"), .init(title: "NOTE"),
        ])
        for registration in registrations {
            table.add([
                String(registration.id), "\(registration.tenant) \(registration.tenantName)", String(registration.places),
                String(registration.positions), status(registration), registration.roles.isEmpty ? "-" : registration.roles.joined(separator: ","),
                // A withdrawn registration is noted for its withdrawal, even one promoted before.
                (registration.status == "cancelled" ? registration.cancelReason : registration.promotion) ?? "",
            ])
        }
        return table.render(orIfEmpty: "no registrations")
    }

    /// `registered`, `waiting (1)`, `cancelled`.
    static func status(_ registration: EventAPI.Registration) -> String {
        registration.waitingPosition.map { "\(registration.status) (\($0))" } ?? registration.status
    }
}

extension EventCommand {
    struct Add: ParkctlCommand {
        static let configuration = CommandConfiguration(abstract: "Add an event; prints its id.")

        @ParentCommand var parkctl: Parkctl
        @Option(parsing: .unconditional, help: "job-fair, online-job-fair, policy-briefing, matching-meeting, forum, training, online-quiz or other.") var kind: String
        @Option(parsing: .unconditional, help: "Title.") var title: String
        @Option(parsing: .unconditional, help: "Description.") var description: String?
        @Option(parsing: .unconditional, help: ArgumentHelp("Start, YYYY-MM-DDTHH:MM.", valueName: "time")) var start: String
        @Option(parsing: .unconditional, help: ArgumentHelp("End, YYYY-MM-DDTHH:MM.", valueName: "time")) var end: String
        @Option(parsing: .unconditional, help: ArgumentHelp("Zone of the times (default: the park's).", valueName: "zone")) var timeZone: String?
        @Option(parsing: .unconditional, help: "Where it takes place.") var venue: String?
        @Option(parsing: .unconditional, help: "Where to join online.") var link: String?
        @Option(parsing: .unconditional, help: ArgumentHelp("Co-organising tenant: id or credit code.", valueName: "tenant")) var organiser: String?
        @Option(parsing: .unconditional, help: "Places (booths or seats).") var capacity: Int
        @Option(parsing: .unconditional, help: "The most places one firm may take.") var perFirmLimit: Int?
        @Option(parsing: .unconditional, help: ArgumentHelp("When registration opens.", valueName: "time")) var registrationOpens: String?
        @Option(parsing: .unconditional, help: ArgumentHelp("When registration closes.", valueName: "time")) var registrationCloses: String?
        @Option(name: .customLong("repeat"), parsing: .unconditional, help: ArgumentHelp("daily or weekly: a series, --start and --end its first occurrence's.", valueName: "frequency"))
        var frequency: String?
        @Option(name: .customLong("every"), parsing: .unconditional, help: "Every so many days or weeks.") var interval: Int?
        @Option(name: .customLong("weekday"), parsing: .unconditionalSingleValue, help: ArgumentHelp("A weekday of a weekly series (repeatable).", valueName: "weekday"))
        var weekdays: [String] = []
        @Option(parsing: .unconditional, help: ArgumentHelp("The series' last day.", valueName: "date")) var until: String?
        @Flag(help: "Only the park's working days.") var workingDaysOnly = false
        @Option(name: .customLong("except"), parsing: .unconditionalSingleValue, help: ArgumentHelp("A day taken out of the series (repeatable).", valueName: "date"))
        var exceptions: [String] = []

        static let fieldOptions: FieldOptions = [
            "kind": "--kind", "title": "--title", "description": "--description", "timeZone": "--time-zone", "start": "--start",
            "end": "--end", "venue": "--venue", "link": "--link", "organiser": "--organiser", "capacity": "--capacity",
            "perFirmLimit": "--per-firm-limit", "registrationOpens": "--registration-opens", "registrationCloses": "--registration-closes",
            "frequency": "--repeat", "interval": "--every", "weekdays": "--weekday", "until": "--until", "workingDaysOnly": "--working-days-only",
            "exceptions": "--except",
        ]

        func run() async throws {
            try await respond(EventAPI.create, EventAPI.Create(
                kind: kind, title: title, description: description, timeZone: timeZone, start: start, end: end, venue: venue, link: link,
                organiser: organiser, capacity: capacity, perFirmLimit: perFirmLimit, registrationOpens: registrationOpens,
                registrationCloses: registrationCloses, frequency: frequency, interval: interval, weekdays: weekdays.isEmpty ? nil : weekdays,
                until: until, workingDaysOnly: workingDaysOnly ? true : nil, exceptions: exceptions.isEmpty ? nil : exceptions),
                json: \.event) { reply in String(reply.event.id) }
        }
    }

    struct List: ParkctlCommand {
        static let configuration = CommandConfiguration(abstract: "List events by start.")

        @ParentCommand var parkctl: Parkctl
        @Option(parsing: .unconditional, help: "Only events of this kind.") var kind: String?
        @Option(parsing: .unconditional, help: ArgumentHelp("Only events ending on or after this day.", valueName: "date")) var from: String?
        @Option(parsing: .unconditional, help: ArgumentHelp("Only events starting on or before this day.", valueName: "date")) var to: String?

        static let fieldOptions: FieldOptions = ["kind": "--kind", "from": "--from", "to": "--to"]

        func run() async throws {
            try await respond(EventAPI.list, EventAPI.List(kind: kind, from: from, to: to)) { reply in EventCommand.table(reply.events, parkZone: reply.timeZone) }
        }
    }

    struct Show: ParkctlCommand {
        static let configuration = CommandConfiguration(abstract: "Show one event.")

        @ParentCommand var parkctl: Parkctl
        @Argument(help: "Event id.") var event: Int64

        static let fieldOptions: FieldOptions = ["event": "EVENT"]

        func run() async throws {
            try await respond(EventAPI.get, EventAPI.Get(event: event), json: \.event) { reply in EventCommand.render(reply.event) }
        }
    }

    struct Set: ParkctlCommand {
        static let configuration = CommandConfiguration(abstract: "Change an event that was neither held nor cancelled.")

        @ParentCommand var parkctl: Parkctl
        @Argument(help: "Event id.") var event: Int64
        @Option(parsing: .unconditional) var kind: String?
        @Option(parsing: .unconditional) var title: String?
        @Option(parsing: .unconditional, help: "Empty to clear.") var description: String?
        @Option(parsing: .unconditional, help: ArgumentHelp(valueName: "time")) var start: String?
        @Option(parsing: .unconditional, help: ArgumentHelp(valueName: "time")) var end: String?
        @Option(parsing: .unconditional, help: ArgumentHelp(valueName: "zone")) var timeZone: String?
        @Option(parsing: .unconditional, help: "Empty to clear.") var venue: String?
        @Option(parsing: .unconditional, help: "Empty to clear.") var link: String?
        @Option(parsing: .unconditional, help: ArgumentHelp("Tenant id or credit code; empty for the park alone.", valueName: "tenant")) var organiser: String?
        @Option(parsing: .unconditional, help: "A larger capacity promotes from the waiting list.") var capacity: Int?
        @Option(parsing: .unconditional, help: "0 for no limit.") var perFirmLimit: Int?
        @Option(parsing: .unconditional, help: ArgumentHelp("Empty to clear.", valueName: "time")) var registrationOpens: String?
        @Option(parsing: .unconditional, help: ArgumentHelp("Empty to clear.", valueName: "time")) var registrationCloses: String?
        @Option(name: .customLong("except"), parsing: .unconditionalSingleValue, help: ArgumentHelp("A day to take out of the series (repeatable).", valueName: "date"))
        var exceptions: [String] = []
        @Option(parsing: .unconditional, help: ArgumentHelp("The day of one occurrence of a series to move or retitle.", valueName: "date")) var occurrence: String?
        @Option(parsing: .unconditional, help: ArgumentHelp("Its new start.", valueName: "time")) var occurrenceStart: String?
        @Option(parsing: .unconditional, help: ArgumentHelp("Its new end.", valueName: "time")) var occurrenceEnd: String?
        @Option(parsing: .unconditional, help: "Its own title.") var occurrenceTitle: String?

        static let fieldOptions: FieldOptions = [
            "exceptions": "--except", "occurrence": "--occurrence", "occurrenceStart": "--occurrence-start", "occurrenceEnd": "--occurrence-end",
            "occurrenceTitle": "--occurrence-title",
            "event": "EVENT", "kind": "--kind", "title": "--title", "description": "--description", "timeZone": "--time-zone",
            "start": "--start", "end": "--end", "venue": "--venue", "link": "--link", "organiser": "--organiser",
            "capacity": "--capacity", "perFirmLimit": "--per-firm-limit", "registrationOpens": "--registration-opens",
            "registrationCloses": "--registration-closes",
        ]

        func validate() throws {
            try Self.validateCommandLine()
            guard [
                kind, title, description, timeZone, start, end, venue, link, organiser, registrationOpens, registrationCloses, occurrence,
                occurrenceStart, occurrenceEnd, occurrenceTitle,
            ].contains(where: { $0 != nil }) || capacity != nil || perFirmLimit != nil || !exceptions.isEmpty else {
                throw ValidationError("Give at least one field to change.")
            }
        }

        func run() async throws {
            let request = EventAPI.Update(
                event: event, kind: kind, title: title, description: description, timeZone: timeZone, start: start, end: end, venue: venue,
                link: link, organiser: organiser, capacity: capacity, perFirmLimit: perFirmLimit, registrationOpens: registrationOpens,
                registrationCloses: registrationCloses, exceptions: exceptions.isEmpty ? nil : exceptions, occurrence: occurrence,
                occurrenceStart: occurrenceStart, occurrenceEnd: occurrenceEnd, occurrenceTitle: occurrenceTitle)
            try await respond(EventAPI.update, request, json: \.event) { reply in EventCommand.render(reply.event) }
        }
    }

    struct Cancel: ParkctlCommand {
        static let configuration = CommandConfiguration(
            abstract: "Cancel an event that was not held (a series partly held: its occurrences still to come).")

        @ParentCommand var parkctl: Parkctl
        @Argument(help: "Event id.") var event: Int64
        @Option(parsing: .unconditional, help: "Why, as the park announces it.") var reason: String

        static let fieldOptions: FieldOptions = ["event": "EVENT", "reason": "--reason"]

        func run() async throws {
            try await respond(EventAPI.cancel, EventAPI.Cancel(event: event, reason: reason), json: \.event) { reply in
                let called = reply.event.occurrences.filter { $0.status == "cancelled" }
                let held = reply.event.occurrences.count - called.count
                return held == 0
                    ? "event \(reply.event.id) cancelled: \(reply.event.cancelReason ?? "")"
                    : "event \(reply.event.id): \(called.count) occurrence\(called.count == 1 ? "" : "s") still to come cancelled, \(held) held stay held: \(reply.event.cancelReason ?? "")"
            }
        }
    }

    struct Register: ParkctlCommand {
        static let configuration = CommandConfiguration(
            abstract: "Register a tenant for an event: a place when free, else the waiting list; prints the registration.")

        @ParentCommand var parkctl: Parkctl
        @Argument(help: "Event id.") var event: Int64
        @Option(parsing: .unconditional, help: ArgumentHelp("The day of the occurrence, for a series.", valueName: "date")) var occurrence: String?
        @Option(parsing: .unconditional, help: ArgumentHelp("Tenant id or credit code.", valueName: "tenant")) var tenant: String
        @Option(parsing: .unconditional, help: "Places (booths or seats).") var places: Int = 1
        @Option(parsing: .unconditional, help: "Positions the firm offers.") var positions: Int?
        @Option(name: .customLong("role"), parsing: .unconditionalSingleValue, help: "A role it recruits for (repeatable).") var roles: [String] = []

        static let fieldOptions: FieldOptions = [
            "event": "EVENT", "occurrence": "--occurrence", "tenant": "--tenant", "places": "--places", "positions": "--positions", "roles": "--role",
        ]

        func run() async throws {
            try await respond(EventAPI.register, EventAPI.Register(
                event: event, occurrence: occurrence, tenant: tenant, places: places, positions: positions, roles: roles.isEmpty ? nil : roles),
                json: \.registration) { reply in
                let registration = reply.registration
                let places = registration.places == 1 ? "1 place" : "\(registration.places) places"
                return registration.waitingPosition.map { "registration \(registration.id): waiting for \(places), position \($0)" }
                    ?? "registration \(registration.id): registered for \(places)"
            }
        }
    }

    struct CancelRegistration: ParkctlCommand {
        static let configuration = CommandConfiguration(
            commandName: "cancel-registration",
            abstract: "Withdraw a registration; its places go to the first waiting registrations that fit.")

        @ParentCommand var parkctl: Parkctl
        @Argument(help: "Registration id.") var registration: Int64
        @Option(parsing: .unconditional, help: "Why.") var reason: String?

        static let fieldOptions: FieldOptions = ["registration": "REGISTRATION", "reason": "--reason"]

        func run() async throws {
            try await respond(EventAPI.cancelRegistration, EventAPI.CancelRegistration(registration: registration, reason: reason)) { reply in
                (["registration \(reply.registration.id) cancelled"] + reply.promoted.map { promoted in
                    "registration \(promoted.id) (\(promoted.tenantName)) \(promoted.promotion ?? "promoted")"
                }).joined(separator: "\n")
            }
        }
    }

    struct Registrations: ParkctlCommand {
        static let configuration = CommandConfiguration(abstract: "List an event's registrations in the order they joined.")

        @ParentCommand var parkctl: Parkctl
        @Argument(help: "Event id.") var event: Int64

        static let fieldOptions: FieldOptions = ["event": "EVENT"]

        func run() async throws {
            try await respond(EventAPI.listRegistrations, EventAPI.ListRegistrations(event: event)) { reply in
                EventCommand.registrations(reply.registrations)
            }
        }
    }

    struct Outcome: ParkctlCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record what a held event achieved, or correct it (with --reason); with no figures, show every version.")

        @ParentCommand var parkctl: Parkctl
        @Argument(help: "Event id.") var event: Int64
        @Option(parsing: .unconditional, help: ArgumentHelp("The day of the occurrence, for a series.", valueName: "date")) var occurrence: String?
        @Option(parsing: .unconditional, help: "Employers that attended.") var employers: Int?
        @Option(parsing: .unconditional, help: "Positions offered.") var positions: Int?
        @Option(parsing: .unconditional, help: "Job seekers served.") var jobSeekers: Int?
        @Option(parsing: .unconditional, help: "Attendees (person-times).") var attendees: Int?
        @Option(parsing: .unconditional, help: "Talks given.") var talks: Int?
        @Option(parsing: .unconditional, help: "Parks, firms and institutions exhibiting.") var exhibitors: Int?
        @Option(parsing: .unconditional, help: "Why a correction is made.") var reason: String?

        static let fieldOptions: FieldOptions = [
            "event": "EVENT", "occurrence": "--occurrence", "employers": "--employers", "positions": "--positions", "jobSeekers": "--job-seekers",
            "attendees": "--attendees", "talks": "--talks", "exhibitors": "--exhibitors", "reason": "--reason",
        ]

        func run() async throws {
            guard [employers, positions, jobSeekers, attendees, talks, exhibitors].contains(where: { $0 != nil }) else {
                if reason != nil { throw ValidationError("A correction gives the figures that change.") }
                try await respond(EventAPI.outcomeHistory, EventAPI.OutcomeHistory(event: event, occurrence: occurrence)) { reply in Self.table(reply.outcomes) }
                return
            }
            try await respond(EventAPI.recordOutcome, EventAPI.RecordOutcome(
                event: event, occurrence: occurrence, employers: employers, positions: positions, jobSeekers: jobSeekers, attendees: attendees, talks: talks,
                exhibitors: exhibitors, reason: reason)) { reply in
                let outcome = reply.outcome
                return outcome.version == 1
                    ? "outcome of event \(event) recorded: \(EventCommand.describe(outcome))"
                    : "outcome of event \(event) corrected (version \(outcome.version)): \(reply.changes.joined(separator: ", "))"
            }
        }

        static func table(_ outcomes: [EventAPI.Outcome]) -> String {
            var table = Table(columns: [
                .init(title: "OCCURRENCE"), .init(title: "VERSION", alignment: .right), .init(title: "EMPLOYERS", alignment: .right),
                .init(title: "POSITIONS", alignment: .right), .init(title: "JOB SEEKERS", alignment: .right),
                .init(title: "ATTENDEES", alignment: .right), .init(title: "TALKS", alignment: .right),
                .init(title: "EXHIBITORS", alignment: .right), .init(title: "BY"), .init(title: "REASON"),
            ])
            for outcome in outcomes {
                table.add([
                    outcome.occurrence, String(outcome.version), outcome.employers.grouped, outcome.positions.grouped, outcome.jobSeekers.grouped,
                    outcome.attendees.grouped, outcome.talks.grouped, outcome.exhibitors.grouped, outcome.recordedBy, outcome.reason ?? "-",
                ])
            }
            return table.render()
        }
    }

    struct Export: ParkctlCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the events as an iCalendar file (RFC 5545), for calendar applications.",
            discussion: "Lines end with CRLF, as RFC 5545 wants: redirect to a .ics file.")

        @ParentCommand var parkctl: Parkctl
        @Flag(help: "iCalendar: the format events are exported in, with or without it.") var ics = false
        @Option(parsing: .unconditional, help: ArgumentHelp("Only events with an occurrence ending on or after this day.", valueName: "date")) var from: String?
        @Option(parsing: .unconditional, help: ArgumentHelp("Only events with an occurrence starting on or before this day.", valueName: "date")) var to: String?

        static let fieldOptions: FieldOptions = ["from": "--from", "to": "--to"]

        func validate() throws {
            try Self.validateCommandLine()
            try refuseJSON(with: ["--ics": ics])
        }

        func run() async throws {
            try await respond(EventAPI.export, EventAPI.Export(from: from, to: to), terminator: "") { reply in reply.ics }
        }
    }
}
