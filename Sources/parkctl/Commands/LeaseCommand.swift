import ArgumentParser
import ParkControl

struct LeaseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lease",
        abstract: "Leases of units to tenants, and the rent they owe.",
        subcommands: [Add.self, List.self, Show.self, Amend.self, Renew.self, Terminate.self, Withdraw.self, Rent.self])

    static func render(_ lease: LeaseAPI.Lease) -> String {
        var fields = Fields()
        fields.add("ID", String(lease.id))
        fields.add("Tenant", "\(lease.tenant) \(lease.tenantName)")
        fields.add("Units", lease.units.map { "\($0.label) (\($0.area) m², \($0.kind))" }.joined(separator: ", "))
        fields.add("Area", "\(lease.area) m²")
        fields.add("From", lease.start)
        fields.add("To", lease.terminatedOn.map { "\($0) (terminated; contracted \(lease.end))" } ?? lease.end)
        fields.add("Rent", lease.rents.map { "\($0.rent.grouped)/m²·month from \($0.from)" }.joined(separator: "; "))
        fields.add("Deposit", lease.deposit.grouped)
        fields.add("Billing day", String(lease.billingDay))
        var table = Table("ON", "EVENT", "DETAIL", "BY", "RECORDED")
        for event in lease.events { table.add([event.on, event.kind, event.detail, event.recordedBy, event.recordedAt]) }
        return fields.render() + "\n\nHistory:\n" + table.render()
    }
}

extension LeaseCommand {
    struct Add: ParkctlCommand {
        static let configuration = CommandConfiguration(
            abstract: "Sign a lease; prints its id.",
            discussion: "Only approved or active tenants may sign; a first lease makes an approved tenant active on its start day.")

        @ParentCommand var parkctl: Parkctl
        @Option(parsing: .unconditional, help: "Tenant id or credit code.") var tenant: String
        @Option(name: .customLong("unit"), parsing: .unconditionalSingleValue, help: ArgumentHelp("Unit id or label (repeatable; at least one).", valueName: "unit")) var units: [String]
        @Option(parsing: .unconditional, help: ArgumentHelp("First day.", valueName: "YYYY-MM-DD")) var start: String
        @Option(parsing: .unconditional, help: ArgumentHelp("Last day, inclusive.", valueName: "YYYY-MM-DD")) var end: String
        @Option(parsing: .unconditional, help: ArgumentHelp("Contracted rent in yuan per m² per month.", valueName: "yuan")) var rent: String
        @Option(parsing: .unconditional, help: ArgumentHelp("Deposit in yuan.", valueName: "yuan")) var deposit: String?
        @Option(name: .customLong("billing-day"), parsing: .unconditional, help: "Day of the month rent is billed, 1 to 28.") var billingDay: Int?

        static let fieldOptions: FieldOptions = [
            "tenant": "--tenant", "units": "--unit", "start": "--start", "end": "--end", "rent": "--rent", "deposit": "--deposit",
            "billingDay": "--billing-day",
        ]

        func run() async throws {
            let ids = try await reporting { try await global.unitIDs(units) }
            try await respond(LeaseAPI.create, LeaseAPI.Create(
                tenant: tenant, units: ids, start: start, end: end, rent: rent, deposit: deposit, billingDay: billingDay),
                json: \.lease) { reply in String(reply.lease.id) }
        }
    }

    struct List: ParkctlCommand {
        static let configuration = CommandConfiguration(abstract: "List leases.")

        @ParentCommand var parkctl: Parkctl
        @Option(parsing: .unconditional, help: "Only leases of this tenant (id or credit code).") var tenant: String?
        @Option(parsing: .unconditional, help: ArgumentHelp("Only leases holding this unit (id or label).", valueName: "unit")) var unit: String?

        static let fieldOptions: FieldOptions = ["tenant": "--tenant", "unit": "--unit"]

        func run() async throws {
            var id: Int64?
            if let unit { id = try await reporting { try await global.unitID(unit) } }
            try await respond(LeaseAPI.list, LeaseAPI.List(tenant: tenant, unit: id)) { reply in
                var table = Table(columns: [
                    .init(title: "ID", alignment: .right), .init(title: "TENANT"), .init(title: "UNITS"),
                    .init(title: "AREA M²", alignment: .right), .init(title: "FROM"), .init(title: "TO"),
                    .init(title: "RENT", alignment: .right),
                ])
                for lease in reply.leases {
                    table.add([
                        String(lease.id), lease.tenantName, lease.units.map(\.label).joined(separator: ","), lease.area,
                        lease.start, lease.terminatedOn ?? lease.end, lease.rentToday.grouped,
                    ])
                }
                return table.render(orIfEmpty: "no leases")
            }
        }
    }

