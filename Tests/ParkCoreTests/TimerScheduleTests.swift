import ParkCore
import Testing

/// The park's zone in these tests: UTC+8 all year, as Asia/Shanghai.
struct ChinaStandardTime: TimeZoneRules {
    func localTimeType(at second: Int64) -> LocalTimeType {
        LocalTimeType(utcOffset: 8 * 3600, isDaylightSaving: false, abbreviation: "CST")
    }
}

@Suite("Timers: next elapses, catch-up, overlap, working days (no clock, no I/O)")
struct TimerScheduleTests {
    static let zone = ChinaStandardTime()

    /// Microseconds since the epoch of a Shanghai wall-clock time `YYYY-MM-DD HH:MM:SS`.
    static func at(_ text: String) throws -> Int64 {
        let parts = text.split(separator: " ")
        let day = try CivilDate.parse(String(parts[0]), field: "day")
        let clock = parts[1].split(separator: ":").map { Int64($0)! }
        return (Int64(day.dayNumber) * 86_400 + clock[0] * 3600 + clock[1] * 60 + clock[2] - 8 * 3600) * 1_000_000
    }

    static func context(calendar: WorkingDayCalendar = .empty) -> ElapseContext {
        ElapseContext(parkZone: zone, calendar: calendar)
    }

    static func calendar() throws -> WorkingDayCalendar {
        try WorkingDayCalendar(CalendarFixtures.schedules())
    }

    static func timer(
        _ expressions: [String] = ["*-*-* 09:00"], persistent: Bool = false, workingDaysOnly: Bool = false, onHoliday: HolidayRule = .skip,
        accuracy: Int64 = 1_000_000
    ) throws -> TimerDefinition {
        TimerDefinition(
            name: "daily", calendars: try expressions.map { try CalendarSpec.parse($0, isTimeZone: { _ in false }) }, action: .optimize,
            persistent: persistent, accuracy: accuracy, workingDaysOnly: workingDaysOnly, onHoliday: onHoliday)
    }

    static func next(_ schedule: TimerSchedule) -> Int64? { schedule.timers[0].next.elapse?.instant }

    @Test("a timer elapses at its expression's next time, wakes the scheduler once its accuracy has passed, and runs once")
    func elapse() throws {
        var schedule = TimerSchedule([try Self.timer(accuracy: 60_000_000)], lastTriggers: [:], now: try Self.at("2021-03-01 08:00:00"), context: Self.context())
        #expect(Self.next(schedule) == (try Self.at("2021-03-01 09:00:00")))
        #expect(schedule.wakeUp == (try Self.at("2021-03-01 09:01:00")))
        #expect(schedule.due(now: try Self.at("2021-03-01 08:59:59"), context: Self.context()).isEmpty)
        let decisions = schedule.due(now: try Self.at("2021-03-01 09:00:20"), context: Self.context())
        #expect(decisions == [.run(timer: "daily", trigger: .elapse, elapse: TimerElapse(instant: try Self.at("2021-03-01 09:00:00")))])
        #expect(schedule.timers[0].lastTrigger == (try Self.at("2021-03-01 09:00:20")))
        #expect(Self.next(schedule) == (try Self.at("2021-03-02 09:00:00")))
        #expect(schedule.due(now: try Self.at("2021-03-01 09:00:21"), context: Self.context()).isEmpty)
    }

    @Test("several expressions: the earliest elapse of any")
    func severalExpressions() throws {
        let schedule = TimerSchedule(
            [try Self.timer(["*-*-* 18:00", "Mon *-*-* 07:30"])], lastTriggers: [:], now: try Self.at("2021-03-07 20:00:00"), context: Self.context())
        #expect(Self.next(schedule) == (try Self.at("2021-03-08 07:30:00")))
    }

