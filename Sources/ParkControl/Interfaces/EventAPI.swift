import MemberwiseInit

/// `io.parkd.Event`: the park's events, their places and registrations.
public enum EventAPI {
    public static let interface = VarlinkInterface(
        name: "io.parkd.Event", methods: [
            create, list, get, update, cancel, register, cancelRegistration, listRegistrations, recordOutcome, outcomeHistory, export,
        ], errors: errors,
        definition: """
        # Events the park holds (job fairs, policy briefings, matching meetings, forums, trainings,
        # online quizzes), their places, and tenants' registrations with a waiting list. Times are
        # wall-clock times to the minute, YYYY-MM-DDTHH:MM, in the event's time zone.
        interface io.parkd.Event

        # An event.
        type Event (
          # Stable numeric id.
          id: int,
          # job-fair, online-job-fair, policy-briefing, matching-meeting, forum, training, online-quiz or other.
          kind: string,
          # Title, as published.
          title: string,
          # What it offers, as published.
          description: ?string,
          # The zone its times are in, such as Asia/Shanghai.
          timeZone: string,
          # When it starts.
          start: string,
          # When it ends.
          end: string,
          # planned, open (registration open), closed, held (it has ended) or cancelled, as of now.
          status: string,
          # Where it takes place, for an event on site.
          venue: ?string,
          # Where to join, for an event online.
          link: ?string,
          # The tenant co-organising it with the park; absent when the park organised it alone.
          organiser: ?int,
          # That tenant's name.
          organiserName: ?string,
          # Places (booths or seats) to register for.
          capacity: int,
          # The most places one firm may hold or wait for; absent for no limit but the capacity.
          perFirmLimit: ?int,
          # When registration opens; absent: open from the event's creation.
          registrationOpens: ?string,
          # When registration closes; absent: when the event starts.
          registrationCloses: ?string,
          # Places held by registrations.
          registered: int,
          # Registrations on the waiting list.
          waiting: int,
          # When it was cancelled (RFC 3339, UTC).
          cancelledAt: ?string,
          # Why it was cancelled.
          cancelReason: ?string,
          # Raised on every change a calendar shows (iCalendar's SEQUENCE).
          sequence: int,
          # How it repeats; absent for a single event.
          recurrence: ?Recurrence,
          # Its occurrences in order of their day (one for a single event; List gives those in
          # its period).
          occurrences: []Occurrence,
          # When the record was created (RFC 3339, UTC).
          createdAt: string,
          # When the record last changed (RFC 3339, UTC).
          updatedAt: string
        )

        # A tenant's registration for an event.
        type Registration (
          # Stable numeric id; the waiting list's order.
          id: int,
          # The event's id.
          event: int,
          # The day of the occurrence registered for (YYYY-MM-DD).
          occurrence: string,
          # The tenant's id.
          tenant: int,
          # The tenant's name.
          tenantName: string,
          # Places asked for (booths or seats).
          places: int,
          # Positions the firm offers.
          positions: int,
          # The roles it recruits for.
          roles: []string,
          # registered, waiting or cancelled.
          status: string,
          # Its place on the waiting list, 1 first, while it waits.
          waitingPosition: ?int,
          # When its request was received (RFC 3339, UTC); the order of joining is that of the ids.
          joinedAt: string,
          # When it was promoted from the waiting list (RFC 3339, UTC).
          promotedAt: ?string,
          # The record of that promotion: what freed the places, and who was passed over.
          promotion: ?string,
          # When it was cancelled (RFC 3339, UTC).
          cancelledAt: ?string,
          # Why it was cancelled.
          cancelReason: ?string
        )

        # How a series repeats.
        type Recurrence (
          # daily or weekly.
          frequency: string,
          # Every so many days or weeks.
          interval: int,
          # The weekdays of a weekly series (monday … sunday).
          weekdays: []string,
          # The last day an occurrence may fall on (YYYY-MM-DD).
          until: string,
          # Only the park's working days, from its working-day calendar.
          workingDaysOnly: bool,
          # Days taken out of the series (YYYY-MM-DD).
          exceptions: []string
        )

        # One time an event takes place.
        type Occurrence (
          # The day the series gives it (the start's day for a single event): how registrations
          # and outcomes name it (YYYY-MM-DD).
          day: string,
          # When it starts, in the event's zone.
          start: string,
          # When it ends, in the event's zone.
          end: string,
          # When it starts, as an instant (RFC 3339, UTC): how occurrences of events in other
          # zones are put in order.
          startsAt: string,
          # Its title (a retitled occurrence's own).
          title: string,
          # planned, open, closed, held or cancelled, as of now.
          status: string,
          # Moved or retitled from what the series gives.
          changed: bool,
          # Places held by its registrations.
          registered: int,
          # Its registrations on the waiting list.
          waiting: int,
          # What it achieved: the version in force, once recorded.
          outcome: ?Outcome
        )

        # What an event achieved, one version of it.
        type Outcome (
          # The day of the occurrence (YYYY-MM-DD).
          occurrence: string,
          # 1 for the first recording, then one more per correction.
          version: int,
          \(SharedFields.lines(SharedFields.eventOutcome)),
          # Why it was corrected.
          reason: ?string,
          # When it was recorded (RFC 3339, UTC).
          recordedAt: string,
          # Who recorded it.
          recordedBy: string
        )

        # Adds an event.
        method Create(
          # job-fair, online-job-fair, policy-briefing, matching-meeting, forum, training, online-quiz or other.
          kind: string,
          # Title, at most 200 characters.
          title: string,
          # Description, at most 4000 characters; it may run over several lines.
          description: ?string,
          # Zone of its times; the park's zone when absent.
          timeZone: ?string,
          # When it starts, YYYY-MM-DDTHH:MM.
          start: string,
          # When it ends, after the start.
          end: string,
          # Where it takes place.
          venue: ?string,
          # Where to join online.
          link: ?string,
          # The co-organising tenant, by id or credit code.
          organiser: ?string,
          # Places to register for, 0 to 100000.
          capacity: int,
          # The most places one firm may hold or wait for.
          perFirmLimit: ?int,
          # When registration opens.
          registrationOpens: ?string,
          # When registration closes, at the latest when the event ends.
          registrationCloses: ?string,
          # daily or weekly, for a series; start and end are its first occurrence's.
          frequency: ?string,
          # Every so many days or weeks (default 1).
          interval: ?int,
          # The weekdays of a weekly series (default the first day's).
          weekdays: ?[]string,
          # The last day of a series (YYYY-MM-DD); required with frequency.
          until: ?string,
          # Only the park's working days.
          workingDaysOnly: ?bool,
          # Days taken out of the series (YYYY-MM-DD).
          exceptions: ?[]string
        ) -> (
          # The event added.
          event: Event
        )

        # Events by start.
        method List(
          # Only events of this kind.
          kind: ?string,
          # Only events ending after this day begins (YYYY-MM-DD, the park's zone).
          from: ?string,
          # Only events starting before this day ends (YYYY-MM-DD, the park's zone).
          to: ?string
        ) -> (
          # The events, by start.
          events: []Event,
          # The park's time zone (park.time_zone), whose days from and to are.
          timeZone: string
        )

        # One event.
        method Get(
          # The event's id.
          event: int
        ) -> (
          # The event.
          event: Event
        )

        # Changes an event that was neither held nor cancelled; absent fields stay as they are.
        method Update(
          # The event's id.
          event: int,
          # New kind.
          kind: ?string,
          # New title.
          title: ?string,
          # New description; empty to clear.
          description: ?string,
          # New zone of its times (the times stay as written).
          timeZone: ?string,
          # New start.
          start: ?string,
          # New end.
          end: ?string,
          # New venue; empty to clear.
          venue: ?string,
          # New link; empty to clear.
          link: ?string,
          # New co-organiser by id or credit code; empty for the park alone.
          organiser: ?string,
          # New capacity, at least the places registered; a larger one promotes from the waiting list.
          capacity: ?int,
          # New per-firm limit; 0 for none.
          perFirmLimit: ?int,
          # New opening of registration; empty to clear.
          registrationOpens: ?string,
          # New closing of registration; empty to clear.
          registrationCloses: ?string,
          # Days to take out of a series (YYYY-MM-DD).
          exceptions: ?[]string,
          # The day of one occurrence of a series to move or retitle.
          occurrence: ?string,
          # Its new start.
          occurrenceStart: ?string,
          # Its new end.
          occurrenceEnd: ?string,
          # Its own title.
          occurrenceTitle: ?string
        ) -> (
          # The event as it is now.
          event: Event
        )

        # Cancels an event that was not held.
        method Cancel(
          # The event's id.
          event: int,
          # Why, as the park announces it.
          reason: string
        ) -> (
          # The event, cancelled.
          event: Event
        )

        # Registers a tenant while registration is open: a place when the places asked for are
        # free, else the waiting list, in the order of joining.
        method Register(
          # The event's id.
          event: int,
          # The day of the occurrence (YYYY-MM-DD); required for a series.
          occurrence: ?string,
          # The tenant, by id or credit code.
          tenant: string,
          # Places asked for (booths or seats), at least 1.
          places: int,
          # Positions the firm offers.
          positions: ?int,
          # The roles it recruits for.
          roles: ?[]string
        ) -> (
          # The registration: registered, or waiting with its place on the list.
          registration: Registration
        )

        # Withdraws a registration; the places it held go to the first waiting registrations that
        # fit, in the same transaction.
        method CancelRegistration(
          # The registration's id.
          registration: int,
          # Why.
          reason: ?string
        ) -> (
          # The registration, cancelled.
          registration: Registration,
          # The waiting registrations that took its places, in order.
          promoted: []Registration
        )

        # An event's registrations, in the order they joined.
        method ListRegistrations(
          # The event's id.
          event: int
        ) -> (
          # Registered, waiting and cancelled, by id.
          registrations: []Registration
        )

        # Records what a held event achieved, or corrects it: a correction gives the figures that
        # change and a reason; the others and the earlier version are kept.
        method RecordOutcome(
          # The event's id.
          event: int,
          # The day of the occurrence (YYYY-MM-DD); required for a series.
          occurrence: ?string,
          \(SharedFields.lines(SharedFields.eventOutcome, type: "?int")),
          # Why a correction is made; required for one.
          reason: ?string
        ) -> (
          # The version recorded.
          outcome: Outcome,
          # What a correction changed, a figure each ("employers 110 → 112").
          changes: []string
        )

        # Every version of an event's outcome, oldest first.
        method OutcomeHistory(
          # The event's id.
          event: int,
          # Only this occurrence's versions (YYYY-MM-DD); every occurrence's when absent.
          occurrence: ?string
        ) -> (
          # The versions, oldest first.
          outcomes: []Outcome
        )

        # The events as an iCalendar file (RFC 5545): a VEVENT per event with a stable UID, a
        # series as RRULE with EXDATEs and a RECURRENCE-ID component per moved or retitled
        # occurrence, STATUS:CANCELLED for a cancelled event, a VTIMEZONE for every TZID, CRLF
        # line ends, lines folded at 75 octets.
        method Export(
          # Only events with an occurrence ending after this day begins (YYYY-MM-DD, the park's zone).
          from: ?string,
          # Only events with an occurrence starting before this day ends (YYYY-MM-DD, the park's zone).
          to: ?string
        ) -> (
          # The iCalendar text.
          ics: string
        )

        # No event has this id.
        error NoSuchEvent (
          # The id asked for.
          event: int
        )

        # No registration has this id.
        error NoSuchRegistration (
          # The id asked for.
          registration: int
        )

        # The event was held: it and its registrations no longer change.
        error EventHeld (
          # The event's id.
          event: int,
          # When it ended, with its zone.
          ended: string
        )

        # The event was cancelled.
        error EventCancelled (
          # The event's id.
          event: int
        )

        # Registration for the event is not open.
        error RegistrationNotOpen (
          # The event's id.
          event: int,
          # Its status: planned, closed, held or cancelled.
          status: string,
          # When registration opens.
          opens: ?string,
          # When registration closed.
          closes: ?string
        )

        # The tenant would hold more places than each firm may.
        error FirmLimitReached (
          # The event's id.
          event: int,
          # The tenant's id.
          tenant: int,
          # Places one firm may hold or wait for.
          limit: int,
          # Places the tenant holds or waits for.
          held: int,
          # Places asked for.
          asked: int
        )

        """)

