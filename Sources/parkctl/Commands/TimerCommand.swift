import ArgumentParser
import Foundation
import ParkControl

struct TimerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "timer",
        abstract: "The park's scheduled jobs (timers: in parkd's configuration): when they run next, their runs, a run now.",
        subcommands: [List.self, Show.self, RunNow.self, History.self])
}

extension TimerCommand {
    struct List: ParkctlCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the timers as systemctl list-timers does: NEXT, LEFT, LAST, PASSED, TIMER, ACTION.",
            discussion: """
                Times are shown in this machine's zone ($TZ, else /etc/localtime), LEFT and PASSED \
                counted from parkd's clock.
                """)

        @ParentCommand var parkctl: Parkctl
        static let fieldOptions: FieldOptions = ["displayTimeZone": "TZ"]

        func run() async throws {
            let zone = CalendarCommand.Next.localTimeZone()
            try await respond(TimerAPI.list, TimerAPI.List(displayTimeZone: zone), text: Self.text)
        }

        static func text(_ reply: TimerAPI.ListReply) -> String {
            var table = Table("NEXT", "LEFT", "LAST", "PASSED", "TIMER", "ACTION")
            for timer in reply.timers {
                table.add([
                    timer.nextLocal ?? "n/a", timer.next.map { Relative.describe($0 - reply.now) } ?? "n/a",
                    timer.lastLocal ?? "n/a", timer.last.map { Relative.describe($0 - reply.now) } ?? "n/a",
                    timer.name, timer.arguments.isEmpty ? timer.action : "\(timer.action) \(timer.arguments)",
                ])
            }
            let count = reply.timers.count == 1 ? "1 timer listed." : "\(reply.timers.count) timers listed."
            // Why a timer has no next elapse, as `timer show` says it: a NEXT of n/a is not left unexplained.
            let notes = reply.timers.filter { $0.next == nil }.compactMap { timer in timer.nextNote.map { "\(timer.name): no next elapse: \($0)" } }
            return reply.timers.isEmpty ? "0 timers listed." : ([table.render(), "", count] + notes).joined(separator: "\n")
        }
    }

    struct Show: ParkctlCommand {
        static let configuration = CommandConfiguration(abstract: "Show a timer: its calendar expressions, its settings, its ten latest runs.")

        @ParentCommand var parkctl: Parkctl
        @Argument(help: ArgumentHelp("The timer's name.", valueName: "name")) var name: String
        static let fieldOptions: FieldOptions = ["name": "NAME", "displayTimeZone": "TZ"]

        func run() async throws {
            let zone = CalendarCommand.Next.localTimeZone()
            try await respond(TimerAPI.get, TimerAPI.Get(name: name, displayTimeZone: zone), text: Self.text)
        }

        static func text(_ reply: TimerAPI.GetReply) -> String {
            let timer = reply.timer
            var lines = ["          Timer: \(timer.name)"]
            for (index, calendar) in timer.calendars.enumerated() {
                lines.append((index == 0 ? "    On calendar: " : "                 ") + calendar)
            }
            lines.append("         Action: " + (timer.arguments.isEmpty ? timer.action : "\(timer.action) \(timer.arguments)"))
            lines.append("     Persistent: \(timer.persistent ? "yes" : "no")")
            lines.append("       Accuracy: \(timer.accuracy)")
            lines.append("   Working days: " + (timer.workingDaysOnly ? "only (on a day off: \(timer.onHoliday))" : "every day"))
            let next = timer.nextLocal.map { local in "\(local) (\(timer.next.map { Relative.describe($0 - reply.now) } ?? ""))" } ?? "n/a"
            lines.append("           Next: " + next + (timer.nextNote.map { "; \($0)" } ?? ""))
            let last = timer.lastLocal.map { local in "\(local) (\(timer.last.map { Relative.describe($0 - reply.now) } ?? ""))" } ?? "n/a"
            lines.append("           Last: " + last + (timer.lastOutcome.map { ", \($0)" } ?? ""))
            lines.append("        Running: \(timer.running ? "yes" : "no")")
            guard !reply.runs.isEmpty else { return lines.joined(separator: "\n") + "\n\nno runs yet" }
            return lines.joined(separator: "\n") + "\n\n" + History.table(reply.runs)
        }
    }

    struct RunNow: ParkctlCommand {
        static let configuration = CommandConfiguration(
            commandName: "run-now",
            abstract: "Run a timer's action now and wait for it to end; the timer's schedule is unchanged.",
            discussion: """
                While the timer's previous run is still going, this one is not started: it is \
                recorded as skipped, and parkctl exits 75 (EX_TEMPFAIL). A run that fails exits 70.
                """)

        @ParentCommand var parkctl: Parkctl
        @Argument(help: ArgumentHelp("The timer's name.", valueName: "name")) var name: String
        static let fieldOptions: FieldOptions = ["name": "NAME"]

        func run() async throws {
            let reply = try await respond(TimerAPI.run, TimerAPI.Run(name: name), text: { History.describe($0.run) })
            switch reply.run.outcome {
            case "skipped": throw ExitCode(75)
            case "failed", "interrupted": throw ExitCode(70)
            default: return
            }
        }
    }

    struct History: ParkctlCommand {
        static let configuration = CommandConfiguration(abstract: "The recorded runs of the timers (of one timer with NAME), the latest recorded first.")

        @ParentCommand var parkctl: Parkctl
        @Argument(help: ArgumentHelp("Only this timer's runs.", valueName: "name")) var name: String?
        @Option(parsing: .unconditional, help: ArgumentHelp("At most this many runs, 1 to 1000 (default 20).", valueName: "N")) var limit: Int?
        static let fieldOptions: FieldOptions = ["name": "NAME", "limit": "--limit"]

        func run() async throws {
            try await respond(TimerAPI.history, TimerAPI.History(name: name, limit: limit)) { reply in
                guard !reply.runs.isEmpty else { return "no runs" }
                // Older runs left out are said, and how to see them, as a list cut short is.
                let shown = reply.runs.count
                let more = reply.more == true
                    ? "\nmore: the \(shown) latest shown; parkctl timer history\(name.map { " " + $0 } ?? "") --limit \(min(1000, shown * 5)) shows more" : ""
                return Self.table(reply.runs) + more
            }
        }

        static func table(_ runs: [TimerAPI.TimerRun]) -> String {
            var table = Table(columns: [
                .init(title: "RUN", alignment: .right), .init(title: "TIMER"), .init(title: "TRIGGER"), .init(title: "STARTED"),
                .init(title: "ENDED"), .init(title: "OUTCOME"), .init(title: "RESULT"),
            ])
            for run in runs {
                table.add([
                    String(run.id), run.timer, run.trigger + (run.movedFrom.map { " (moved from \($0))" } ?? ""), run.startedAt,
                    run.endedAt ?? "-", run.outcome, run.result,
                ])
                for detail in run.details { table.add(["", "", "", "", "", "", "  " + detail]) }
            }
            return table.render()
        }

        static func describe(_ run: TimerAPI.TimerRun) -> String {
            var lines = ["run \(run.id) of \(run.timer) (\(run.action)\(run.arguments.isEmpty ? "" : " " + run.arguments)): \(run.outcome)"]
            lines.append("started \(run.startedAt), " + (run.endedAt.map { "ended \($0)" } ?? "still running"))
            lines.append(run.result)
            lines += run.details.map { "  " + $0 }
            return lines.joined(separator: "\n")
        }
    }
}