    @Test("an expression that names its zone is read in that zone; the park's zone still decides the working day")
    func expressionZone() throws {
        struct CentralEuropeanTime: TimeZoneRules {
            func localTimeType(at second: Int64) -> LocalTimeType {
                LocalTimeType(utcOffset: 3600, isDaylightSaving: false, abbreviation: "CET")
            }
        }
        let spec = try CalendarSpec.parse("*-*-* 09:00 Europe/Berlin", isTimeZone: { $0 == "Europe/Berlin" })
        let timer = TimerDefinition(name: "berlin", calendars: [spec], action: .optimize, workingDaysOnly: true)
        let context = ElapseContext(parkZone: Self.zone, zones: ["Europe/Berlin": CentralEuropeanTime()], calendar: try Self.calendar())
        // 09:00 in Berlin is 16:00 in Shanghai: Wednesday 10 February 2021, a working day; the next
        // one is Thursday 18 February, after the festival.
        var schedule = TimerSchedule([timer], lastTriggers: [:], now: try Self.at("2021-02-10 12:00:00"), context: context)
        #expect(Self.next(schedule) == (try Self.at("2021-02-10 16:00:00")))
        _ = schedule.due(now: try Self.at("2021-02-10 16:00:00"), context: context)
        #expect(Self.next(schedule) == (try Self.at("2021-02-18 16:00:00")))
    }

    @Test("a persistent timer that missed three elapses while parkd was down runs once after start, then keeps its calendar")
    func persistentCatchUp() throws {
        let last = try Self.at("2021-03-01 09:00:05")
        var schedule = TimerSchedule(
            [try Self.timer(persistent: true)], lastTriggers: ["daily": last], now: try Self.at("2021-03-04 10:00:00"), context: Self.context())
        #expect(Self.next(schedule) == (try Self.at("2021-03-02 09:00:00")))
        // One run, for the latest of the elapses missed: the job it runs is that one's.
        let decisions = schedule.due(now: try Self.at("2021-03-04 10:00:00"), context: Self.context())
        #expect(decisions == [.run(timer: "daily", trigger: .catchUp, elapse: TimerElapse(instant: try Self.at("2021-03-04 09:00:00")))])
        schedule.finished("daily")
        #expect(Self.next(schedule) == (try Self.at("2021-03-05 09:00:00")))
        #expect(schedule.due(now: try Self.at("2021-03-04 10:00:01"), context: Self.context()).isEmpty)
    }

    @Test("a timer that is not persistent does not catch up: it counts from its activation")
    func notPersistent() throws {
        var schedule = TimerSchedule(
            [try Self.timer()], lastTriggers: ["daily": try Self.at("2021-03-01 09:00:05")], now: try Self.at("2021-03-04 10:00:00"),
            context: Self.context())
        #expect(schedule.due(now: try Self.at("2021-03-04 10:00:00"), context: Self.context()).isEmpty)
        #expect(Self.next(schedule) == (try Self.at("2021-03-05 09:00:00")))
    }

    @Test("a last run recorded in the future (the clock was set back while parkd was down) is not believed")
    func lastRunInTheFuture() throws {
        var schedule = TimerSchedule(
            [try Self.timer(persistent: true)], lastTriggers: ["daily": try Self.at("2021-03-09 09:00:00")], now: try Self.at("2021-03-04 08:00:00"),
            context: Self.context())
        #expect(schedule.timers[0].lastTrigger == nil)
        #expect(Self.next(schedule) == (try Self.at("2021-03-04 09:00:00")))
        #expect(schedule.due(now: try Self.at("2021-03-04 08:00:00"), context: Self.context()).isEmpty)
    }

    @Test("a timer that never ran does not catch up either")
    func persistentNeverRan() throws {
        let schedule = TimerSchedule([try Self.timer(persistent: true)], lastTriggers: [:], now: try Self.at("2021-03-04 10:00:00"), context: Self.context())
        #expect(Self.next(schedule) == (try Self.at("2021-03-05 09:00:00")))
    }