    public static let create = VarlinkMethod<Create, CreateReply>("io.parkd.Event.Create", access: .write)
    public static let list = VarlinkMethod<List, ListReply>("io.parkd.Event.List", access: .read)
    public static let get = VarlinkMethod<Get, GetReply>("io.parkd.Event.Get", access: .read)
    public static let update = VarlinkMethod<Update, UpdateReply>("io.parkd.Event.Update", access: .write)
    public static let cancel = VarlinkMethod<Cancel, CancelReply>("io.parkd.Event.Cancel", access: .write)
    public static let register = VarlinkMethod<Register, RegisterReply>("io.parkd.Event.Register", access: .write)
    public static let cancelRegistration = VarlinkMethod<CancelRegistration, CancelRegistrationReply>(
        "io.parkd.Event.CancelRegistration", access: .write)
    public static let listRegistrations = VarlinkMethod<ListRegistrations, ListRegistrationsReply>(
        "io.parkd.Event.ListRegistrations", access: .read)

    public static let recordOutcome = VarlinkMethod<RecordOutcome, RecordOutcomeReply>("io.parkd.Event.RecordOutcome", access: .write)
    public static let outcomeHistory = VarlinkMethod<OutcomeHistory, OutcomeHistoryReply>("io.parkd.Event.OutcomeHistory", access: .read)

