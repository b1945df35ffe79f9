import ArgumentParser
import ParkControl

struct TenantCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tenant",
        abstract: "Register firms and move them through their life in the park.",
        discussion: "Statuses: applicant → reviewing → approved → active → exiting → exited; reviewing → rejected.",
        subcommands: [Add.self, List.self, Show.self, Set.self, Transition.self, Key.self])
}

extension TenantCommand {
    struct Add: ParkctlCommand {
        static let configuration = CommandConfiguration(abstract: "Register an applicant firm; prints its id.")

        @ParentCommand var parkctl: Parkctl
        @OptionGroup var firm: FirmOptions

        static let fieldOptions = FirmOptions.fieldOptions

        func run() async throws {
            try await respond(TenantAPI.create, TenantAPI.Create(
                name: firm.name, creditCode: firm.creditCode, businessLines: firm.businessLines, origin: firm.origin, tags: firm.tags,
                contactPerson: firm.contactPerson, contactPhone: firm.contactPhone, dispatchLicence: firm.dispatchLicence,
                hrServiceLicence: firm.hrServiceLicence, appliedOn: firm.on),
                json: \.tenant) { reply in String(reply.tenant.id) }
        }
    }

    struct List: ParkctlCommand {
        static let configuration = CommandConfiguration(abstract: "List tenants by id, a page at a time.")

        @ParentCommand var parkctl: Parkctl
        @Option(parsing: .unconditional, help: "Only tenants with this status.") var status: String?
        @Option(name: .customLong("business-line"), parsing: .unconditional, help: "Only tenants with this line of business.") var businessLine: String?
        @Option(parsing: .unconditional, help: "Page size, 1 to 1000.") var limit: Int = 100
        @Option(parsing: .unconditional, help: ArgumentHelp("Continue after this cursor (printed under the previous page).", valueName: "cursor"))
        var after: String?

        static let fieldOptions: FieldOptions = ["status": "--status", "businessLine": "--business-line", "limit": "--limit", "after": "--after"]

        func run() async throws {
            try await respond(TenantAPI.list, TenantAPI.List(status: status, businessLine: businessLine, limit: limit, after: after)) { reply in
                var table = Table(columns: [
                    .init(title: "ID", alignment: .right), .init(title: "NAME"), .init(title: "CREDIT CODE"),
                    .init(title: "STATUS"), .init(title: "SINCE"), .init(title: "LINES"), .init(title: "TAGS"),
                ])
                for tenant in reply.tenants {
                    table.add([
                        String(tenant.id), tenant.name, tenant.creditCode, tenant.status, tenant.statusSince,
                        tenant.businessLines.joined(separator: ","), tenant.tags.joined(separator: ","),
                    ])
                }
                return table.render(orIfEmpty: "no tenants") + (reply.next.map { "\nmore: " + nextPage(after: $0) } ?? "")
            }
        }

        /// The command for the next page: this one's filters and page size, after `cursor`.
        func nextPage(after cursor: String) -> String {
            var words = ["parkctl", "tenant", "list"]
            if let status { words += ["--status", status] }
            if let businessLine { words += ["--business-line", businessLine] }
            if limit != 100 { words += ["--limit", String(limit)] }
            return (words + ["--after", cursor]).joined(separator: " ")
        }
    }

    struct Show: ParkctlCommand {
        static let configuration = CommandConfiguration(abstract: "Show one tenant and its status history.")

        @ParentCommand var parkctl: Parkctl
        @Argument(help: ArgumentHelp("Id or credit code.", valueName: "tenant")) var tenant: String

        static let fieldOptions: FieldOptions = ["tenant": "TENANT"]

        func run() async throws {
            try await respond(TenantAPI.get, TenantAPI.Get(tenant: tenant), json: \.tenant) { reply in Show.render(reply.tenant) }
        }

        static func render(_ tenant: TenantAPI.Tenant) -> String {
            var fields = Fields()
            fields.add("ID", String(tenant.id))
            fields.add("Name", tenant.name)
            fields.add("Credit code", tenant.creditCode)
            fields.add("Status", "\(tenant.status) since \(tenant.statusSince)")
            fields.add("Applied on", tenant.appliedOn)
            fields.add("Moved in", tenant.movedIn.map { movedIn in
                let months = tenant.monthsInPark ?? 0
                let stay = "\(months) month\(months == 1 ? "" : "s") in the park"
                return tenant.status == "exited"
                    ? "\(movedIn) (exited on \(tenant.statusSince) after \(stay), in lease year \(tenant.leaseYear ?? 1))"
                    : "\(movedIn) (\(stay), lease year \(tenant.leaseYear ?? 1))"
            })
            fields.add("Business lines", tenant.businessLines.isEmpty ? nil : tenant.businessLines.joined(separator: ", "))
            fields.add("Origin", tenant.origin)
            fields.add("Tags", tenant.tags.isEmpty ? nil : tenant.tags.joined(separator: ", "))
            fields.add("Contact", [tenant.contactPerson, tenant.contactPhone].compactMap { $0 }.joined(separator: ", ").nilIfEmpty)
            fields.add("Dispatch licence", tenant.dispatchLicence)
            fields.add("HR service licence", tenant.hrServiceLicence)
            fields.add("Created", tenant.createdAt)
            fields.add("Updated", tenant.updatedAt)
            var text = fields.render()
            if !tenant.history.isEmpty {
                var table = Table("ON", "FROM", "TO", "REASON", "BY", "RECORDED")
                for change in tenant.history {
                    table.add([change.on, change.from, change.to, change.reason, change.recordedBy, change.recordedAt])
                }
                text += "\n\nHistory:\n" + table.render()
            }
            return text
        }
    }

