import ParkCore
import Testing

/// A zone with daylight saving from 2021-03-28T01:00Z to 2021-10-31T01:00Z, +1 then +2 (as
/// central Europe), for the times an event gives in a zone that moves its clocks.
struct CentralEuropeRules: TimeZoneRules {
    func localTimeType(at second: Int64) -> LocalTimeType {
        (1_616_893_200..<1_635_642_000).contains(second)
            ? LocalTimeType(utcOffset: 7200, isDaylightSaving: true, abbreviation: "CEST")
            : LocalTimeType(utcOffset: 3600, isDaylightSaving: false, abbreviation: "CET")
    }
}

struct ShanghaiRules: TimeZoneRules {
    func localTimeType(at second: Int64) -> LocalTimeType { LocalTimeType(utcOffset: 28_800, isDaylightSaving: false, abbreviation: "CST") }
}

@Suite("Park events")
struct EventTests {
    func time(_ text: String) -> LocalDateTime { try! LocalDateTime.parse(text, field: "time") }
    func instant(_ text: String) -> Int64 { time(text).instant(in: ShanghaiRules()) }

    func fair(capacity: Int = 10, limit: Int? = nil) throws -> ParkEvent {
        var event = try ParkEvent(
            kind: .jobFairOnSite, title: "春季大学城招聘会", description: nil, timeZone: "Asia/Shanghai", rules: ShanghaiRules(),
            start: time("2021-03-20T09:00"), end: time("2021-03-20T16:00"), venue: "大学城体育馆", link: nil, organiser: nil,
            capacity: capacity, perFirmLimit: limit, registrationOpens: time("2021-03-01T09:00"), registrationCloses: time("2021-03-18T17:00"))
        event.id = 1
        return event
    }

