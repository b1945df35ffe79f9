import ParkCore
@testable import ParkDaemon
import Testing

@Suite("The timers of the configuration")
struct TimersConfigTests {
    @Test("timers are read with their expressions, action, arguments and settings; unset ones take systemd's defaults")
    func read() throws {
        let config = try ConfigLoader.parse("""
            timers:
              - name: monthly-rewards
                on_calendar: ["*-*-05 09:00", "*-*-20 09:00 Asia/Shanghai"]
                action: reward-run-monthly
                persistent: true
                accuracy: 1h 30min
                working_days_only: yes
                on_holiday: next-working-day
              - name: nightly-backup
                on_calendar: daily
                action: backup
                arguments:
                  keep_monthly: 24
            """, file: "t.yaml")
        #expect(config.timers.count == 2)
        let rewards = config.timers[0]
        #expect(rewards.name == "monthly-rewards" && rewards.action == .monthlyRewardRun)
        #expect(rewards.calendars.map(\.normalized) == ["*-*-05 09:00:00", "*-*-20 09:00:00 Asia/Shanghai"])
        #expect(rewards.persistent && rewards.workingDaysOnly && rewards.onHoliday == .nextWorkingDay)
        #expect(rewards.accuracy == 5_400_000_000)
        let backup = config.timers[1]
        #expect(backup.action == .backup(keepDaily: 7, keepMonthly: 24))
        #expect(!backup.persistent && backup.accuracy == TimerDefinition.defaultAccuracy && !backup.workingDaysOnly)
    }

    @Test("a bad timer is refused naming the timer and the field", arguments: [
        ("  - name: a\n    on_calendar: \"*-02-30 25:00\"\n    action: optimize\n",
         "t.yaml:3:18: timers.a.on_calendar: '*-02-30 25:00' is not a calendar expression"),
        ("  - name: a\n    on_calendar: daily\n    action: shell\n",
         "t.yaml:4:13: timers.a.action: 'shell' is not an action; use one of reward-run-monthly, reward-run-annual, missing-reports, lease-expiry, backup, optimize"),
        ("  - name: a\n    on_calendar: daily\n    action: backup\n    arguments: {keep_weekly: 2}\n",
         "timers.a.arguments.keep_weekly: is not an argument of backup: it takes keep_daily, keep_monthly"),
        ("  - name: a\n    on_calendar: daily\n    action: lease-expiry\n    arguments: {within_days: 0}\n",
         "timers.a.arguments.within_days: must be a whole number from 1 to 366"),
        ("  - name: a\n    on_calendar: daily\n    action: optimize\n    accuracy: soon\n",
         "t.yaml:5:15: timers.a.accuracy: 'soon' is not a time span from 1us to 1d, such as 1min or 30s"),
        ("  - name: a\n    on_calendar: daily\n    action: optimize\n    on_holiday: skip\n",
         "t.yaml:5:17: timers.a.on_holiday: applies only with working_days_only: true"),
        ("  - name: a\n    on_calendar: daily\n    action: optimize\n    persistent: maybe\n",
         "t.yaml:5:17: timers.a.persistent: 'maybe' must be true or false"),
        ("  - name: a\n    action: optimize\n", "timers.a.on_calendar: is missing: when the timer elapses"),
        ("  - name: a\n    on_calendar: daily\n", "timers.a.action: is missing: what the timer does"),
        ("  - on_calendar: daily\n    action: optimize\n", "timers[0].name: is missing: every timer has a name"),
        ("  - name: a b\n    on_calendar: daily\n    action: optimize\n", "timers[0].name: 'a b' is not a timer name"),
        ("  - name: a\n    on_calendar: daily\n    action: optimize\n  - name: a\n    on_calendar: daily\n    action: optimize\n",
         "t.yaml:5:11: timers.a.name: is given to more than one timer"),
        ("  - name: a\n    on_calendar: daily\n    action: optimize\n    command: rm\n", "t.yaml:5:5: timers.a.command: unknown key"),
    ])
    func refused(_ body: String, _ message: String) {
        #expect {
            try ConfigLoader.parse("timers:\n" + body, file: "t.yaml")
        } throws: { error in
            (error as? ConfigError)?.description.contains(message) == true
        }
    }
}
