import ParkCore
import Testing

@Suite("Event series")
struct EventRecurrenceTests {
    func day(_ text: String) -> CivilDate { try! CivilDate.parse(text, field: "day") }
    func time(_ text: String) -> LocalDateTime { try! LocalDateTime.parse(text, field: "time") }

    func series(_ recurrence: EventRecurrence, start: String = "2021-04-26T09:00", end: String = "2021-04-26T17:00") throws -> ParkEvent {
        var event = try ParkEvent(
            kind: .jobFairOnline, title: "线上双选会", description: nil, timeZone: "Asia/Shanghai", rules: ShanghaiRules(),
            start: time(start), end: time(end), venue: nil, link: "https://jobs.example.cn", organiser: nil, capacity: 100, perFirmLimit: nil,
            registrationOpens: nil, registrationCloses: nil, recurrence: recurrence)
        event.id = 1
        return event
    }

    @Test("a weekly series every other week on two weekdays gives those days of every other week from the first")
    func weekly() {
        let rule = EventRecurrence(frequency: .weekly, interval: 2, weekdays: [.monday, .thursday], until: day("2021-05-24"))
        #expect(rule.ruleDays(from: day("2021-04-29")).map(\.description) == ["2021-04-29", "2021-05-10", "2021-05-13", "2021-05-24"])
        let daily = EventRecurrence(frequency: .daily, interval: 3, until: day("2021-05-07"))
        #expect(daily.ruleDays(from: day("2021-04-29")).map(\.description) == ["2021-04-29", "2021-05-02", "2021-05-05"])
    }

    @Test("a day taken out many times is kept once: the series stores each exception once, in order")
    func repeatedExceptions() throws {
        let calendar = try WorkingDayCalendar(CalendarFixtures.schedules())
        let rule = EventRecurrence(
            frequency: .daily, until: day("2021-04-30"), exceptions: Array(repeating: day("2021-04-28"), count: 10_000) + [day("2021-04-27")])
        var event = try series(rule)
        let occurrences = try event.schedule(calendar: calendar, rules: ShanghaiRules())
        #expect(event.recurrence?.exceptions == [day("2021-04-27"), day("2021-04-28")])
        #expect(occurrences.map(\.day.description) == ["2021-04-26", "2021-04-29", "2021-04-30"])
    }