    @Test("local times are read to the minute and resolved in the event's zone, a gap moved forward")
    func localTimes() throws {
        #expect(time("2021-03-20 09:00") == time("2021-03-20T09:00"))
        for bad in ["2021-03-20", "2021-03-20T24:00", "2021-02-30T09:00", "2021-03-20T9:00", "2021-03-20T09:60"] {
            #expect(throws: DomainError.self) { try LocalDateTime.parse(bad, field: "start") }
        }
        // A day that does not exist is said to be one, not a wrong form.
        #expect(throws: DomainError.invalid("start", "'2021-02-30T09:00': '2021-02-30' is not a day of the calendar")) {
            try LocalDateTime.parse("2021-02-30T09:00", field: "start")
        }
        #expect(instant("2021-03-20T09:00") == 1_616_202_000)
        // 09:00 CET is 08:00Z, 09:00 CEST 07:00Z; 02:30 on the 28th does not exist (03:30 CEST).
        #expect(time("2021-03-27T09:00").instant(in: CentralEuropeRules()) == 1_616_832_000)
        #expect(time("2021-03-29T09:00").instant(in: CentralEuropeRules()) == 1_617_001_200)
        #expect(time("2021-03-28T02:30").instant(in: CentralEuropeRules()) == 1_616_895_000)
        // 02:30 on 31 October happens twice: the first (CEST, 00:30Z).
        #expect(time("2021-10-31T02:30").instant(in: CentralEuropeRules()) == 1_635_640_200)
        #expect(!time("2021-03-28T02:30").exists(in: CentralEuropeRules()))
        #expect(time("2021-03-28T03:00").exists(in: CentralEuropeRules()) && time("2021-10-31T02:30").exists(in: CentralEuropeRules()))
    }

    @Test("an event time the clocks skip is refused, naming the field, not as an end before its start")
    func skippedTime() throws {
        let make = { (start: String, end: String) throws in
            try ParkEvent(
                kind: .forum, title: "Europe–China HR forum", description: nil, timeZone: "Europe/Berlin", rules: CentralEuropeRules(),
                start: self.time(start), end: self.time(end), venue: nil, link: nil, organiser: nil, capacity: 50, perFirmLimit: nil,
                registrationOpens: nil, registrationCloses: nil)
        }
        #expect(throws: DomainError.invalid("start", "2021-03-28T02:30 does not exist in Europe/Berlin: the clocks skip it when they go forward")) {
            try make("2021-03-28T02:30", "2021-03-28T03:30")
        }
        #expect(throws: DomainError.invalid("end", "2021-03-28T02:15 does not exist in Europe/Berlin: the clocks skip it when they go forward")) {
            try make("2021-03-28T01:00", "2021-03-28T02:15")
        }
        #expect(try make("2021-03-28T01:30", "2021-03-28T03:30").endsAt - make("2021-03-28T01:30", "2021-03-28T03:30").startsAt == 3_600)
        // An occurrence of a series moved into the gap is refused the same way.
        var series = try ParkEvent(
            kind: .forum, title: "Europe–China HR forum", description: nil, timeZone: "Europe/Berlin", rules: CentralEuropeRules(),
            start: time("2021-03-22T10:00"), end: time("2021-03-22T11:00"), venue: nil, link: nil, organiser: nil, capacity: 50,
            perFirmLimit: nil, registrationOpens: nil, registrationCloses: nil,
            recurrence: EventRecurrence(frequency: .weekly, until: try CivilDate.parse("2021-04-05", field: "until")))
        _ = try series.schedule(calendar: .empty, rules: CentralEuropeRules())
        var moved = EventChange()
        moved.occurrence = OccurrenceChange(day: try CivilDate.parse("2021-03-29", field: "day"), start: time("2021-03-28T02:15"), end: time("2021-03-28T03:45"))
        #expect(throws: DomainError.invalid("occurrenceStart", "2021-03-28T02:15 does not exist in Europe/Berlin: the clocks skip it when they go forward")) {
            try series.changed(by: moved, rules: CentralEuropeRules(), calendar: .empty, registered: 0, at: time("2021-03-01T09:00").instant(in: CentralEuropeRules()))
        }
        moved.occurrence?.start = time("2021-03-28T01:45")
        let (_, occurrences) = try series.changed(by: moved, rules: CentralEuropeRules(), calendar: .empty, registered: 0, at: time("2021-03-01T09:00").instant(in: CentralEuropeRules()))
        #expect(occurrences.map(\.start.description) == ["2021-03-22T10:00", "2021-03-28T01:45", "2021-04-05T10:00"])
    }

    @Test("a capacity below the places registrations hold is refused, counting places, not registrations")
    func capacityBelowPlaces() throws {
        let event = try ParkEvent(
            kind: .forum, title: "春季双选会", description: nil, timeZone: "Europe/Berlin", rules: CentralEuropeRules(),
            start: time("2021-04-10T09:00"), end: time("2021-04-10T16:00"), venue: nil, link: nil, organiser: nil, capacity: 10,
            perFirmLimit: nil, registrationOpens: nil, registrationCloses: nil)
        var change = EventChange()
        change.capacity = 1
        #expect(throws: DomainError.invalid("capacity", "a capacity of 1 is fewer than the 8 places registrations already hold")) {
            try event.changed(by: change, rules: CentralEuropeRules(), calendar: .empty, registered: 8, at: self.time("2021-03-01T09:00").instant(in: CentralEuropeRules()))
        }
    }

    @Test("a daily series whose time the clocks skip on one of its days is refused naming that day, and accepted with the day taken out")
    func seriesThroughTheGap() throws {
        func series(except: [String]) throws -> ParkEvent {
            var recurrence = EventRecurrence(frequency: .daily, until: try CivilDate.parse("2021-03-29", field: "until"))
            recurrence.exceptions = try except.map { try CivilDate.parse($0, field: "day") }
            return try ParkEvent(
                kind: .forum, title: "Night shift fair", description: nil, timeZone: "Europe/Berlin", rules: CentralEuropeRules(),
                start: time("2021-03-26T02:30"), end: time("2021-03-26T03:30"), venue: nil, link: nil, organiser: nil, capacity: 50,
                perFirmLimit: nil, registrationOpens: nil, registrationCloses: nil, recurrence: recurrence)
        }
        var through = try series(except: [])
        #expect(throws: DomainError.invalid("start", """
            the occurrence of 2021-03-28 would start at 2021-03-28T02:30, which does not exist in Europe/Berlin: the clocks skip it when \
            they go forward; take that day out of the series, or give the series other times
            """)) {
            try through.schedule(calendar: .empty, rules: CentralEuropeRules())
        }
        var around = try series(except: ["2021-03-28"])
        #expect(try around.schedule(calendar: .empty, rules: CentralEuropeRules()).map(\.day.description) == ["2021-03-26", "2021-03-27", "2021-03-29"])
    }

    @Test("the status follows the clock: planned, open, closed, held; cancelled whenever cancelled")
    func status() throws {
        let event = try fair()
        #expect(event.status(at: instant("2021-02-28T12:00")) == .planned)
        #expect(event.status(at: instant("2021-03-01T09:00")) == .open)
        #expect(event.status(at: instant("2021-03-18T17:00")) == .closed)
        #expect(event.status(at: instant("2021-03-20T10:00")) == .closed)
        #expect(event.status(at: instant("2021-03-20T16:00")) == .held)
        let cancelled = try event.cancelled(reason: "疫情防控", at: "2021-03-10T02:00:00.000Z", now: instant("2021-03-10T10:00"), occurrences: [])
        #expect(cancelled.status(at: instant("2021-03-30T10:00")) == .cancelled)
        #expect(cancelled.sequence == 1)
    }

    @Test("a held event cannot change or be cancelled; a cancelled one cannot change")
    func heldRefused() throws {
        let event = try fair()
        var change = EventChange()
        change.title = "新标题"
        #expect(throws: EventRefused.held(event: 1, ended: "2021-03-20T16:00 Asia/Shanghai")) {
            try event.changed(by: change, rules: ShanghaiRules(), calendar: .empty, registered: 0, at: instant("2021-03-21T09:00"))
        }
        #expect(throws: EventRefused.self) { try event.cancelled(reason: "x", at: "", now: instant("2021-03-21T09:00"), occurrences: []) }
        let cancelled = try event.cancelled(reason: "疫情防控", at: "", now: instant("2021-03-10T09:00"), occurrences: [])
        #expect(throws: EventRefused.cancelled(event: 1)) {
            try cancelled.changed(by: change, rules: ShanghaiRules(), calendar: .empty, registered: 0, at: instant("2021-03-11T09:00"))
        }
    }

    @Test("a change a calendar shows raises the sequence; a capacity below the registered places is refused")
    func changes() throws {
        let event = try fair()
        var capacity = EventChange()
        capacity.capacity = 12
        let larger = try event.changed(by: capacity, rules: ShanghaiRules(), calendar: .empty, registered: 10, at: instant("2021-03-02T09:00")).event
        #expect(larger.capacity == 12 && larger.sequence == 0)
        capacity.capacity = 9
        #expect(throws: DomainError.self) { try event.changed(by: capacity, rules: ShanghaiRules(), calendar: .empty, registered: 10, at: instant("2021-03-02T09:00")) }
        var moved = EventChange()
        moved.start = time("2021-03-20T10:00")
        let later = try event.changed(by: moved, rules: ShanghaiRules(), calendar: .empty, registered: 0, at: instant("2021-03-02T09:00")).event
        #expect(later.sequence == 1 && later.startsAt == instant("2021-03-20T10:00"))
        moved.start = time("2021-03-20T17:00")
        #expect(throws: DomainError.self) { try event.changed(by: moved, rules: ShanghaiRules(), calendar: .empty, registered: 0, at: instant("2021-03-02T09:00")) }
        // The kind is the calendar's CATEGORIES: a change a calendar shows.
        var kind = EventChange()
        kind.kind = .forum
        #expect(try event.changed(by: kind, rules: ShanghaiRules(), calendar: .empty, registered: 0, at: instant("2021-03-02T09:00")).event.sequence == 1)
    }

    @Test("a content line is folded at 75 octets, between Unicode scalars: a letter with sixty combining marks too")
    func folding() {
        let title = "SUMMARY:e" + String(repeating: "\u{0301}", count: 60) + "x"
        let folded = ICalendarText.folded(title)
        let lines = folded.components(separatedBy: "\r\n").dropLast()
        #expect(lines.allSatisfy { $0.utf8.count <= 75 }, "\(lines.map(\.utf8.count))")
        // Unfolded (each continuation's leading space taken off, by scalars: a space and the
        // marks after it are one Character), it is the line again.
        let unfolded = lines.enumerated().map { $0.offset == 0 ? $0.element : String(String.UnicodeScalarView($0.element.unicodeScalars.dropFirst())) }
        #expect(unfolded.joined().unicodeScalars.elementsEqual(title.unicodeScalars))
    }

    @Test("a change that moves a single event wholly into the past is refused, naming the end: it would be held and frozen")
    func movedIntoThePast() throws {
        let event = try fair()
        var typo = EventChange()
        typo.start = time("0001-01-01T00:00")
        typo.end = time("0001-01-01T01:00")
        #expect(throws: DomainError.invalid("end", "0001-01-01T01:00 Asia/Shanghai has passed: the event would be held at once, and a held event cannot change")) {
            try event.changed(by: typo, rules: ShanghaiRules(), calendar: .empty, registered: 3, at: instant("2021-03-02T09:00"))
        }
        // An event under way may still end later the same day: it is not held.
        var shorter = EventChange()
        shorter.end = time("2021-03-20T13:00")
        let underWay = try event.changed(by: shorter, rules: ShanghaiRules(), calendar: .empty, registered: 3, at: instant("2021-03-20T12:00")).event
        #expect(underWay.status(at: instant("2021-03-20T12:00")) == .closed)
        shorter.end = time("2021-03-20T11:00")
        #expect(throws: DomainError.self) { try event.changed(by: shorter, rules: ShanghaiRules(), calendar: .empty, registered: 3, at: instant("2021-03-20T12:00")) }
    }

    func registration(_ id: Int64, tenant: Int64, places: Int, _ status: RegistrationStatus) -> EventRegistration {
        EventRegistration(
            id: id, eventID: 1, occurrence: time("2021-03-20T09:00").date, tenantID: tenant, places: places, positions: 0, roles: [],
            status: status, joinedAt: "2021-03-02T00:00:00.000Z")
    }

    @Test("leaving the park withdraws the registrations of occurrences starting from the exit day's midnight on, waiting ones first, not those of events held or called off")
    func withdrawnByExit() {
        var moved = registration(6, tenant: 1, places: 1, .registered)
        moved.occurrence = CivilDate(year: 2021, month: 3, day: 11)!
        let candidates: [(registration: EventRegistration, startsAt: Int64, eventStatus: EventStatus)] = [
            (registration(1, tenant: 1, places: 2, .registered), instant("2021-03-20T09:00"), .open),
            (registration(2, tenant: 1, places: 1, .waiting), instant("2021-03-20T09:00"), .closed),
            (registration(3, tenant: 1, places: 1, .registered), instant("2021-04-01T09:00"), .cancelled),
            (registration(4, tenant: 1, places: 1, .registered), instant("2021-03-11T09:00"), .held),
            (registration(5, tenant: 1, places: 1, .cancelled), instant("2021-03-20T09:00"), .open),
            // Named by the 11th of its series, moved to the 13th: it starts after the exit.
            (moved, instant("2021-03-13T09:00"), .open),
            // 23:30 on the 11th in Shanghai: before the exit day begins.
            (registration(7, tenant: 1, places: 1, .registered), instant("2021-03-11T23:30"), .open),
        ]
        let exit = StatusChange(from: .exiting, to: .exited, on: CivilDate(year: 2021, month: 3, day: 12)!, reason: "搬迁")
        #expect(EventRegistration.withdrawn(by: exit, from: instant("2021-03-12T00:00"), among: candidates).map(\.id) == [2, 1, 6])
        #expect(EventRegistration.withdrawn(by: exit, from: instant("2021-03-21T00:00"), among: candidates).isEmpty, "the fair on the 20th was the firm's last")
        let approval = StatusChange(from: .reviewing, to: .approved, on: CivilDate(year: 2021, month: 3, day: 1)!, reason: "通过")
        #expect(EventRegistration.withdrawn(by: approval, from: instant("2021-03-01T00:00"), among: candidates).isEmpty)
    }

    @Test("a request that fits is registered, past the capacity it waits; the per-firm limit counts what waits too")
    func decide() throws {
        let places = EventPlaces(event: 1, capacity: 10, perFirmLimit: 3, active: [
            registration(1, tenant: 1, places: 3, .registered), registration(2, tenant: 2, places: 3, .registered),
            registration(3, tenant: 3, places: 3, .registered), registration(4, tenant: 4, places: 2, .waiting),
        ])
        #expect(places.free == 1)
        #expect(try places.decide(tenant: 5, places: 1) == .registered)
        #expect(try places.decide(tenant: 5, places: 2) == .waiting)
        #expect(throws: EventRefused.firmLimit(event: 1, tenant: 4, limit: 3, held: 2, asked: 2)) { try places.decide(tenant: 4, places: 2) }
        #expect(throws: DomainError.self) { try places.decide(tenant: 6, places: 0) }
        #expect(throws: DomainError.invalid("places", "11 places are more than event 1 has (10)")) {
            try EventPlaces(event: 1, capacity: 10, perFirmLimit: nil, active: []).decide(tenant: 6, places: 11)
        }
        #expect(throws: DomainError.invalid("places", "1 place is more than event 1 has (0)")) {
            try EventPlaces(event: 1, capacity: 0, perFirmLimit: nil, active: []).decide(tenant: 6, places: 1)
        }
    }

    @Test("a freed place goes to the first waiting registration that fits; a larger one is passed over and says so")
    func promotions() throws {
        let places = EventPlaces(event: 1, capacity: 4, perFirmLimit: nil, active: [
            registration(1, tenant: 1, places: 1, .registered), registration(2, tenant: 2, places: 3, .registered),
            registration(3, tenant: 3, places: 2, .waiting), registration(4, tenant: 4, places: 1, .waiting),
            registration(5, tenant: 5, places: 1, .waiting),
        ])
        let (after, promotions) = places.withdrawing(1)
        #expect(promotions.map(\.registration) == [4])
        #expect(promotions[0].passedOver.map(\.registration) == [3])
        #expect(promotions[0].record(cause: "after registration 1 was cancelled")
            == "promoted to a place after registration 1 was cancelled; passed over registration 3 (2 places, 1 free)")
        #expect(after.waitingPositions == [3: 1, 5: 2])
        let (last, next) = after.withdrawing(2)
        #expect(next.map(\.registration) == [3, 5])
        #expect(next[0].passedOver.isEmpty)
        #expect(last.free == 0)
        // A firm gone since the occurrence began keeps its line, but is given no place.
        var gone = places
        gone.notPromoted = [4]
        #expect(gone.withdrawing(1).promotions.map(\.registration) == [5])
    }

    @Test("a first outcome gives any figures, the others 0; a correction needs a reason and changes only what it gives")
    func outcomes() throws {
        let first = try SubmittedOutcome(figures: ["employers": 112, "positions": 8000]).decide(over: nil, reason: nil)
        #expect(first.outcome == EventOutcome(employers: 112, positions: 8000))
        #expect(throws: DomainError.invalid("reason", "the outcome is recorded; a correction needs a reason")) {
            try SubmittedOutcome(figures: ["employers": 113]).decide(over: first.outcome, reason: nil)
        }
        let corrected = try SubmittedOutcome(figures: ["employers": 113, "positions": 8000]).decide(over: first.outcome, reason: "补登")
        #expect(corrected.outcome == EventOutcome(employers: 113, positions: 8000))
        #expect(corrected.changes == ["employers 112 → 113"])
        #expect(throws: DomainError.self) { try SubmittedOutcome(figures: ["employers": 113]).decide(over: corrected.outcome, reason: "x") }
        #expect(throws: DomainError.self) { try SubmittedOutcome(figures: ["employers": -1]).decide(over: nil, reason: nil) }
        #expect(throws: DomainError.self) { try SubmittedOutcome(figures: [:]).decide(over: nil, reason: nil) }
        #expect(first.outcome + corrected.outcome == EventOutcome(employers: 225, positions: 16000))
    }

    @Test("the figures of a period count the events ending in it by kind: held with their outcomes, cancelled apart")
    func figures() throws {
        let held = try fair()
        var cancelled = try fair()
        cancelled.cancellation = ParkEvent.Cancellation(at: "", reason: "x")
        let day = held.end.date
        let figures = EventFigures.compute(
            [(held, day, EventOutcome(employers: 112)), (held, day, nil), (cancelled, day, nil), (held, day.adding(days: 300), EventOutcome(employers: 5))],
            from: time("2021-01-01T00:00").date, through: time("2021-12-31T00:00").date, now: instant("2021-06-01T00:00"))
        #expect(figures == [EventFigures(kind: .jobFairOnSite, held: 2, cancelled: 1, withOutcome: 1, outcome: EventOutcome(employers: 112))])
    }
}
