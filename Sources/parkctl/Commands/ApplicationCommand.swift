import ArgumentParser
import ParkControl

struct ApplicationCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "application",
        abstract: "Applications to enter the park and their automatic prescreen.",
        discussion: """
            An application is prescreened when it is received, against the configured hard criteria \
            (reviews.prescreen): it then waits for a review (the firm's record is reviewing) or has failed \
            (rejected, every failed criterion with its reason).
            """,
        subcommands: [Add.self, List.self, Show.self, Withdraw.self, Checklist.self])

    /// `application 1: passed the prescreen; tenant 3 is reviewing`, and each failed criterion.
    static func summary(_ application: ApplicationAPI.Application) -> String {
        let outcome = switch application.status {
        case "awaitingReview": "passed the prescreen, awaiting review"
        case "prescreenFailed": "failed the prescreen"
        default: application.status
        }
        var text = "application \(application.id): \(outcome)"
        if let tenant = application.tenant { text += "; tenant \(tenant) is \(application.tenantStatus ?? "-")" }
        for check in application.checks where !check.passed {
            text += "\n  \(check.criterion): \(check.reason)"
        }
        return text
    }
}

extension ApplicationCommand {
    struct Add: ParkctlCommand {
        static let configuration = CommandConfiguration(
            abstract: "Receive an application and prescreen it; prints the outcome and every failed criterion.")

        @ParentCommand var parkctl: Parkctl
        @OptionGroup var firm: FirmOptions
        @Option(name: .customLong("registered-capital"), parsing: .unconditional, help: ArgumentHelp("Registered capital in yuan.", valueName: "yuan"))
        var registeredCapital: String
        @Option(parsing: .unconditional, help: "People employed.") var headcount: Int
        @Option(name: .customLong("office-area"), parsing: .unconditional, help: ArgumentHelp("Office area the firm plans to lease.", valueName: "m²"))
        var officeArea: String
        @Option(name: .customLong("expected-revenue"), parsing: .unconditional, help: ArgumentHelp("Expected annual revenue.", valueName: "yuan"))
        var expectedRevenue: String
        @Option(name: .customLong("expected-tax"), parsing: .unconditional, help: ArgumentHelp("Expected annual tax.", valueName: "yuan"))
        var expectedTax: String
        @Option(name: .customLong("legal-representative"), parsing: .unconditional, help: "Legal representative (法定代表人).") var legalRepresentative: String
        @Option(name: .customLong("shareholder"), parsing: .unconditionalSingleValue, help: ArgumentHelp("A shareholder and its share (repeatable).", valueName: "NAME=PERCENT"))
        var shareholders: [String] = []
        @Option(name: .customLong("group-parent"), parsing: .unconditional, help: "Group parent company.") var groupParent: String?
        @Option(name: .customLong("statement"), parsing: .unconditionalSingleValue, help: ArgumentHelp("A statement of the firm (repeatable).", valueName: "text"))
        var statements: [String] = []

        static let fieldOptions = FirmOptions.fieldOptions.merging([
            "registeredCapital": "--registered-capital", "headcount": "--headcount", "plannedOfficeArea": "--office-area",
            "expectedAnnualRevenue": "--expected-revenue", "expectedAnnualTax": "--expected-tax",
            "legalRepresentative": "--legal-representative", "shareholders": "--shareholder", "groupParent": "--group-parent",
            "statements": "--statement",
        ]) { first, _ in first }

        func run() async throws {
            try await respond(ApplicationAPI.create, ApplicationAPI.Create(
                name: firm.name, creditCode: firm.creditCode, businessLines: firm.businessLines, origin: firm.origin, tags: firm.tags,
                contactPerson: firm.contactPerson, contactPhone: firm.contactPhone, dispatchLicence: firm.dispatchLicence,
                hrServiceLicence: firm.hrServiceLicence, registeredCapital: registeredCapital, headcount: headcount,
                plannedOfficeArea: officeArea, expectedAnnualRevenue: expectedRevenue, expectedAnnualTax: expectedTax,
                legalRepresentative: legalRepresentative, shareholders: shareholders, groupParent: groupParent,
                statements: statements, appliedOn: firm.on),
                json: \.application) { reply in ApplicationCommand.summary(reply.application) }
        }
    }

    struct List: ParkctlCommand {
        static let configuration = CommandConfiguration(abstract: "List applications by id.")

        @ParentCommand var parkctl: Parkctl
        @Option(parsing: .unconditional, help: "Only applications in this status: awaitingReview, prescreenFailed, withdrawn, approved or rejected.") var status: String?

        static let fieldOptions: FieldOptions = ["status": "--status"]