    @Test("a persistent timer that never ran catches up from its stamp, as systemd from its stamp file; not from a stamp in the future; a stamp is no trigger")
    func persistentStamped() throws {
        let now = try Self.at("2021-03-04 10:00:00")
        var schedule = TimerSchedule(
            [try Self.timer(persistent: true)], lastTriggers: [:], stamps: ["daily": try Self.at("2021-03-01 08:00:00")], now: now, context: Self.context())
        #expect(schedule.timers[0].lastTrigger == nil, "what timer list shows as Last")
        #expect(schedule.due(now: now, context: Self.context())
            == [.run(timer: "daily", trigger: .catchUp, elapse: TimerElapse(instant: try Self.at("2021-03-04 09:00:00")))])
        let future = TimerSchedule(
            [try Self.timer(persistent: true)], lastTriggers: [:], stamps: ["daily": try Self.at("2021-03-09 08:00:00")], now: now, context: Self.context())
        #expect(Self.next(future) == (try Self.at("2021-03-05 09:00:00")))
        let notPersistent = TimerSchedule(
            [try Self.timer()], lastTriggers: [:], stamps: ["daily": try Self.at("2021-03-01 08:00:00")], now: now, context: Self.context())
        #expect(Self.next(notPersistent) == (try Self.at("2021-03-05 09:00:00")))
    }

    @Test("an elapse while the previous run is still going is skipped and recorded, and the next one runs")
    func noOverlap() throws {
        var schedule = TimerSchedule([try Self.timer()], lastTriggers: [:], now: try Self.at("2021-03-01 08:00:00"), context: Self.context())
        let first = try Self.at("2021-03-01 09:00:00")
        #expect(schedule.due(now: first, context: Self.context()).count == 1)
        #expect(schedule.timers[0].runningSince == first)
        let second = schedule.due(now: try Self.at("2021-03-02 09:00:00"), context: Self.context())
        #expect(second == [.skip(
            timer: "daily", trigger: .elapse, elapse: TimerElapse(instant: try Self.at("2021-03-02 09:00:00")), runningSince: first)])
        #expect(Self.next(schedule) == (try Self.at("2021-03-03 09:00:00")))
        schedule.finished("daily")
        let third = schedule.due(now: try Self.at("2021-03-03 09:00:00"), context: Self.context())
        #expect(third == [.run(timer: "daily", trigger: .elapse, elapse: TimerElapse(instant: try Self.at("2021-03-03 09:00:00")))])
    }

    @Test("a run asked for now runs without touching the schedule, and is skipped while a run is going")
    func runNow() throws {
        var schedule = TimerSchedule([try Self.timer()], lastTriggers: [:], now: try Self.at("2021-03-01 08:00:00"), context: Self.context())
        let now = try Self.at("2021-03-01 08:30:00")
        #expect(schedule.runRequested("daily", now: now) == .run(timer: "daily", trigger: .manual, elapse: nil))
        #expect(schedule.runRequested("daily", now: now + 1) == .skip(timer: "daily", trigger: .manual, elapse: nil, runningSince: now))
        #expect(schedule.runRequested("weekly", now: now) == nil)
        #expect(schedule.timers[0].lastTrigger == nil)
        #expect(Self.next(schedule) == (try Self.at("2021-03-01 09:00:00")))
    }

    @Test("the clock set forward over three elapses makes one run; set back behind the last trigger, the elapses ahead happen again")
    func clockJumps() throws {
        var schedule = TimerSchedule([try Self.timer()], lastTriggers: [:], now: try Self.at("2021-03-01 08:00:00"), context: Self.context())
        let jumped = try Self.at("2021-03-04 10:00:00")
        schedule.clockChanged(now: jumped, context: Self.context())
        #expect(schedule.due(now: jumped, context: Self.context()).count == 1)
        schedule.finished("daily")
        #expect(Self.next(schedule) == (try Self.at("2021-03-05 09:00:00")))

        let back = try Self.at("2021-03-02 08:59:00")
        schedule.clockChanged(now: back, context: Self.context())
        #expect(schedule.timers[0].lastTrigger == back)
        #expect(Self.next(schedule) == (try Self.at("2021-03-02 09:00:00")))
    }

    @Test("working days only: the Spring Festival 2021 (11 to 17 February) and a Sunday are skipped, a swapped Saturday is worked")
    func workingDaysSkip() throws {
        let context = Self.context(calendar: try Self.calendar())
        var schedule = TimerSchedule([try Self.timer(workingDaysOnly: true)], lastTriggers: [:], now: try Self.at("2021-02-10 10:00:00"), context: context)
        #expect(schedule.timers[0].next == .at(TimerElapse(instant: try Self.at("2021-02-18 09:00:00"))))
        var runs: [Int64] = []
        var now = try Self.at("2021-02-10 10:00:00")
        while now < (try Self.at("2021-02-23 00:00:00")) {
            now = Self.next(schedule)!
            for case .run(_, _, let elapse?) in schedule.due(now: now, context: context) { runs.append(elapse.instant) }
            schedule.finished("daily")
        }
        #expect(try runs == ["2021-02-18", "2021-02-19", "2021-02-20", "2021-02-22", "2021-02-23"].map { try Self.at("\($0) 09:00:00") })
    }

    @Test("on_holiday next-working-day: every elapse of the Spring Festival 2021 moves to 18 February, one run")
    func workingDaysMove() throws {
        let context = Self.context(calendar: try Self.calendar())
        var schedule = TimerSchedule(
            [try Self.timer(workingDaysOnly: true, onHoliday: .nextWorkingDay)], lastTriggers: [:], now: try Self.at("2021-02-10 10:00:00"),
            context: context)
        let moved = TimerElapse(instant: try Self.at("2021-02-18 09:00:00"), movedFrom: try CivilDate.parse("2021-02-11", field: "day"))
        #expect(schedule.timers[0].next == .at(moved))
        #expect(schedule.due(now: moved.instant, context: context) == [.run(timer: "daily", trigger: .elapse, elapse: moved)])
        schedule.finished("daily")
        #expect(schedule.timers[0].next == .at(TimerElapse(instant: try Self.at("2021-02-19 09:00:00"))))
    }

    @Test("a catch-up run on a day off does not lose the elapse of the day before, moved to the next working day still to come")
    func catchUpKeepsAMovedElapse() throws {
        let context = Self.context(calendar: try Self.calendar())
        let definition = try Self.timer(["*-*-01 09:00"], persistent: true, workingDaysOnly: true, onHoliday: .nextWorkingDay)
        // Last run 2 August (1 August 2021 was a Sunday); parkd down until Sunday 3 October, in the National Day holiday.
        let now = try Self.at("2021-10-03 12:00:00")
        var schedule = TimerSchedule([definition], lastTriggers: ["daily": try Self.at("2021-08-02 09:00:01")], now: now, context: context)
        #expect(schedule.due(now: now, context: context) == [
            .run(timer: "daily", trigger: .catchUp, elapse: TimerElapse(instant: try Self.at("2021-09-01 09:00:00"))),
        ])
        schedule.finished("daily")
        let october = TimerElapse(instant: try Self.at("2021-10-08 09:00:00"), movedFrom: try CivilDate.parse("2021-10-01", field: "day"))
        #expect(schedule.timers[0].next == .at(october))
        #expect(schedule.due(now: october.instant, context: context) == [.run(timer: "daily", trigger: .elapse, elapse: october)])
    }

    @Test("a monthly elapse on a day off moves to the next working day at the same time of day")
    func monthlyMove() throws {
        let context = Self.context(calendar: try Self.calendar())
        let schedule = TimerSchedule(
            [try Self.timer(["*-*-13 15:30"], workingDaysOnly: true, onHoliday: .nextWorkingDay)], lastTriggers: [:],
            now: try Self.at("2021-02-01 00:00:00"), context: context)
        #expect(Self.next(schedule) == (try Self.at("2021-02-18 15:30:00")))
    }

    @Test("an elapse in a year the calendar does not cover is not guessed: the timer waits, saying why")
    func yearNotCovered() throws {
        let schedule = TimerSchedule(
            [try Self.timer(workingDaysOnly: true)], lastTriggers: [:], now: try Self.at("2021-12-31 10:00:00"),
            context: Self.context(calendar: try Self.calendar()))
        guard case .blocked(let reason) = schedule.timers[0].next else {
            Issue.record("expected a blocked timer, got \(schedule.timers[0].next)")
            return
        }
        #expect(reason.contains("2022"), "\(reason)")
        #expect(schedule.wakeUp == nil)
    }

    @Test("an expression that elapses next in a year not covered holds back only what would come after it", arguments: [
        ["*-01-10 09:00", "*-12-21 09:00"], ["*-12-21 09:00", "*-01-10 09:00"],
    ])
    func oneExpressionNotCovered(_ expressions: [String]) throws {
        let context = Self.context(calendar: try Self.calendar())
        let schedule = TimerSchedule(
            [try Self.timer(expressions, workingDaysOnly: true)], lastTriggers: [:], now: try Self.at("2021-06-01 10:00:00"), context: context)
        #expect(schedule.timers[0].next == .at(TimerElapse(instant: try Self.at("2021-12-21 09:00:00"))))
        let after = TimerSchedule(
            [try Self.timer(expressions, workingDaysOnly: true)], lastTriggers: [:], now: try Self.at("2021-12-22 10:00:00"), context: context)
        guard case .blocked(let reason) = after.timers[0].next else {
            Issue.record("expected a blocked timer, got \(after.timers[0].next)")
            return
        }
        #expect(reason.contains("2022"), "\(reason)")
    }

    @Test("a reload keeps an unchanged timer's state, and activates a changed one keeping its last trigger")
    func reload() throws {
        var schedule = TimerSchedule([try Self.timer()], lastTriggers: [:], now: try Self.at("2021-03-01 08:00:00"), context: Self.context())
        _ = schedule.due(now: try Self.at("2021-03-01 09:00:00"), context: Self.context())
        schedule.reconfigure([try Self.timer()], now: try Self.at("2021-03-01 09:10:00"), context: Self.context())
        #expect(schedule.timers[0].runningSince != nil)
        schedule.reconfigure([try Self.timer(["*-*-* 10:00"])], now: try Self.at("2021-03-01 09:20:00"), context: Self.context())
        #expect(schedule.timers[0].lastTrigger == (try Self.at("2021-03-01 09:00:00")))
        #expect(schedule.timers[0].runningSince != nil)
        #expect(Self.next(schedule) == (try Self.at("2021-03-01 10:00:00")))
        schedule.reconfigure([], now: try Self.at("2021-03-01 09:30:00"), context: Self.context())
        #expect(schedule.timers.isEmpty && schedule.wakeUp == nil)
    }

    @Test("time spans as systemd writes them", arguments: [
        ("1min", Int64(60_000_000)), ("30s", 30_000_000), ("1h 30min", 5_400_000_000), ("500ms", 500_000), ("2", 2_000_000), ("1d", 86_400_000_000),
    ])
    func timeSpans(_ text: String, _ microseconds: Int64) {
        #expect(TimeSpan.parse(text) == microseconds)
        #expect(TimeSpan.parse(TimeSpan.describe(microseconds)) == microseconds)
    }

    @Test("text that is no time span is refused", arguments: ["", "min", "1 fortnight", "-1s", "1.5h"])
    func badTimeSpans(_ text: String) {
        #expect(TimeSpan.parse(text) == nil)
    }
}

