import ArgumentParser
import ParkControl

struct IncubatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "incubator",
        abstract: "The startup incubator: projects, seats and occupancy.",
        subcommands: [Add.self, List.self, Graduate.self])

    static func table(_ projects: [IncubatorAPI.Project]) -> String {
        var table = Table(columns: [
            .init(title: "ID", alignment: .right), .init(title: "PROJECT"), .init(title: "FOUNDER"), .init(title: "UNIVERSITY"),
            .init(title: "PHD", alignment: .right), .init(title: "SEATS"), .init(title: "ENTERED"), .init(title: "GRADUATED"),
        ])
        for project in projects {
            table.add([
                String(project.id), project.name, project.founder, project.university ?? "-", String(project.phdCount),
                (project.seatLabels ?? project.seats.map(String.init)).joined(separator: ","), project.enteredOn, project.graduatedOn ?? "-",
            ])
        }
        return table.render(orIfEmpty: "no projects")
    }
}

extension IncubatorCommand {
    struct Add: ParkctlCommand {
        static let configuration = CommandConfiguration(abstract: "Admit a startup project to incubator seats; prints its id.")

        @ParentCommand var parkctl: Parkctl
        @Option(parsing: .unconditional, help: "The project's name.") var name: String
        @Option(parsing: .unconditional, help: "The founder.") var founder: String
        @Option(parsing: .unconditional, help: "Team members.") var team: String?
        @Option(parsing: .unconditional, help: "The founder's university.") var university: String?
        @Option(name: .customLong("phd-count"), parsing: .unconditional, help: "PhD-level talents linked to the project.") var phdCount = 0
        @Option(name: .customLong("seat"), parsing: .unconditionalSingleValue, help: ArgumentHelp("Incubator seat (unit id or label; repeatable; at least one).", valueName: "seat"))
        var seats: [String]
        @Option(parsing: .unconditional, help: ArgumentHelp("First day in the incubator.", valueName: "YYYY-MM-DD")) var on: String
        @Option(name: .customLong("graduated-on"), parsing: .unconditional,
                help: ArgumentHelp("For a project entered from the park's past: the first day it was gone, graduated.", valueName: "YYYY-MM-DD"))
        var graduatedOn: String?

        static let fieldOptions: FieldOptions = [
            "name": "--name", "founder": "--founder", "team": "--team", "university": "--university", "phdCount": "--phd-count",
            "seats": "--seat", "enteredOn": "--on", "graduatedOn": "--graduated-on",
        ]

        func run() async throws {
            let ids = try await reporting { try await global.unitIDs(seats) }
            try await respond(IncubatorAPI.create, IncubatorAPI.Create(
                name: name, founder: founder, team: team, university: university, phdCount: phdCount, seats: ids, enteredOn: on,
                graduatedOn: graduatedOn),
                json: \.project) { reply in String(reply.project.id) }
        }
    }

    struct List: ParkctlCommand {
        static let configuration = CommandConfiguration(abstract: "List projects, and the seats occupied on a day.")

        @ParentCommand var parkctl: Parkctl
        @Option(parsing: .unconditional, help: ArgumentHelp("Only projects incubating that day (default: all); occupancy on that day.", valueName: "YYYY-MM-DD"))
        var on: String?

        static let fieldOptions: FieldOptions = ["on": "--on"]

        func run() async throws {
            try await reporting {
                let reply = try await global.call(IncubatorAPI.list, IncubatorAPI.List(on: on))
                let occupancy = try await global.call(IncubatorAPI.occupancy, IncubatorAPI.Occupancy(on: on))
                /// With --json, what the table shows: the projects and the occupancy line.
                struct Listed: Encodable {
                    let projects: [IncubatorAPI.Project]
                    let occupancy: IncubatorAPI.OccupancyReply
                }
                try present(Listed(projects: reply.projects, occupancy: occupancy)) {
                    IncubatorCommand.table(reply.projects)
                        + "\noccupancy on \(occupancy.on): \(occupancy.occupied) of \(occupancy.seats) seats (\(occupancy.percent)%), \(occupancy.projects) project\(occupancy.projects == 1 ? "" : "s"), "
                            + "\(occupancy.phdTalents) PhD-level talent\(occupancy.phdTalents == 1 ? "" : "s")"
                }
            }
        }
    }

    struct Graduate: ParkctlCommand {
        static let configuration = CommandConfiguration(abstract: "Record a project's graduation; --on is its first day gone.")

        @ParentCommand var parkctl: Parkctl
        @Argument(help: "Project id.") var project: Int64
        @Option(parsing: .unconditional, help: ArgumentHelp("First day gone.", valueName: "YYYY-MM-DD")) var on: String

        static let fieldOptions: FieldOptions = ["project": "PROJECT", "on": "--on"]

        func run() async throws {
            try await respond(IncubatorAPI.graduate, IncubatorAPI.Graduate(project: project, on: on), json: \.project) { reply in
                "project \(reply.project.id) graduated on \(reply.project.graduatedOn ?? on)"
            }
        }
    }
}
