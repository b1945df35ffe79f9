import ArgumentParser
import ParkControl

extension ApplicationCommand {
    struct Checklist: ParkctlCommand {
        static let configuration = CommandConfiguration(
            abstract: "An approved firm's onboarding checklist; --tick ITEM ticks one (the last tick, once the first lease has started, makes the firm active).")

        @ParentCommand var parkctl: Parkctl
        @Argument(help: "Application id.") var application: Int64
        @Option(parsing: .unconditional, help: ArgumentHelp("Tick this item today.", valueName: "item")) var tick: String?

        static let fieldOptions: FieldOptions = ["application": "APPLICATION", "item": "--tick"]

        func run() async throws {
            if let tick {
                try await respond(ApplicationAPI.tickChecklist, ApplicationAPI.TickChecklist(application: application, item: tick)) { reply in
                    Self.render(application: application, tenant: reply.tenant, status: reply.tenantStatus, items: reply.items)
                        + (reply.activated ? "\ntenant \(reply.tenant) is active: every item ticked and its first lease started" : "")
                }
            } else {
                try await respond(ApplicationAPI.checklist, ApplicationAPI.Checklist(application: application)) { reply in
                    Self.render(application: application, tenant: reply.tenant, status: reply.tenantStatus, items: reply.items)
                }
            }
        }

        static func render(application: Int64, tenant: Int64, status: String, items: [ApplicationAPI.ChecklistItem]) -> String {
            let done = items.filter { $0.tickedOn != nil }.count
            var table = Table(columns: [.init(title: "ITEM"), .init(title: "DONE"), .init(title: "BY"), .init(title: "DESCRIPTION")])
            for item in items { table.add([item.name, item.tickedOn ?? "-", item.tickedBy ?? "-", item.description]) }
            return "application \(application): \(done) of \(items.count) ticked; tenant \(tenant) is \(status)\n" + table.render()
        }
    }
}