@Suite("What scheduled jobs decide: backups kept, reports missing, leases ending")
struct ScheduledJobDecisionTests {
    static func day(_ text: String) throws -> CivilDate { try CivilDate.parse(text, field: "day") }

    @Test("retention keeps the newest copy of each of the latest N days and of the latest M months")
    func retention() throws {
        let copies = try [
            "parkd-20260131T020000Z.sqlite", "parkd-20260227T020000Z.sqlite", "parkd-20260228T020000Z.sqlite",
            "parkd-20260301T020000Z.sqlite", "parkd-20260302T020000Z.sqlite", "parkd-20260302T100000Z.sqlite",
        ].map { try #require(BackupCopyName($0)) }
        // Days: 03-02 10:00 (the newer of 03-02's), 03-01. Months: 03-02 10:00 (March), 02-28 (February).
        #expect(Set(BackupRetention.removable(copies, keepDaily: 2, keepMonthly: 2))
            == ["parkd-20260131T020000Z.sqlite", "parkd-20260227T020000Z.sqlite", "parkd-20260302T020000Z.sqlite"])
        #expect(BackupRetention.removable(copies, keepDaily: 0, keepMonthly: 0).count == 5, "the newest copy always stays")
    }

    @Test("after the clock was set back, the copy just made stays, though copies made before it are named later")
    func justMadeAfterClockSetBack() throws {
        let before = try #require(BackupCopyName("parkd-20260317T020000Z.sqlite"))
        let justMade = try #require(BackupCopyName("parkd-20260317T010000Z.sqlite"))
        let older = try #require(BackupCopyName("parkd-20260316T020000Z.sqlite"))
        #expect(BackupRetention.removable([before, justMade, older], keepDaily: 7, keepMonthly: 12) == [justMade.name], "ranked by name alone")
        #expect(BackupRetention.removable([before, justMade, older], keepDaily: 7, keepMonthly: 12, justMade: justMade.name).isEmpty)
        #expect(BackupRetention.removable([before, justMade, older], keepDaily: 0, keepMonthly: 0, justMade: justMade.name) == [older.name])
    }