    public static let export = VarlinkMethod<Export, ExportReply>("io.parkd.Event.Export", access: .read)

    @MemberwiseInit
    public struct Export: Codable, Sendable {
        public var from: String? = nil
        public var to: String? = nil
    }

    @MemberwiseInit
    public struct ExportReply: Codable, Sendable {
        public var ics: String
    }

    @MemberwiseInit
    public struct Recurrence: Codable, Sendable, Equatable {
        public var frequency: String
        public var interval: Int
        public var weekdays: [String]
        public var until: String
        public var workingDaysOnly: Bool
        public var exceptions: [String]
    }

    @MemberwiseInit
    public struct Occurrence: Codable, Sendable, Equatable {
        public var day: String
        public var start: String
        public var end: String
        public var startsAt: String
        public var title: String
        public var status: String
        public var changed: Bool
        public var registered: Int
        public var waiting: Int
        public var outcome: Outcome?
    }

    @MemberwiseInit
    public struct Outcome: Codable, Sendable, Equatable {
        public var occurrence: String
        public var version: Int
        public var employers: Int
        public var positions: Int
        public var jobSeekers: Int
        public var attendees: Int
        public var talks: Int
        public var exhibitors: Int
        public var reason: String?
        public var recordedAt: String
        public var recordedBy: String
    }

