/// `io.parkd.Application`: the onboarding checklist of an approved firm.
extension ApplicationAPI {
    public static let checklist = VarlinkMethod<Checklist, ChecklistReply>("io.parkd.Application.Checklist", access: .read)
    public static let tickChecklist = VarlinkMethod<TickChecklist, TickChecklistReply>("io.parkd.Application.TickChecklist", access: .write)

    static let checklistMethods: [any DeclaredMethod] = [checklist, tickChecklist]

    static let checklistDefinition = """

        # An item of an approved firm's onboarding checklist (入驻手续).
        type ChecklistItem (
          # The item's name, as the configuration (reviews.onboarding) names it.
          name: string,
          # What it is.
          description: string,
          # The day it was ticked (YYYY-MM-DD); null while open.
          tickedOn: ?string,
          # User name of whoever ticked it.
          tickedBy: ?string
        )

        # An application's onboarding checklist: the firm becomes active once every item is
        # ticked and its first lease has started.
        method Checklist(
          # The application's id.
          application: int
        ) -> (
          # The firm's tenant record.
          tenant: int,
          # Its status now.
          tenantStatus: string,
          # The items, in the configuration's order.
          items: []ChecklistItem
        )

        # Ticks one item of an application's checklist today. The last tick makes an approved
        # firm whose first lease has started active.
        method TickChecklist(
          # The application's id.
          application: int,
          # The item's name.
          item: string
        ) -> (
          # The firm's tenant record.
          tenant: int,
          # Its status now.
          tenantStatus: string,
          # The items, in the configuration's order.
          items: []ChecklistItem,
          # Whether this tick made the firm active.
          activated: bool
        )

        """

    public struct ChecklistItem: Codable, Sendable, Equatable {
        public var name: String
        public var description: String
        public var tickedOn: String?
        public var tickedBy: String?
        public init(name: String, description: String, tickedOn: String?, tickedBy: String?) {
            self.name = name
            self.description = description
            self.tickedOn = tickedOn
            self.tickedBy = tickedBy
        }
    }

    public struct Checklist: Codable, Sendable {
        public var application: Int64
        public init(application: Int64) { self.application = application }
    }

    public struct ChecklistReply: Codable, Sendable {
        public var tenant: Int64
        public var tenantStatus: String
        public var items: [ChecklistItem]
        public init(tenant: Int64, tenantStatus: String, items: [ChecklistItem]) {
            self.tenant = tenant
            self.tenantStatus = tenantStatus
            self.items = items
        }
    }

    public struct TickChecklist: Codable, Sendable {
        public var application: Int64
        public var item: String
        public init(application: Int64, item: String) {
            self.application = application
            self.item = item
        }
    }

    public struct TickChecklistReply: Codable, Sendable {
        public var tenant: Int64
        public var tenantStatus: String
        public var items: [ChecklistItem]
        public var activated: Bool
        public init(tenant: Int64, tenantStatus: String, items: [ChecklistItem], activated: Bool) {
            self.tenant = tenant
            self.tenantStatus = tenantStatus
            self.items = items
            self.activated = activated
        }
    }
}
