import MemberwiseInit

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

    @MemberwiseInit
    public struct ChecklistItem: Codable, Sendable, Equatable {
        public var name: String
        public var description: String
        public var tickedOn: String?
        public var tickedBy: String?
    }

    @MemberwiseInit
    public struct Checklist: Codable, Sendable {
        public var application: Int64
    }

    @MemberwiseInit
    public struct ChecklistReply: Codable, Sendable {
        public var tenant: Int64
        public var tenantStatus: String
        public var items: [ChecklistItem]
    }

    @MemberwiseInit
    public struct TickChecklist: Codable, Sendable {
        public var application: Int64
        public var item: String
    }

    @MemberwiseInit
    public struct TickChecklistReply: Codable, Sendable {
        public var tenant: Int64
        public var tenantStatus: String
        public var items: [ChecklistItem]
        public var activated: Bool
    }
}