    @MemberwiseInit
    public struct RecordOutcome: Codable, Sendable {
        public var event: Int64
        public var occurrence: String? = nil
        public var employers: Int? = nil
        public var positions: Int? = nil
        public var jobSeekers: Int? = nil
        public var attendees: Int? = nil
        public var talks: Int? = nil
        public var exhibitors: Int? = nil
        public var reason: String? = nil
    }

    @MemberwiseInit
    public struct RecordOutcomeReply: Codable, Sendable {
        public var outcome: Outcome
        public var changes: [String]
    }

    @MemberwiseInit
    public struct OutcomeHistory: Codable, Sendable {
        public var event: Int64
        public var occurrence: String? = nil
    }

    @MemberwiseInit
    public struct OutcomeHistoryReply: Codable, Sendable {
        public var outcomes: [Outcome]
    }

    @MemberwiseInit
    public struct Event: Codable, Sendable, Equatable {
        public var id: Int64
        public var kind: String
        public var title: String
        public var description: String?
        public var timeZone: String
        public var start: String
        public var end: String
        public var status: String
        public var venue: String?
        public var link: String?
        public var organiser: Int64?
        public var organiserName: String?
        public var capacity: Int
        public var perFirmLimit: Int?
        public var registrationOpens: String?
        public var registrationCloses: String?
        public var registered: Int
        public var waiting: Int
        public var cancelledAt: String?
        public var cancelReason: String?
        public var sequence: Int
        public var recurrence: Recurrence?
        public var occurrences: [Occurrence]
        public var createdAt: String
        public var updatedAt: String
    }