        func run() async throws {
            try await respond(ApplicationAPI.list, ApplicationAPI.List(status: status)) { reply in
                var table = Table(columns: [
                    .init(title: "ID", alignment: .right), .init(title: "NAME"), .init(title: "CREDIT CODE"), .init(title: "APPLIED"),
                    .init(title: "STATUS"), .init(title: "TENANT", alignment: .right), .init(title: "FAILED"),
                ])
                for application in reply.applications {
                    table.add([
                        String(application.id), application.name, application.creditCode, application.appliedOn, application.status,
                        application.tenant.map(String.init) ?? "-",
                        application.checks.filter { !$0.passed }.map(\.criterion).joined(separator: ",").nilIfEmpty ?? "-",
                    ])
                }
                return table.render(orIfEmpty: "no applications")
            }
        }
    }

    struct Show: ParkctlCommand {
        static let configuration = CommandConfiguration(abstract: "Show one application and its prescreen.")

        @ParentCommand var parkctl: Parkctl
        @Argument(help: "Application id.") var application: Int64

        static let fieldOptions: FieldOptions = ["application": "APPLICATION"]

        func run() async throws {
            try await respond(ApplicationAPI.get, ApplicationAPI.Get(application: application), json: \.application) { reply in
                Show.render(reply.application)
            }
        }

        static func render(_ application: ApplicationAPI.Application) -> String {
            var fields = Fields()
            fields.add("ID", String(application.id))
            fields.add("Name", application.name)
            fields.add("Credit code", application.creditCode)
            fields.add("Status", application.status)
            fields.add("Tenant", application.tenant.map { "\($0) (\(application.tenantStatus ?? "-"))" })
            fields.add("Applied on", application.appliedOn)
            fields.add("Business lines", application.businessLines.joined(separator: ", "))
            fields.add("Origin", application.origin)
            fields.add("Tags", application.tags.isEmpty ? nil : application.tags.joined(separator: ", "))
            fields.add("Contact", [application.contactPerson, application.contactPhone].compactMap { $0 }.joined(separator: ", ").nilIfEmpty)
            fields.add("Dispatch licence", application.dispatchLicence)
            fields.add("HR service licence", application.hrServiceLicence)
            fields.add("Registered capital", application.registeredCapital.grouped + " yuan")
            fields.add("Headcount", String(application.headcount))
            fields.add("Planned office area", application.plannedOfficeArea + " m²")
            fields.add("Expected revenue", application.expectedAnnualRevenue.grouped + " yuan a year")
            fields.add("Expected tax", application.expectedAnnualTax.grouped + " yuan a year")
            fields.add("Legal representative", application.legalRepresentative)
            fields.add("Shareholders", application.shareholders.isEmpty ? nil
                : application.shareholders.map { "\($0.name) \($0.percent)%" }.joined(separator: ", "))
            fields.add("Group parent", application.groupParent)
            for (index, statement) in application.statements.enumerated() {
                fields.add(index == 0 ? "Statements" : "", statement)
            }
            if let withdrawn = application.withdrawnOn {
                fields.add("Withdrawn", "\(withdrawn): \(application.withdrawalReason ?? "-")")
            }
            fields.add("Received", "\(application.createdAt) by \(application.createdBy)")
            var table = Table("CRITERION", "RESULT", "REASON")
            for check in application.checks {
                table.add([check.criterion, check.passed ? "passed" : "FAILED", check.reason])
            }
            return fields.render() + "\n\nPrescreen:\n" + table.render()
        }
    }

    struct Withdraw: ParkctlCommand {
        static let configuration = CommandConfiguration(
            abstract: "Withdraw an open application at the firm's request; the firm's record becomes rejected.")

        @ParentCommand var parkctl: Parkctl
        @Argument(help: "Application id.") var application: Int64
        @Option(parsing: .unconditional, help: "Why, in the firm's words.") var reason: String
        @Option(parsing: .unconditional, help: ArgumentHelp("Day of the withdrawal (default today).", valueName: "YYYY-MM-DD")) var on: String?

        static let fieldOptions: FieldOptions = ["application": "APPLICATION", "reason": "--reason", "on": "--on"]

        func run() async throws {
            try await respond(ApplicationAPI.withdraw, ApplicationAPI.Withdraw(application: application, reason: reason, on: on), json: \.application) { reply in
                "application \(reply.application.id) withdrawn on \(reply.application.withdrawnOn ?? "-")"
                    + (reply.application.tenant.map { "; tenant \($0) is \(reply.application.tenantStatus ?? "-")" } ?? "")
            }
        }
    }
}