    @Test("a second copy in the same second is the newer one, though its name sorts first")
    func sameSecond() throws {
        let first = try #require(BackupCopyName("parkd-20261130T120000Z.sqlite"))
        let second = try #require(BackupCopyName("parkd-20261130T120000Z-2.sqlite"))
        let tenth = try #require(BackupCopyName("parkd-20261130T120000Z-10.sqlite"))
        #expect(first < second && second < tenth)
        #expect(BackupRetention.removable([second, first], keepDaily: 1, keepMonthly: 0) == [first.name])
        #expect(BackupRetention.removable([first, tenth, second], keepDaily: 1, keepMonthly: 1) == [second.name, first.name])
        #expect(first.day == (try Self.day("2026-11-30")) && second.secondsSinceEpoch == first.secondsSinceEpoch)
    }

    @Test("only parkd's own copy names are copies", arguments: [
        ".partial-parkd-20261130T120000Z.sqlite", "parkd-20261130T120000Z.sqlite-journal", "parkd-20261130T120000Z-1.sqlite",
        "parkd-20261130T120000Z-02.sqlite", "parkd-20261130T120000Z-x.sqlite", "parkd-20261130T250000Z.sqlite", "parkd-20261131T120000Z.sqlite",
        "parkd-20261130120000Z.sqlite", "parkd-latest.sqlite", "notes.txt",
    ])
    func notACopy(_ name: String) {
        #expect(BackupCopyName(name) == nil)
    }

