import ArgumentParser
import ParkControl

struct CalendarCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar",
        abstract: "The working-day calendar: the State Council's holidays and swapped working days, and counts of working days.",
        subcommands: [Show.self, AddDays.self])
}

extension CalendarCommand {
    struct Show: ParkctlCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a year's holidays, its swapped working days (Saturdays and Sundays worked) and its count of working days.")

        @ParentCommand var parkctl: Parkctl
        var global: GlobalOptions { parkctl.global }
        @Argument(help: ArgumentHelp("A calendar year, such as 2021.", valueName: "year")) var year: Int

        static let fieldOptions: FieldOptions = ["year": "YEAR"]

        func run() async throws {
            try await reporting {
                let reply = try await global.call(CalendarAPI.get, CalendarAPI.Get(year: year))
                if global.json { return try JSONOutput.print(reply) }
                print(Self.text(reply))
            }
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
        var global: GlobalOptions { parkctl.global }
        @Argument(help: ArgumentHelp("The day counted from.", valueName: "YYYY-MM-DD")) var date: String
        @Argument(help: ArgumentHelp("Working days to count, 0 or more.", valueName: "N")) var days: Int

        static let fieldOptions: FieldOptions = ["date": "DATE", "days": "N"]

        func run() async throws {
            try await reporting {
                let reply = try await global.call(CalendarAPI.addWorkingDays, CalendarAPI.AddWorkingDays(date: date, days: days))
                if global.json { return try JSONOutput.print(reply) }
                print(Self.text(reply))
            }
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
}
