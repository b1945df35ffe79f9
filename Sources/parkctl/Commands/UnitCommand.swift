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
            table.add([String(unit.id), unit.label, unit.floor ?? "-", unit.area, unit.kind, unit.listRent.grouped])
        }
        return table.render(orIfEmpty: "no units")
    }

    /// `lease 1 of tenant 1 青岛英才人力资源有限公司 from 2021-03-15 to 2022-03-14`,
    /// `project 2 (灵工宝) from 2021-04-01`.
    static func describe(_ holder: UnitAPI.Holder) -> String {
        let who = holder.tenant.map { "\(holder.kind) \(holder.id) of tenant \($0) \(holder.name)" } ?? "\(holder.kind) \(holder.id) (\(holder.name))"
        return "\(who) from \(holder.from)" + (holder.to.map { " to \($0)" } ?? "")
    }
}

extension UnitCommand {
    struct Add: ParkctlCommand {
        static let configuration = CommandConfiguration(abstract: "Add a unit; prints its id.")

        @ParentCommand var parkctl: Parkctl
        @Option(parsing: .unconditional, help: "Building name or number.") var building: String
        @Option(parsing: .unconditional, help: "Floor.") var floor: String?
        @Option(parsing: .unconditional, help: "Unit number within the building.") var number: String
        @Option(parsing: .unconditional, help: ArgumentHelp("Area in m² (two decimals).", valueName: "m2")) var area: String
        @Option(parsing: .unconditional, help: "office, incubator or shared.") var kind: String
        @Option(parsing: .unconditional, help: ArgumentHelp("List rent in yuan per m² per month.", valueName: "yuan")) var rent: String
        @Option(parsing: .unconditional, help: ArgumentHelp(
            "The first day the unit is in the park (default today); give it when entering the park's history.", valueName: "date")) var from: String?

        static let fieldOptions: FieldOptions = [
            "building": "--building", "floor": "--floor", "number": "--number", "area": "--area", "kind": "--kind", "listRent": "--rent",
            "availableFrom": "--from",
        ]

        func run() async throws {
            try await respond(UnitAPI.create, UnitAPI.Create(
                building: building, floor: floor, number: number, area: area, kind: kind, listRent: rent, availableFrom: from),
                json: \.unit) { reply in String(reply.unit.id) }
        }
    }

    struct List: ParkctlCommand {
        static let configuration = CommandConfiguration(abstract: "List units by building and number.")

        @ParentCommand var parkctl: Parkctl
        @Option(parsing: .unconditional, help: "Only units of this building.") var building: String?
        @Option(parsing: .unconditional, help: "Only units of this kind.") var kind: String?

        static let fieldOptions: FieldOptions = ["building": "--building", "kind": "--kind"]

        func run() async throws {
            try await respond(UnitAPI.list, UnitAPI.List(building: building, kind: kind)) { reply in UnitCommand.table(reply.units) }
        }
    }

    struct Show: ParkctlCommand {
        static let configuration = CommandConfiguration(abstract: "Show one unit.")

        @ParentCommand var parkctl: Parkctl
        @Argument(help: ArgumentHelp("Id, or label as listed (building-number, e.g. A-1203).", valueName: "unit")) var unit: String

        static let fieldOptions: FieldOptions = ["unit": "UNIT", "label": "UNIT"]

        func run() async throws {
            let request = Int64(unit).map { UnitAPI.Get(unit: $0) } ?? UnitAPI.Get(label: unit)
            try await respond(UnitAPI.get, request, json: \.unit) { reply in Show.render(reply.unit) }
        }

        /// The unit's row, then who holds it today and who held it last (a parkd that does not
        /// say, an older one, leaves the lines out).
        static func render(_ unit: UnitAPI.Unit) -> String {
            var text = UnitCommand.table([unit])
            if let holders = unit.heldBy {
                var fields = Fields()
                fields.add("In the park", "from \(unit.availableFrom)")
                fields.add("Held by", holders.isEmpty ? nil : holders.map(UnitCommand.describe).joined(separator: "; "))
                fields.add("Last held by", unit.lastHolder.map(UnitCommand.describe))
                text += "\n\n" + fields.render()
            }
            return text
        }
    }

    struct Set: ParkctlCommand {
        static let configuration = CommandConfiguration(abstract: "Change a unit's floor, area, kind, list rent or first day in the park.")

        @ParentCommand var parkctl: Parkctl
        @Argument(help: ArgumentHelp("Id, or label as listed.", valueName: "unit")) var unit: String
        @Option(parsing: .unconditional) var floor: String?
        @Option(parsing: .unconditional, help: ArgumentHelp("Area in m².", valueName: "m2")) var area: String?
        @Option(parsing: .unconditional) var kind: String?
        @Option(parsing: .unconditional, help: ArgumentHelp("List rent in yuan per m² per month.", valueName: "yuan")) var rent: String?
        @Option(parsing: .unconditional, help: ArgumentHelp("The first day the unit is in the park.", valueName: "date")) var from: String?

        static let fieldOptions: FieldOptions = [
            "unit": "UNIT", "floor": "--floor", "area": "--area", "kind": "--kind", "listRent": "--rent", "availableFrom": "--from",
        ]

        func validate() throws {
            try Self.validateCommandLine()
            guard floor != nil || area != nil || kind != nil || rent != nil || from != nil else {
                throw ValidationError("Give at least one of --floor, --area, --kind, --rent, --from.")
            }
        }

        func run() async throws {
            let id = try await reporting { try await global.unitID(unit) }
            try await respond(UnitAPI.update, UnitAPI.Update(unit: id, floor: floor, area: area, kind: kind, listRent: rent, availableFrom: from), json: \.unit) { reply in
                UnitCommand.table([reply.unit])
            }
        }
    }
}
