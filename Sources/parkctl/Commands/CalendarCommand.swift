import ArgumentParser
import Foundation
import ParkControl

struct CalendarCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar",
        abstract: "The working-day calendar: the State Council's holidays and swapped working days, and counts of working days; "
            + "when calendar expressions elapse.",
        subcommands: [Show.self, AddDays.self, Next.self])
}

extension CalendarCommand {
    struct Show: ParkctlCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a year's holidays, its swapped working days (Saturdays and Sundays worked) and its count of working days.")

        @ParentCommand var parkctl: Parkctl
        @Argument(help: ArgumentHelp("A calendar year, such as 2021.", valueName: "year")) var year: Int

        static let fieldOptions: FieldOptions = ["year": "YEAR"]

        func run() async throws {
            try await respond(CalendarAPI.get, CalendarAPI.Get(year: year), text: Self.text)
        }

        static func text(_ year: CalendarAPI.GetReply) -> String {
            var holidays = Table(columns: [
                .init(title: "HOLIDAY"), .init(title: "CHINESE"), .init(title: "FROM"), .init(title: "TO"),
                .init(title: "DAYS", alignment: .right), .init(title: "WEEKDAYS OFF", alignment: .right),
            ])
            for holiday in year.holidays {
                holidays.add([
                    holiday.name, holiday.chineseName, holiday.from, holiday.to, String(holiday.days), String(holiday.weekdaysOff),
                ])
            }
            var swapped = Table(columns: [.init(title: "WORKED ON"), .init(title: "WEEKDAY"), .init(title: "FOR")])
            for day in year.swappedWorkingDays { swapped.add([day.day, day.weekday, day.makesUpFor]) }
            return [
                year.holidays.isEmpty ? "no holidays" : holidays.render(),
                year.swappedWorkingDays.isEmpty ? "no swapped working days" : swapped.render(),
                "\(year.year) has \(year.workingDays) working days: \(year.weekdays) Mondays to Fridays, "
                    + "less \(year.weekdaysOff) off for holidays, plus \(year.swappedWorkingDays.count) Saturdays and Sundays worked",
            ].joined(separator: "\n\n")
        }
    }

    struct AddDays: ParkctlCommand {
        static let configuration = CommandConfiguration(
            commandName: "add-days",
            abstract: "The day N working days after DATE, with the holidays skipped on the way.",
            discussion: """
                N working days after DATE is the Nth working day after it; with N = 0, DATE itself \
                when it is a working day, else the first working day after it. A count that needs a \
                year the calendar does not cover is refused (exit 65), never guessed.
                """)

        @ParentCommand var parkctl: Parkctl
        @Argument(help: ArgumentHelp("The day counted from.", valueName: "YYYY-MM-DD")) var date: String
        @Argument(help: ArgumentHelp("Working days to count, 0 or more.", valueName: "N")) var days: Int

        static let fieldOptions: FieldOptions = ["date": "DATE", "days": "N"]

        func run() async throws {
            try await respond(CalendarAPI.addWorkingDays, CalendarAPI.AddWorkingDays(date: date, days: days), text: Self.text)
        }

        static func text(_ count: CalendarAPI.AddWorkingDaysReply) -> String {
            let headline = switch (count.days, count.result == count.date) {
            case (0, true): "\(count.result) is a working day"
            case (0, false): "\(count.result) is the first working day from \(count.date)"
            case (1, _): "\(count.result) is 1 working day after \(count.date)"
            default: "\(count.result) is \(count.days) working days after \(count.date)"
            }
            let skipped = count.holidays.map { holiday in
                "skipped the \(holiday.name) holiday (\(holiday.chineseName)), "
                    + (holiday.from == holiday.to ? holiday.from : "\(holiday.from) to \(holiday.to)")
            }
            let worked = count.swappedWorkingDays.map { "counted \($0.weekday) \($0.day), a swapped working day for \($0.makesUpFor)" }
            return ([headline] + skipped + worked).joined(separator: "\n")
        }
    }

    struct Next: ParkctlCommand {
        static let configuration = CommandConfiguration(
            abstract: "When a calendar expression (systemd.time(7), such as 'Mon..Fri *-*-* 09:00') next elapses.",
            discussion: """
                Prints what `systemd-analyze calendar` prints for EXPR, computed by parkd the same \
                way: an expression with no time zone of its own is read in the park's time zone \
                (park.time_zone), and the elapses are shown in this machine's zone ($TZ, else \
                /etc/localtime), with the UTC time below when that zone is not UTC. The "From now" \
                lines are left out, so that the output depends on the base time only.
                """)

        @ParentCommand var parkctl: Parkctl
        @Argument(help: ArgumentHelp("The calendar expression.", valueName: "EXPR")) var expression: String
        @Option(parsing: .unconditional, help: ArgumentHelp("How many elapses to show, 1 to 1000.", valueName: "N")) var iterations: Int?
        @Option(name: .customLong("base-time"), parsing: .unconditional, help: ArgumentHelp("Count from this time instead of now.", valueName: "@SECONDS"))
        var baseTime: String?

        static let fieldOptions: FieldOptions = ["expression": "EXPR", "iterations": "--iterations", "baseTime": "--base-time", "displayTimeZone": "TZ"]

        func run() async throws {
            let query = CalendarAPI.Next(expression: expression, iterations: iterations, baseTime: baseTime, displayTimeZone: Self.localTimeZone())
            try await respond(CalendarAPI.next, query, text: Self.text)
        }

        /// The zone systemd-analyze would show times in: $TZ, else the zone /etc/localtime links to.
        /// A TZ that names a file (`:/etc/localtime`, `/usr/share/zoneinfo/Asia/Shanghai`) is the
        /// zone that file is.
        static func localTimeZone() -> String {
            if let zone = ProcessInfo.processInfo.environment["TZ"], !zone.isEmpty {
                let name = zone.hasPrefix(":") ? String(zone.dropFirst()) : zone
                return name.hasPrefix("/") ? zoneName(ofFile: name) ?? name : name
            }
            return zoneName(ofFile: "/etc/localtime") ?? "UTC"
        }

        /// The zone a zoneinfo file is: named by its place under `zoneinfo/`, every link followed
        /// (`/etc/localtime` → `/usr/share/zoneinfo/PRC` → `Asia/Shanghai`); a file elsewhere (a
        /// copied `/etc/localtime`) by the POSIX TZ rule that ends it, as glibc reads it for
        /// times past its table.
        static func zoneName(ofFile path: String) -> String? {
            let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
            if let range = resolved.range(of: "/zoneinfo/") { return String(resolved[range.upperBound...]) }
            guard let data = FileManager.default.contents(atPath: resolved), data.starts(with: Array("TZif".utf8)),
                  data.count > 5, data[data.startIndex + 4] >= UInt8(ascii: "2"), data.last == UInt8(ascii: "\n") else { return nil }
            // The footer: "\nRULE\n" at the end of a TZif file of version 2 or later.
            let body = data.dropLast()
            guard let start = body.lastIndex(of: UInt8(ascii: "\n")) else { return nil }
            let rule = String(decoding: body[body.index(after: start)...], as: UTF8.self)
            return rule.isEmpty ? nil : rule
        }

        static func text(_ reply: CalendarAPI.NextReply) -> String {
            var lines: [String] = []
            if reply.original != reply.normalized { lines.append("  Original form: " + reply.original) }
            lines.append("Normalized form: " + reply.normalized)
            if reply.elapses.isEmpty { lines.append("    Next elapse: never") }
            for (index, elapse) in reply.elapses.enumerated() {
                // systemd-analyze right-aligns each label to 15 columns: "Iter. #10" has one space less.
                let label = index == 0 ? "Next elapse" : "Iter. #\(index + 1)"
                lines.append(String(repeating: " ", count: max(0, 15 - label.count)) + label + ": " + elapse.local)
                if elapse.local != elapse.utc { lines.append("       (in UTC): " + elapse.utc) }
            }
            return lines.joined(separator: "\n")
        }
    }
}
