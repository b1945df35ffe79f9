import MemberwiseInit

/// `io.parkd.Calendar`: the working-day calendar every deadline in working days is counted with.
public enum CalendarAPI {
    public static let interface = VarlinkInterface(name: "io.parkd.Calendar", methods: [get, addWorkingDays, next], errors: errors, definition: """
        # The days the park works: Monday to Friday, less the holidays of the State Council's
        # yearly schedule, plus the Saturdays and Sundays it swaps into working days (调休).
        # parkd reads one schedule file a year from its calendar directory at start and on every
        # reload. A count that reaches a year with no schedule is refused, never guessed.
        interface io.parkd.Calendar

        # A public holiday of the State Council's schedule: its run of days off.
        type Holiday (
          # English name, such as National Day.
          name: string,
          # Chinese name, such as 国庆节.
          chineseName: string,
          # First day off (YYYY-MM-DD).
          from: string,
          # Last day off (YYYY-MM-DD).
          to: string,
          # Days from `from` to `to`, weekend days included.
          days: int,
          # Of those days, the Mondays to Fridays: working days the holiday takes.
          weekdaysOff: int
        )

        # A Saturday or Sunday worked to bridge a holiday (调休).
        type SwappedWorkingDay (
          # The Saturday or Sunday worked (YYYY-MM-DD).
          day: string,
          # Saturday or Sunday.
          weekday: string,
          # English name of the holiday it is worked for.
          makesUpFor: string
        )

        # One year of the calendar.
        method Get(
          # A calendar year, such as 2021.
          year: int
        ) -> (
          # The year asked for.
          year: int,
          # Days worked in the year.
          workingDays: int,
          # Mondays to Fridays in the year.
          weekdays: int,
          # Mondays to Fridays off for a holiday.
          weekdaysOff: int,
          # The holidays, earliest first.
          holidays: []Holiday,
          # The Saturdays and Sundays worked, earliest first.
          swappedWorkingDays: []SwappedWorkingDay
        )

        # `days` working days after `date`: the `days`th working day after it. With 0, the date
        # itself when it is a working day, else the first working day after it.
        method AddWorkingDays(
          # The day counted from (YYYY-MM-DD).
          date: string,
          # Working days to count, 0 or more.
          days: int
        ) -> (
          # The day counted from (YYYY-MM-DD).
          date: string,
          # The working days counted.
          days: int,
          # The day the count ends on (YYYY-MM-DD).
          result: string,
          # The holidays passed over, each with only the days the count passed over (the two
          # parts of a New Year holiday across 31 December are one).
          holidays: []Holiday,
          # The Saturdays and Sundays counted as working days.
          swappedWorkingDays: []SwappedWorkingDay
        )

        # One elapse of a calendar expression.
        type Elapse (
          # Microseconds since the epoch.
          instant: int,
          # As systemd prints it in `displayTimeZone`, such as `Fri 2026-01-30 09:00:00 CET`.
          local: string,
          # As systemd prints it in UTC, such as `Fri 2026-01-30 08:00:00 UTC`.
          utc: string
        )

        # The next elapses of a calendar expression of systemd.time(7) ("Calendar Events"),
        # such as `Mon..Fri *-*-* 09:00` or `daily Asia/Shanghai`, exactly as
        # `systemd-analyze calendar` computes them. Nothing is scheduled.
        method Next(
          # The expression.
          expression: string,
          # How many elapses, each counted from the one before: 1 to 1000; 1 when absent.
          iterations: ?int,
          # The time counted from, as `@SECONDS` since the epoch (a fraction allowed); now when
          # absent.
          baseTime: ?string,
          # The zone `local` is shown in (an IANA name such as Europe/Berlin, or a POSIX TZ rule
          # such as CET-1CEST,M3.5.0,M10.5.0/3); UTC when absent.
          displayTimeZone: ?string
        ) -> (
          # The expression as given.
          original: string,
          # The expression as systemd writes it back.
          normalized: string,
          # The zone the expression is read in: the one it names, else the park's
          # (park.time_zone).
          timeZone: string,
          # The elapses, earliest first; fewer than asked when it stops elapsing, none when it
          # never elapses again.
          elapses: []Elapse
        )

        # The calendar holds no holiday schedule of `year`, which the question needs.
        error YearNotCovered (
          # The year not covered.
          year: int
        )

        """)

    public static let get = VarlinkMethod<Get, GetReply>("io.parkd.Calendar.Get", access: .read)
    public static let addWorkingDays = VarlinkMethod<AddWorkingDays, AddWorkingDaysReply>("io.parkd.Calendar.AddWorkingDays", access: .read)
    public static let next = VarlinkMethod<Next, NextReply>("io.parkd.Calendar.Next", access: .read)

    @MemberwiseInit
    public struct Next: Codable, Sendable {
        public var expression: String
        public var iterations: Int? = nil
        public var baseTime: String? = nil
        public var displayTimeZone: String? = nil
    }

    @MemberwiseInit
    public struct Elapse: Codable, Sendable, Equatable {
        public var instant: Int64
        public var local: String
        public var utc: String
    }

    @MemberwiseInit
    public struct NextReply: Codable, Sendable, Equatable {
        public var original: String
        public var normalized: String
        public var timeZone: String
        public var elapses: [Elapse]
    }

    @MemberwiseInit
    public struct Holiday: Codable, Sendable, Equatable {
        public var name: String
        public var chineseName: String
        public var from: String
        public var to: String
        public var days: Int
        public var weekdaysOff: Int
    }

    @MemberwiseInit
    public struct SwappedWorkingDay: Codable, Sendable, Equatable {
        public var day: String
        public var weekday: String
        public var makesUpFor: String
    }

    @MemberwiseInit
    public struct Get: Codable, Sendable {
        public var year: Int
    }

    @MemberwiseInit
    public struct GetReply: Codable, Sendable, Equatable {
        public var year: Int
        public var workingDays: Int
        public var weekdays: Int
        public var weekdaysOff: Int
        public var holidays: [Holiday]
        public var swappedWorkingDays: [SwappedWorkingDay]
    }

    @MemberwiseInit
    public struct AddWorkingDays: Codable, Sendable {
        public var date: String
        public var days: Int
    }

    @MemberwiseInit
    public struct AddWorkingDaysReply: Codable, Sendable, Equatable {
        public var date: String
        public var days: Int
        public var result: String
        public var holidays: [Holiday]
        public var swappedWorkingDays: [SwappedWorkingDay]
    }
}
