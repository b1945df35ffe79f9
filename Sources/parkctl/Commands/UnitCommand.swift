import ArgumentParser
import ParkControl

struct UnitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unit",
        abstract: "The park's leasable units: offices, incubator seats, shared space.",
        subcommands: [Add.self, List.self, Show.self, Set.self])

    static func table(_ units: [UnitAPI.Unit]) -> String {
        var table = Table(columns: [
            .init(title: "ID", alignment: .right), .init(title: "UNIT"), .init(title: "FLOOR"),
            .init(title: "AREA M²", alignment: .right), .init(title: "KIND"), .init(title: "LIST RENT", alignment: .right),
        ])
        for unit in units {
            table.add([String(unit.id), "\(unit.building)-\(unit.number)", unit.floor ?? "-", unit.area, unit.kind, unit.listRent.grouped])
        }
        return table.render()
    }
}

extension UnitCommand {
    struct Add: ParkctlCommand {
        static let configuration = CommandConfiguration(abstract: "Add a unit; prints its id.")

        @ParentCommand var parkctl: Parkctl
        var global: GlobalOptions { parkctl.global }
        @Option(help: "Building name or number.") var building: String
        @Option(help: "Floor.") var floor: String?
        @Option(help: "Unit number within the building.") var number: String
        @Option(parsing: .unconditional, help: ArgumentHelp("Area in m² (two decimals).", valueName: "m2")) var area: String
        @Option(help: "office, incubator or shared.") var kind: String
        @Option(parsing: .unconditional, help: ArgumentHelp("List rent in yuan per m² per month.", valueName: "yuan")) var rent: String

        static let fieldOptions: FieldOptions = [
            "building": "--building", "floor": "--floor", "number": "--number", "area": "--area", "kind": "--kind", "listRent": "--rent",
        ]

        func run() async throws {
            try await reporting {
                let reply = try await global.call(UnitAPI.create, UnitAPI.Create(
                    building: building, floor: floor, number: number, area: area, kind: kind, listRent: rent))
                if global.json { return try JSONOutput.print(reply.unit) }
                print(reply.unit.id)
            }
        }
    }

    struct List: ParkctlCommand {
        static let configuration = CommandConfiguration(abstract: "List units by building and number.")

        @ParentCommand var parkctl: Parkctl
        var global: GlobalOptions { parkctl.global }
        @Option(help: "Only units of this building.") var building: String?
        @Option(help: "Only units of this kind.") var kind: String?

        static let fieldOptions: FieldOptions = ["building": "--building", "kind": "--kind"]

        func run() async throws {
            try await reporting {
                let reply = try await global.call(UnitAPI.list, UnitAPI.List(building: building, kind: kind))
                if global.json { return try JSONOutput.print(reply) }
                print(UnitCommand.table(reply.units))
            }
        }
    }

    struct Show: ParkctlCommand {
        static let configuration = CommandConfiguration(abstract: "Show one unit.")

        @ParentCommand var parkctl: Parkctl
        var global: GlobalOptions { parkctl.global }
        @Argument(help: "Unit id.") var unit: Int64

        static let fieldOptions: FieldOptions = ["unit": "UNIT"]

        func run() async throws {
            try await reporting {
                let reply = try await global.call(UnitAPI.get, UnitAPI.Get(unit: unit))
                if global.json { return try JSONOutput.print(reply.unit) }
                print(UnitCommand.table([reply.unit]))
            }
        }
    }

    struct Set: ParkctlCommand {
        static let configuration = CommandConfiguration(abstract: "Change a unit's floor, area, kind or list rent.")

        @ParentCommand var parkctl: Parkctl
        var global: GlobalOptions { parkctl.global }
        @Argument(help: "Unit id.") var unit: Int64
        @Option var floor: String?
        @Option(parsing: .unconditional, help: ArgumentHelp("Area in m².", valueName: "m2")) var area: String?
        @Option var kind: String?
        @Option(parsing: .unconditional, help: ArgumentHelp("List rent in yuan per m² per month.", valueName: "yuan")) var rent: String?

        static let fieldOptions: FieldOptions = ["unit": "UNIT", "floor": "--floor", "area": "--area", "kind": "--kind", "listRent": "--rent"]

        func run() async throws {
            guard floor != nil || area != nil || kind != nil || rent != nil else {
                throw ValidationError("Give at least one of --floor, --area, --kind, --rent.")
            }
            try await reporting {
                let reply = try await global.call(UnitAPI.update, UnitAPI.Update(unit: unit, floor: floor, area: area, kind: kind, listRent: rent))
                if global.json { return try JSONOutput.print(reply.unit) }
                print(UnitCommand.table([reply.unit]))
            }
        }
    }
}