    @Test("working days only follows the calendar: the Labour Day holiday out, the Saturday worked in; exceptions out; a moved occurrence keeps its day")
    func workingDays() throws {
        let calendar = try WorkingDayCalendar(CalendarFixtures.schedules())
        var rule = EventRecurrence(frequency: .daily, until: day("2021-05-10"), workingDaysOnly: true, exceptions: [day("2021-05-07")])
        rule.changes = [OccurrenceChange(day: day("2021-05-06"), start: time("2021-05-06T13:00"), end: time("2021-05-06T18:00"), title: "专场")]
        var event = try series(rule)
        let occurrences = try event.schedule(calendar: calendar, rules: ShanghaiRules())
        // 4-26 … 4-30 worked, 5-1 … 5-5 Labour Day, Saturday 5-8 worked, 5-7 taken out.
        #expect(occurrences.map(\.day.description) == [
            "2021-04-26", "2021-04-27", "2021-04-28", "2021-04-29", "2021-04-30", "2021-05-06", "2021-05-08", "2021-05-10",
        ])
        let moved = try #require(occurrences.first { $0.day == day("2021-05-06") })
        #expect(moved.start == time("2021-05-06T13:00") && moved.title == "专场" && moved.isChanged)
        #expect(occurrences.last?.end == time("2021-05-10T17:00"))
        #expect(event.lastEndsAt == time("2021-05-10T17:00").instant(in: ShanghaiRules()))
        #expect(try rule.daysOut(from: day("2021-04-26"), calendar: calendar).map(\.description) == [
            "2021-05-01", "2021-05-02", "2021-05-03", "2021-05-04", "2021-05-05", "2021-05-07", "2021-05-09",
        ])
    }

    @Test("an exception or a change on a day the series does not give is refused, never ignored; a year without a calendar is named")
    func refusals() throws {
        let calendar = try WorkingDayCalendar(CalendarFixtures.schedules())
        let offDay = EventRecurrence(frequency: .weekly, until: day("2021-05-31"), exceptions: [day("2021-05-04")])
        #expect(throws: DomainError.invalid("exceptions", "2021-05-04 is not a day of the series; an exception names a day it gives")) {
            var event = try series(offDay)
            _ = try event.schedule(calendar: calendar, rules: ShanghaiRules())
        }
        let change = EventRecurrence(frequency: .daily, until: day("2021-04-28"), changes: [OccurrenceChange(day: day("2021-04-30"), title: "x")])
        #expect(throws: DomainError.self) {
            var event = try series(change)
            _ = try event.schedule(calendar: calendar, rules: ShanghaiRules())
        }
        let uncovered = EventRecurrence(frequency: .daily, until: day("2022-01-03"), workingDaysOnly: true)
        #expect(throws: DomainError.yearNotCovered(2022)) {
            var event = try series(uncovered, start: "2021-12-30T09:00", end: "2021-12-30T17:00")
            _ = try event.schedule(calendar: calendar, rules: ShanghaiRules())
        }
    }

    @Test("an occurrence is held once it ended while the series goes on; the series is held after its last")
    func status() throws {
        var event = try series(EventRecurrence(frequency: .daily, until: day("2021-04-28")))
        let occurrences = try event.schedule(calendar: .empty, rules: ShanghaiRules())
        let now = time("2021-04-27T10:00").instant(in: ShanghaiRules())
        #expect(occurrences.map { event.status(of: $0, at: now) } == [.held, .closed, .open])
        #expect(event.status(at: now) == .open)
        #expect(event.status(at: time("2021-04-28T17:00").instant(in: ShanghaiRules())) == .held)
    }

    @Test("a series cancelled after some occurrences were held ends with the last of them: those stay held, the ones to come are cancelled")
    func cancelledOnItsWay() throws {
        var event = try series(EventRecurrence(frequency: .daily, until: day("2021-04-29")))
        let occurrences = try event.schedule(calendar: .empty, rules: ShanghaiRules())
        let now = time("2021-04-27T18:00").instant(in: ShanghaiRules())
        let cancelled = try event.cancelled(
            reason: "系列取消", at: Instant.rfc3339(millisecondsSinceEpoch: now * 1_000 + 250), now: now, occurrences: occurrences)
        #expect(occurrences.map { cancelled.status(of: $0, at: now) } == [.held, .held, .cancelled, .cancelled])
        #expect(!cancelled.isCalledOff && cancelled.status(at: now) == .held)
        #expect(cancelled.lastEndsAt == time("2021-04-27T17:00").instant(in: ShanghaiRules()))
        #expect(throws: EventRefused.self) { try cancelled.checkChangeable(at: now) }
        let ics = EventCalendar(entries: [EventCalendar.Entry(event: cancelled, occurrences: occurrences, updatedAt: "2021-04-27T10:00:00.000Z")],
                                zones: ["Asia/Shanghai": ShanghaiRules()]).text(productVersion: "test")
        let components = ics.components(separatedBy: "BEGIN:VEVENT").dropFirst()
        #expect(components.count == 3, "the series and its two days called off")
        #expect(components.first?.contains("STATUS:CONFIRMED") == true)
        #expect(components.dropFirst().allSatisfy { $0.contains("STATUS:CANCELLED") })
        #expect(components.dropFirst().map { $0.contains("RECURRENCE-ID;TZID=Asia/Shanghai:20210428T090000") || $0.contains("RECURRENCE-ID;TZID=Asia/Shanghai:20210429T090000") } == [true, true])

        // Cancelled before any occurrence ended: the whole series is called off.
        let early = time("2021-04-26T12:00").instant(in: ShanghaiRules())
        let calledOff = try event.cancelled(reason: "取消", at: Instant.rfc3339(millisecondsSinceEpoch: early * 1_000), now: early, occurrences: occurrences)
        #expect(calledOff.isCalledOff && calledOff.status(at: now) == .cancelled)
        #expect(occurrences.map { calledOff.status(of: $0, at: now) } == [.cancelled, .cancelled, .cancelled, .cancelled])
    }

    @Test("a change that moves a series' times until its last occurrence has ended is refused; taking out the days to come is not")
    func movedIntoThePast() throws {
        var event = try series(EventRecurrence(frequency: .daily, until: day("2021-04-28")))
        _ = try event.schedule(calendar: .empty, rules: ShanghaiRules())
        let lastUnderWay = time("2021-04-28T12:00").instant(in: ShanghaiRules())
        var earlier = EventChange()
        earlier.end = time("2021-04-26T11:00")
        #expect(throws: DomainError.invalid("end", "the series' last occurrence would end 2021-04-28T11:00 Asia/Shanghai, which has passed: the series would be held at once, and a held event cannot change")) {
            try event.changed(by: earlier, rules: ShanghaiRules(), calendar: .empty, registered: 0, at: lastUnderWay)
        }
        var lastMoved = EventChange()
        lastMoved.occurrence = OccurrenceChange(day: day("2021-04-28"), start: time("2021-04-28T08:00"), end: time("2021-04-28T10:00"))
        #expect(throws: DomainError.self) { try event.changed(by: lastMoved, rules: ShanghaiRules(), calendar: .empty, registered: 0, at: lastUnderWay) }
        // Earlier the same morning the last occurrence is still to come: the change is taken.
        let (moved, occurrences) = try event.changed(
            by: lastMoved, rules: ShanghaiRules(), calendar: .empty, registered: 0, at: time("2021-04-28T07:00").instant(in: ShanghaiRules()))
        #expect(occurrences.last?.end == time("2021-04-28T10:00") && moved.sequence == 1)
        var rest = EventChange()
        rest.exceptions = [day("2021-04-28")]
        let ended = try event.changed(by: rest, rules: ShanghaiRules(), calendar: .empty, registered: 0, at: time("2021-04-28T07:00").instant(in: ShanghaiRules()))
        #expect(ended.event.status(at: time("2021-04-28T07:00").instant(in: ShanghaiRules())) == .held)
    }

    @Test("a series changed while under way keeps what was held: moved or retitled occurrences that ended stay as they were; one the change would take out refuses it")
    func heldOccurrencesStay() throws {
        var event = try series(EventRecurrence(frequency: .daily, until: day("2021-04-30")))
        let before = try event.schedule(calendar: .empty, rules: ShanghaiRules())
        // The 26th and 27th were held.
        let now = time("2021-04-28T08:00").instant(in: ShanghaiRules())
        var later = EventChange()
        later.start = time("2021-04-26T13:00")
        later.end = time("2021-04-26T18:00")
        later.title = "线上双选会（下午场）"
        let (moved, occurrences) = try event.changed(by: later, rules: ShanghaiRules(), calendar: .empty, registered: 0, standing: before, at: now)
        #expect(Array(occurrences.prefix(2)) == before.prefix(2).map { var held = $0; held.isChanged = true; return held })
        #expect(occurrences.dropFirst(2).map(\.start) == [time("2021-04-28T13:00"), time("2021-04-29T13:00"), time("2021-04-30T13:00")])
        #expect(occurrences.dropFirst(2).allSatisfy { $0.title == "线上双选会（下午场）" && !$0.isChanged })
        #expect(moved.recurrence?.changes.map(\.day) == [day("2021-04-26"), day("2021-04-27")])
        // A start moved past held days would take them out of the series.
        var afterThem = EventChange()
        afterThem.start = time("2021-04-28T09:00")
        afterThem.end = time("2021-04-28T17:00")
        #expect(throws: DomainError.invalid("start", "the occurrence of 2021-04-26 was held (it ended 2021-04-26T17:00 Asia/Shanghai) and would leave the series: a held occurrence stays as it was")) {
            try event.changed(by: afterThem, rules: ShanghaiRules(), calendar: .empty, registered: 0, standing: before, at: now)
        }
        // Another zone alone would move the held occurrences to other instants: refused, naming
        // the zone they were held in.
        var zone = EventChange()
        zone.timeZone = "Europe/Berlin"
        #expect(throws: DomainError.invalid("timeZone", "the occurrence of 2021-04-26 was held (it ended 2021-04-26T17:00 Asia/Shanghai): a held occurrence keeps its times, so the series keeps its zone")) {
            try event.changed(by: zone, rules: CentralEuropeRules(), calendar: .empty, registered: 0, standing: before, at: now)
        }
        // Before anything was held, the whole series moves.
        let (_, early) = try event.changed(by: later, rules: ShanghaiRules(), calendar: .empty, registered: 0, standing: before, at: time("2021-04-26T08:00").instant(in: ShanghaiRules()))
        #expect(early.allSatisfy { !$0.isChanged && $0.start.localSeconds % 86_400 == 13 * 3_600 })
    }
}
