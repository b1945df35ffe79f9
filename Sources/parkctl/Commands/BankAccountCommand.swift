import ArgumentParser
import ParkControl

struct BankAccountCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bank-account",
        abstract: "The accounts rewards are paid into: in the tenant's registered name, with their history.",
        subcommands: [Add.self, List.self])
}

extension BankAccountCommand {
    struct Add: ParkctlCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record a tenant's account from a day (admin); earlier accounts stay as history.",
            discussion: "A payment batch pays into the account in force on the day the batch is made.")

        @ParentCommand var parkctl: Parkctl
        @Argument(help: "Tenant id or credit code.") var tenant: String
        @Option(parsing: .unconditional, help: "The name on the account: the tenant's registered name.") var name: String
        @Option(parsing: .unconditional, help: "Bank and branch.") var bank: String
        @Option(parsing: .unconditional, help: "Account number (10 to 30 digits; spaces or hyphens between groups allowed).") var number: String
        @Option(parsing: .unconditional, help: ArgumentHelp("The first day payments go to it.", valueName: "YYYY-MM-DD")) var from: String

        static let fieldOptions: FieldOptions = [
            "tenant": "TENANT", "accountName": "--name", "bank": "--bank", "number": "--number", "effectiveFrom": "--from",
        ]

        func run() async throws {
            try await respond(
                BankAccountAPI.create,
                BankAccountAPI.Create(tenant: tenant, accountName: name, bank: bank, number: number, effectiveFrom: from),
                json: \.account
            ) { reply in
                "account \(reply.account.id) of tenant \(reply.account.tenant) (\(reply.account.accountName)) recorded: \(reply.account.bank) \(reply.account.number), from \(reply.account.effectiveFrom)"
            }
        }
    }

    struct List: ParkctlCommand {
        static let configuration = CommandConfiguration(abstract: "List the accounts recorded, or one tenant's history.")

        @ParentCommand var parkctl: Parkctl
        @Argument(help: "Tenant id or credit code.") var tenant: String?

        static let fieldOptions: FieldOptions = ["tenant": "TENANT"]

        func run() async throws {
            try await respond(BankAccountAPI.list, BankAccountAPI.List(tenant: tenant)) { reply in
                var table = Table(columns: [
                    .init(title: "ID", alignment: .right), .init(title: "TENANT", alignment: .right), .init(title: "ACCOUNT NAME"),
                    .init(title: "BANK"), .init(title: "NUMBER"), .init(title: "FROM"), .init(title: "RECORDED BY"),
                ])
                for account in reply.accounts {
                    table.add([String(account.id), String(account.tenant), account.accountName, account.bank, account.number, account.effectiveFrom, account.recordedBy])
                }
                return table.render(orIfEmpty: "no bank accounts")
            }
        }
    }
}