    struct Show: ParkctlCommand {
        static let configuration = CommandConfiguration(abstract: "Show one lease and its history.")

        @ParentCommand var parkctl: Parkctl
        @Argument(help: "Lease id.") var lease: Int64

        static let fieldOptions: FieldOptions = ["lease": "LEASE"]

        func run() async throws {
            try await respond(LeaseAPI.get, LeaseAPI.Get(lease: lease), json: \.lease) { reply in LeaseCommand.render(reply.lease) }
        }
    }

    struct Amend: ParkctlCommand {
        static let configuration = CommandConfiguration(abstract: "Set a new rent from a day on (the old one stays in the history).")

        @ParentCommand var parkctl: Parkctl
        @Argument(help: "Lease id.") var lease: Int64
        @Option(parsing: .unconditional, help: ArgumentHelp("New rent in yuan per m² per month.", valueName: "yuan")) var rent: String
        @Option(parsing: .unconditional, help: ArgumentHelp("First day of the new rent.", valueName: "YYYY-MM-DD")) var from: String

        static let fieldOptions: FieldOptions = ["lease": "LEASE", "rent": "--rent", "from": "--from"]

        func run() async throws {
            try await respond(LeaseAPI.amend, LeaseAPI.Amend(lease: lease, rent: rent, from: from), json: \.lease) { reply in
                LeaseCommand.render(reply.lease)
            }
        }
    }

    struct Renew: ParkctlCommand {
        static let configuration = CommandConfiguration(abstract: "Extend a lease to a later last day.")

        @ParentCommand var parkctl: Parkctl
        @Argument(help: "Lease id.") var lease: Int64
        @Option(parsing: .unconditional, help: ArgumentHelp("New last day, inclusive.", valueName: "YYYY-MM-DD")) var end: String

        static let fieldOptions: FieldOptions = ["lease": "LEASE", "end": "--end"]

        func run() async throws {
            try await respond(LeaseAPI.renew, LeaseAPI.Renew(lease: lease, end: end), json: \.lease) { reply in LeaseCommand.render(reply.lease) }
        }
    }

    struct Terminate: ParkctlCommand {
        static let configuration = CommandConfiguration(abstract: "End a lease early; --on is its last day.")

        @ParentCommand var parkctl: Parkctl
        @Argument(help: "Lease id.") var lease: Int64
        @Option(parsing: .unconditional, help: ArgumentHelp("Last day.", valueName: "YYYY-MM-DD")) var on: String
        @Option(parsing: .unconditional, help: "Why; kept in the lease's history.") var reason: String

        static let fieldOptions: FieldOptions = ["lease": "LEASE", "on": "--on", "reason": "--reason"]

        func run() async throws {
            try await respond(LeaseAPI.terminate, LeaseAPI.Terminate(lease: lease, on: on, reason: reason), json: \.lease) { reply in
                LeaseCommand.render(reply.lease)
            }
        }
    }

    struct Withdraw: ParkctlCommand {
        static let configuration = CommandConfiguration(
            abstract: "Withdraw a lease signed ahead, before its first day: it is removed, and holds no unit on any day.")

        @ParentCommand var parkctl: Parkctl
        @Argument(help: "Lease id.") var lease: Int64
        @Option(parsing: .unconditional, help: "Why; kept in the audit trail.") var reason: String

        static let fieldOptions: FieldOptions = ["lease": "LEASE", "reason": "--reason"]

        func run() async throws {
            try await respond(LeaseAPI.withdraw, LeaseAPI.Withdraw(lease: lease, reason: reason), json: \.lease) { reply in
                "lease \(reply.lease.id) withdrawn: \(reply.lease.units.map(\.label).joined(separator: ", ")) from \(reply.lease.start) to \(reply.lease.end) no longer held"
            }
        }
    }

    struct Rent: ParkctlCommand {
        static let configuration = CommandConfiguration(
            abstract: "Rent due for a month.",
            discussion: "Each day leased counts the rent in force that day × area ÷ days in the month; the sum is rounded half-up to the fen once.")

        @ParentCommand var parkctl: Parkctl
        @Argument(help: "Lease id.") var lease: Int64
        @Option(parsing: .unconditional, help: ArgumentHelp("The month.", valueName: "YYYY-MM")) var month: String

        static let fieldOptions: FieldOptions = ["lease": "LEASE", "month": "--month"]

        func run() async throws {
            try await respond(LeaseAPI.rent, LeaseAPI.Rent(lease: lease, month: month)) { due in
                "\(due.month): \(due.amount.grouped) yuan (\(due.daysLeased) of \(due.daysInMonth) days)"
            }
        }
    }
}
