import ArgumentParser
import ParkControl

struct BlocklistCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "blocklist",
        abstract: "The park's blocklist: a listed firm's applications fail the prescreen.",
        subcommands: [Add.self, List.self, Remove.self])
}

extension BlocklistCommand {
    struct Add: ParkctlCommand {
        static let configuration = CommandConfiguration(abstract: "List a firm.")

        @ParentCommand var parkctl: Parkctl
        @Argument(help: ArgumentHelp("Unified social credit code.", valueName: "credit-code")) var creditCode: String
        @Option(parsing: .unconditional, help: "The firm's name.") var name: String
        @Option(parsing: .unconditional, help: "Why the park lists it.") var reason: String
        @Option(parsing: .unconditional, help: ArgumentHelp("Day it is listed (default today).", valueName: "YYYY-MM-DD")) var on: String?

        static let fieldOptions: FieldOptions = ["creditCode": "CREDIT-CODE", "name": "--name", "reason": "--reason", "listedOn": "--on"]

        func run() async throws {
            try await respond(BlocklistAPI.create, BlocklistAPI.Create(creditCode: creditCode, name: name, reason: reason, listedOn: on), json: \.entry) { reply in
                "\(reply.entry.creditCode) is on the blocklist since \(reply.entry.listedOn)"
            }
        }
    }

    struct List: ParkctlCommand {
        static let configuration = CommandConfiguration(abstract: "The firms listed now.")

        @ParentCommand var parkctl: Parkctl
        @Flag(name: .customLong("all"), help: "Entries taken off the list too.") var includeRemoved = false

        static let fieldOptions: FieldOptions = ["includeRemoved": "--all"]

        func run() async throws {
            try await respond(BlocklistAPI.list, BlocklistAPI.List(includeRemoved: includeRemoved)) { reply in
                var table = Table("CREDIT CODE", "NAME", "LISTED", "REASON", "REMOVED")
                for entry in reply.entries {
                    table.add([
                        entry.creditCode, entry.name, entry.listedOn, entry.reason,
                        entry.removedAt.map { "\($0) by \(entry.removedBy ?? "-"): \(entry.removalReason ?? "-")" } ?? "-",
                    ])
                }
                return table.render(orIfEmpty: "no one on the blocklist")
            }
        }
    }

    struct Remove: ParkctlCommand {
        static let configuration = CommandConfiguration(abstract: "Take a firm off the list; the entry is kept.")

        @ParentCommand var parkctl: Parkctl
        @Argument(help: ArgumentHelp("Unified social credit code.", valueName: "credit-code")) var creditCode: String
        @Option(parsing: .unconditional, help: "Why.") var reason: String

        static let fieldOptions: FieldOptions = ["creditCode": "CREDIT-CODE", "reason": "--reason"]

        func run() async throws {
            try await respond(BlocklistAPI.delete, BlocklistAPI.Delete(creditCode: creditCode, reason: reason), json: \.entry) { reply in
                "\(reply.entry.creditCode) is off the blocklist"
            }
        }
    }
}