/// A time span from now as `systemctl list-timers` writes it: `3h 20min left`, `1 day 5h ago`.
enum Relative {
    static func describe(_ microseconds: Int64) -> String {
        let span = microseconds.magnitude
        let suffix = microseconds > 0 ? " left" : " ago"
        let second: UInt64 = 1_000_000, minute = 60 * second, hour = 60 * minute, day = 24 * hour, week = 7 * day
        let month = 2_629_800 * second, year = 31_557_600 * second
        let text: String
        switch span {
        case year...: text = count(span / year, "year") + " " + count((span % year) / month, "month")
        case month...: text = count(span / month, "month") + " " + count((span % month) / day, "day")
        case week...: text = count(span / week, "week") + " " + count((span % week) / day, "day")
        case (2 * day)...: text = "\(span / day) days"
        case (25 * hour)...: text = "1 day \((span - day) / hour)h"
        case (6 * hour)...: text = "\(span / hour)h"
        case hour...: text = "\(span / hour)h \((span % hour) / minute)min"
        case (5 * minute)...: text = "\(span / minute)min"
        case minute...: text = "\(span / minute)min \((span % minute) / second)s"
        case second...: text = "\(span / second)s"
        case 1_000...: text = "\(span / 1_000)ms"
        case 1...: text = "\(span)us"
        default: return "now"
        }
        return text + suffix
    }

    /// `1 month`, `2 months`, `0 days`: as systemd words a count.
    private static func count(_ value: UInt64, _ unit: String) -> String {
        "\(value) \(unit)\(value == 1 ? "" : "s")"
    }
}
