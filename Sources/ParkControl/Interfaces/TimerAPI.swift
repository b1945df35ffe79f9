import MemberwiseInit

/// `io.parkd.Timer`: the park's scheduled jobs, as `systemctl list-timers` shows systemd's.
public enum TimerAPI {
    public static let interface = VarlinkInterface(name: "io.parkd.Timer", methods: [list, get, run, history], errors: errors, definition: """
        # The park's scheduled jobs: timers of the configuration (`timers:`), each elapsing at the
        # calendar expressions it lists (systemd.time(7), as systemd's OnCalendar=) and running one
        # of parkd's own operations. Every run is recorded: start, end, outcome and what it did.
        interface io.parkd.Timer

        # A timer and where it stands.
        type Timer (
          # Its name in the configuration.
          name: string,
          # The operation it runs: reward-run-monthly, reward-run-annual, missing-reports,
          # lease-expiry, backup, optimize, close-notices or move-ins.
          action: string,
          # The action's arguments as `key=value` words; empty for none.
          arguments: string,
          # Its calendar expressions, as systemd writes them back.
          calendars: []string,
          # A run missed while parkd was down runs once after start.
          persistent: bool,
          # How late a run may start after its elapse, as systemd writes a time span (`1min`).
          accuracy: string,
          # Elapses on days off of the working-day calendar are skipped or moved.
          workingDaysOnly: bool,
          # With workingDaysOnly: skip or next-working-day.
          onHoliday: string,
          # When it runs next, microseconds since the epoch; absent when it never elapses again
          # or cannot be computed (see nextNote).
          next: ?int,
          # Why there is no next elapse, or the day off the next one was moved from; absent when
          # there is nothing to say.
          nextNote: ?string,
          # `next` as systemd prints a time in the zone asked for, such as
          # `Mon 2026-01-05 09:00:00 CST`.
          nextLocal: ?string,
          # When its last scheduled run was triggered, microseconds since the epoch; absent when
          # it has not run.
          last: ?int,
          # `last` as systemd prints a time in the zone asked for.
          lastLocal: ?string,
          # How its latest run ended: running, succeeded, failed, skipped or interrupted.
          lastOutcome: ?string,
          # True while its action runs.
          running: bool
        )

        # One run of a timer.
        type TimerRun (
          # The run's number.
          id: int,
          # The timer it ran for.
          timer: string,
          # The operation it ran.
          action: string,
          # The action's arguments as `key=value` words.
          arguments: string,
          # Why it started: elapse, catch-up (missed while parkd was down) or run-now.
          trigger: string,
          # The elapse it ran for (RFC 3339); absent for run-now.
          elapse: ?string,
          # The day off the elapse was moved from (YYYY-MM-DD), when it was.
          movedFrom: ?string,
          # When it started (RFC 3339).
          startedAt: string,
          # When it ended (RFC 3339); absent while it runs.
          endedAt: ?string,
          # running, succeeded, failed, skipped (the previous run was still going) or
          # interrupted (parkd stopped first).
          outcome: string,
          # What it did, or why it failed or was skipped, in one sentence.
          result: string,
          # What it found or made, one item a line (tenants without a report, leases ending,
          # the backup's file).
          details: []string
        )

        # Every timer, soonest next elapse first.
        method List(
          # The zone nextLocal and lastLocal are shown in (an IANA name, or a POSIX TZ rule such
          # as CST-8); UTC when absent.
          displayTimeZone: ?string
        ) -> (
          # parkd's clock now, microseconds since the epoch: what LEFT and PASSED count from.
          now: int,
          # The timers.
          timers: []Timer
        )

        # One timer and its latest runs.
        method Get(
          # The timer's name.
          name: string,
          # The zone nextLocal and lastLocal are shown in (an IANA name, or a POSIX TZ rule such
          # as CST-8); UTC when absent.
          displayTimeZone: ?string
        ) -> (
          # parkd's clock now, microseconds since the epoch.
          now: int,
          # The timer.
          timer: Timer,
          # Its ten latest runs, the latest recorded first.
          runs: []TimerRun
        )

        # Runs a timer's action now and waits for it to end; its schedule is unchanged. While
        # its previous run is still going, this run is recorded as skipped.
        method Run(
          # The timer's name.
          name: string
        ) -> (
          # The run.
          run: TimerRun
        )

        # The recorded runs, the latest recorded first.
        method History(
          # Only this timer's runs; every timer's when absent.
          name: ?string,
          # At most this many, 1 to 1000; 20 when absent.
          limit: ?int
        ) -> (
          # The runs, the latest recorded first.
          runs: []TimerRun,
          # True when older runs were left out (past the limit).
          more: ?bool
        )

        # No timer of that name is configured.
        error NoSuchTimer (
          # The name asked for.
          name: string
        )

        """)

    public static let list = VarlinkMethod<List, ListReply>("io.parkd.Timer.List", access: .read)
    public static let get = VarlinkMethod<Get, GetReply>("io.parkd.Timer.Get", access: .read)
    public static let run = VarlinkMethod<Run, RunReply>("io.parkd.Timer.Run", access: .write)
    public static let history = VarlinkMethod<History, HistoryReply>("io.parkd.Timer.History", access: .read)

    @MemberwiseInit
    public struct Timer: Codable, Sendable, Equatable {
        public var name: String
        public var action: String
        public var arguments: String
        public var calendars: [String]
        public var persistent: Bool
        public var accuracy: String
        public var workingDaysOnly: Bool
        public var onHoliday: String
        public var next: Int64?
        public var nextNote: String?
        public var nextLocal: String?
        public var last: Int64?
        public var lastLocal: String?
        public var lastOutcome: String?
        public var running: Bool
    }

    @MemberwiseInit
    public struct Run: Codable, Sendable, Equatable {
        public var name: String
    }

    @MemberwiseInit
    public struct TimerRun: Codable, Sendable, Equatable {
        public var id: Int64
        public var timer: String
        public var action: String
        public var arguments: String
        public var trigger: String
        public var elapse: String?
        public var movedFrom: String?
        public var startedAt: String
        public var endedAt: String?
        public var outcome: String
        public var result: String
        public var details: [String]
    }

    @MemberwiseInit
    public struct ListReply: Codable, Sendable, Equatable {
        public var now: Int64
        public var timers: [Timer]
    }

    @MemberwiseInit
    public struct List: Codable, Sendable {
        public var displayTimeZone: String? = nil
    }

    @MemberwiseInit
    public struct Get: Codable, Sendable {
        public var name: String
        public var displayTimeZone: String? = nil
    }

    @MemberwiseInit
    public struct GetReply: Codable, Sendable, Equatable {
        public var now: Int64
        public var timer: Timer
        public var runs: [TimerRun]
    }

    @MemberwiseInit
    public struct RunReply: Codable, Sendable, Equatable {
        public var run: TimerRun
    }

    @MemberwiseInit
    public struct History: Codable, Sendable {
        public var name: String? = nil
        public var limit: Int? = nil
    }

    @MemberwiseInit
    public struct HistoryReply: Codable, Sendable, Equatable {
        public var runs: [TimerRun]
        public var more: Bool? = nil
    }
}