    @Test("the month whose report is overdue: the one before last until the due day has passed")
    func monthDue() throws {
        #expect(MissingReports.monthDue(today: try Self.day("2026-03-11"), dueDay: 10) == Month(year: 2026, month: 2))
        #expect(MissingReports.monthDue(today: try Self.day("2026-03-10"), dueDay: 10) == Month(year: 2026, month: 1))
        #expect(MissingReports.monthDue(today: try Self.day("2026-01-05"), dueDay: 3) == Month(year: 2025, month: 12))
    }

    @Test("tenants with a lease in the month and no report of it owe one")
    func missing() throws {
        func lease(_ id: Int64, tenant: Int64, _ start: String, _ end: String) throws -> Lease {
            Lease(
                id: id, tenantID: tenant, units: [], start: try Self.day(start), end: try Self.day(end), terminatedOn: nil, rents: [],
                deposit: Money(fen: 0), billingDay: 1)
        }
        let leases = try [
            lease(1, tenant: 1, "2025-01-01", "2026-12-31"), lease(2, tenant: 2, "2025-01-01", "2026-01-31"),
            lease(3, tenant: 3, "2026-02-15", "2027-02-14"), lease(4, tenant: 4, "2026-03-01", "2027-02-28"),
        ]
        let missing = MissingReports(month: Month(year: 2026, month: 2), dueDay: 10, leases: leases, reported: [3])
        #expect(missing.tenantIDs == [1])
        #expect(missing.dueOn == (try Self.day("2026-03-10")))
        let ending = LeaseExpiry.ending(leases, within: 30, today: try Self.day("2026-01-05"))
        #expect(ending.map(\.id) == [2])
        // Ended early to a day within the window: listed by that day; to a day past, not at all.
        var terminated = leases
        try terminated[0].terminate(on: Self.day("2026-01-20"))
        try terminated[3].terminate(on: Self.day("2026-03-31"))
        #expect(LeaseExpiry.ending(terminated, within: 30, today: try Self.day("2026-01-05")).map(\.id) == [1, 2])
    }
}