    struct Set: ParkctlCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change a tenant's fields.",
            discussion: "Only the options given change. An empty value (--contact-phone '') clears an optional field.")

        @ParentCommand var parkctl: Parkctl
        @Argument(help: ArgumentHelp("Id or credit code.", valueName: "tenant")) var tenant: String
        @Option(parsing: .unconditional) var name: String?
        @Option(name: .customLong("credit-code"), parsing: .unconditional) var creditCode: String?
        @Option(name: .customLong("business-line"), parsing: .unconditionalSingleValue, help: "Replaces the business lines (repeatable).") var businessLines: [String] = []
        @Option(parsing: .unconditional) var origin: String?
        @Option(name: .customLong("add-tag"), parsing: .unconditionalSingleValue, help: "Tag to add (repeatable).") var addTags: [String] = []
        @Option(name: .customLong("remove-tag"), parsing: .unconditionalSingleValue, help: "Tag to remove (repeatable).") var removeTags: [String] = []
        @Option(name: .customLong("contact-person"), parsing: .unconditional) var contactPerson: String?
        @Option(name: .customLong("contact-phone"), parsing: .unconditional) var contactPhone: String?
        @Option(name: .customLong("dispatch-licence"), parsing: .unconditional) var dispatchLicence: String?
        @Option(name: .customLong("hr-service-licence"), parsing: .unconditional) var hrServiceLicence: String?

        static let fieldOptions: FieldOptions = [
            "tenant": "TENANT", "name": "--name", "creditCode": "--credit-code", "businessLines": "--business-line", "origin": "--origin",
            "addTags": "--add-tag", "removeTags": "--remove-tag", "contactPerson": "--contact-person", "contactPhone": "--contact-phone",
            "dispatchLicence": "--dispatch-licence", "hrServiceLicence": "--hr-service-licence",
        ]

        func validate() throws {
            try Self.validateCommandLine()
            guard !update.isEmpty else {
                throw ValidationError("Give at least one field to change, e.g. --name or --contact-phone.")
            }
        }

        /// The change the options ask for.
        var update: TenantAPI.Update {
            var update = TenantAPI.Update(tenant: tenant)
            update.name = name
            update.creditCode = creditCode
            update.businessLines = businessLines.isEmpty ? nil : businessLines
            update.origin = origin
            update.addTags = addTags.isEmpty ? nil : addTags
            update.removeTags = removeTags.isEmpty ? nil : removeTags
            update.contactPerson = contactPerson
            update.contactPhone = contactPhone
            update.dispatchLicence = dispatchLicence
            update.hrServiceLicence = hrServiceLicence
            return update
        }

        func run() async throws {
            try await respond(TenantAPI.update, update, json: \.tenant) { reply in Show.render(reply.tenant) }
        }
    }

    struct Transition: ParkctlCommand {
        static let configuration = CommandConfiguration(abstract: "Move a tenant to its next status.")

        @ParentCommand var parkctl: Parkctl
        @Argument(help: ArgumentHelp("Id or credit code.", valueName: "tenant")) var tenant: String
        @Argument(help: ArgumentHelp("reviewing, approved, rejected, active, exiting or exited.", valueName: "status"))
        var status: String
        @Option(parsing: .unconditional, help: ArgumentHelp("Day the change takes effect (default today).", valueName: "YYYY-MM-DD")) var on: String?
        @Option(parsing: .unconditional, help: "Why; kept in the tenant's history.") var reason: String

        static let fieldOptions: FieldOptions = ["tenant": "TENANT", "to": "STATUS", "on": "--on", "reason": "--reason"]

        func run() async throws {
            try await respond(TenantAPI.transition, TenantAPI.Transition(tenant: tenant, to: status, on: on, reason: reason), json: \.tenant) { reply in
                "tenant \(reply.tenant.id) is now \(reply.tenant.status) (since \(reply.tenant.statusSince))"
            }
        }
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