    @MemberwiseInit
    public struct Registration: Codable, Sendable, Equatable {
        public var id: Int64
        public var event: Int64
        public var occurrence: String
        public var tenant: Int64
        public var tenantName: String
        public var places: Int
        public var positions: Int
        public var roles: [String]
        public var status: String
        public var waitingPosition: Int?
        public var joinedAt: String
        public var promotedAt: String?
        public var promotion: String?
        public var cancelledAt: String?
        public var cancelReason: String?
    }

    @MemberwiseInit
    public struct Create: Codable, Sendable {
        public var kind: String
        public var title: String
        public var description: String? = nil
        public var timeZone: String? = nil
        public var start: String
        public var end: String
        public var venue: String? = nil
        public var link: String? = nil
        public var organiser: String? = nil
        public var capacity: Int
        public var perFirmLimit: Int? = nil
        public var registrationOpens: String? = nil
        public var registrationCloses: String? = nil
        public var frequency: String? = nil
        public var interval: Int? = nil
        public var weekdays: [String]? = nil
        public var until: String? = nil
        public var workingDaysOnly: Bool? = nil
        public var exceptions: [String]? = nil
    }

    @MemberwiseInit
    public struct List: Codable, Sendable {
        public var kind: String? = nil
        public var from: String? = nil
        public var to: String? = nil
    }

    @MemberwiseInit
    public struct ListReply: Codable, Sendable {
        public var events: [Event]
        public var timeZone: String
    }

    @MemberwiseInit
    public struct Get: Codable, Sendable {
        public var event: Int64
    }

    /// The reply of every method that answers with one event.
    @MemberwiseInit
    public struct EventReply: Codable, Sendable {
        public var event: Event
    }

    public typealias CreateReply = EventReply
    public typealias GetReply = EventReply
    public typealias UpdateReply = EventReply
    public typealias CancelReply = EventReply

    @MemberwiseInit
    public struct Update: Codable, Sendable {
        public var event: Int64
        public var kind: String? = nil
        public var title: String? = nil
        public var description: String? = nil
        public var timeZone: String? = nil
        public var start: String? = nil
        public var end: String? = nil
        public var venue: String? = nil
        public var link: String? = nil
        public var organiser: String? = nil
        public var capacity: Int? = nil
        public var perFirmLimit: Int? = nil
        public var registrationOpens: String? = nil
        public var registrationCloses: String? = nil
        public var exceptions: [String]? = nil
        public var occurrence: String? = nil
        public var occurrenceStart: String? = nil
        public var occurrenceEnd: String? = nil
        public var occurrenceTitle: String? = nil
    }

    @MemberwiseInit
    public struct Cancel: Codable, Sendable {
        public var event: Int64
        public var reason: String
    }

    @MemberwiseInit
    public struct Register: Codable, Sendable {
        public var event: Int64
        public var occurrence: String? = nil
        public var tenant: String
        public var places: Int
        public var positions: Int? = nil
        public var roles: [String]? = nil
    }

    @MemberwiseInit
    public struct RegisterReply: Codable, Sendable {
        public var registration: Registration
    }

    @MemberwiseInit
    public struct CancelRegistration: Codable, Sendable {
        public var registration: Int64
        public var reason: String? = nil
    }

    @MemberwiseInit
    public struct CancelRegistrationReply: Codable, Sendable {
        public var registration: Registration
        public var promoted: [Registration]
    }

    @MemberwiseInit
    public struct ListRegistrations: Codable, Sendable {
        public var event: Int64
    }

    @MemberwiseInit
    public struct ListRegistrationsReply: Codable, Sendable {
        public var registrations: [Registration]
    }
}
